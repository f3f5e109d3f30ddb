import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import type { Database } from '../db/database';
import { deletionReceipts } from '../db/schema';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { receiptJob } from './jobs';
import { GENESIS_HASH, ReceiptStore, receiptHash, type ReceiptFields } from './receipts';
import { RetentionScheduler } from './scheduler';
import { RetentionService } from './service';

const fields = (rowsDeleted: number, at = new Date('2026-01-15T03:07:00Z')): ReceiptFields => ({
  job: 'callMetadata',
  rule: 'Activity entries of ended consultations, 3 months after the end',
  period: 'P3M',
  cutoff: new Date('2025-10-15T03:07:00Z'),
  rowsDeleted,
  outcome: 'completed',
  startedAt: at,
  finishedAt: at,
});

describe('deletion receipts', () => {
  let database: TestDatabase;
  let other: Database;
  let store: ReceiptStore;

  beforeAll(async () => {
    database = await openTestDatabase();
    other = await database.connectAgain();
    store = new ReceiptStore(database.db);
  });
  afterAll(async () => {
    await other.close();
    await database.close();
  });
  beforeEach(async () => {
    await database.db.delete(deletionReceipts);
  });

  it('chains every receipt to the previous one by a SHA-256 over its fields', async () => {
    const first = await store.append(fields(3));
    const second = await store.append(fields(0));
    expect(first).toMatchObject({ seq: 1, chainStart: 1, previousHash: GENESIS_HASH, rowsDeleted: 3 });
    expect(second).toMatchObject({ seq: 2, chainStart: 1, previousHash: first.hash });
    expect(second.hash).toBe(receiptHash(2, 1, fields(0), first.hash));
    expect(second.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await store.verify()).toEqual({ intact: true, receipts: 2 });
  });

  it('reports the first broken link when a receipt is edited, rehashed, removed or the oldest ones go', async () => {
    for (let index = 0; index < 4; index += 1) await store.append(fields(index));
    const original = await database.db.select().from(deletionReceipts);
    const restore = async () => {
      await database.db.delete(deletionReceipts);
      await database.db.insert(deletionReceipts).values(original);
      expect(await store.verify()).toEqual({ intact: true, receipts: 4 });
    };
    const seq2 = eq(deletionReceipts.seq, 2);

    await database.db.update(deletionReceipts).set({ rowsDeleted: 0 }).where(eq(deletionReceipts.seq, 2));
    expect(await store.verify()).toEqual({ intact: false, receipts: 1, brokenAt: 2, reason: 'hash_mismatch' });
    await restore();

    // Whoever edits a receipt and recomputes its hash breaks the next link instead.
    const edited = { ...original[1]!, rowsDeleted: 0 };
    await database.db
      .update(deletionReceipts)
      .set({ rowsDeleted: 0, hash: receiptHash(2, 1, edited, edited.previousHash) })
      .where(seq2);
    expect(await store.verify()).toMatchObject({ intact: false, brokenAt: 3, reason: 'previous_hash_mismatch' });
    await restore();

    await database.db.delete(deletionReceipts).where(seq2);
    expect(await store.verify()).toMatchObject({ intact: false, brokenAt: 3, reason: 'sequence_gap' });
    await restore();

    await database.db.delete(deletionReceipts).where(eq(deletionReceipts.seq, 1));
    expect(await store.verify()).toMatchObject({ intact: false, brokenAt: 2, reason: 'start_missing' });
  });

  it('never forks the chain when two processes append at the same time', async () => {
    const otherStore = new ReceiptStore(other.db);
    await Promise.all(Array.from({ length: 30 }, (_, index) => (index % 2 ? store : otherStore).append(fields(index))));
    const rows = await database.db.select().from(deletionReceipts).orderBy(deletionReceipts.seq);
    expect(rows.map((row) => row.seq)).toEqual(Array.from({ length: 30 }, (_, index) => index + 1));
    expect(new Set(rows.map((row) => row.previousHash)).size).toBe(30);
    expect(await store.verify()).toEqual({ intact: true, receipts: 30 });
  });

  it('lists receipts for the operator newest first, page by page', async () => {
    for (let index = 0; index < 5; index += 1) await store.append(fields(index));
    const service = new RetentionService(store);
    const first = await service.listReceipts({ limit: 2 });
    expect(first.receipts.map((receipt) => receipt.seq)).toEqual([5, 4]);
    expect(first.receipts[0]).toMatchObject({ job: 'callMetadata', rowsDeleted: 4, cutoff: '2025-10-15T03:07:00.000Z', outcome: 'completed' });
    const second = await service.listReceipts({ limit: 2, before: first.nextBefore! });
    expect(second.receipts.map((receipt) => receipt.seq)).toEqual([3, 2]);
    const last = await service.listReceipts({ limit: 2, before: second.nextBefore! });
    expect(last).toMatchObject({ nextBefore: null });
    expect(last.receipts.map((receipt) => receipt.seq)).toEqual([1]);
  });

  it('deletes receipts 10 years after they were written, oldest first, and the chain stays verifiable', async () => {
    const clock = new ManualClock('2026-01-15T04:41:00Z');
    const errors: unknown[] = [];
    const scheduler = new RetentionScheduler({ database, receipts: store, clock, jobs: [receiptJob(store)], onError: (_, error) => errors.push(error) });
    const firstAt = clock.now();
    await scheduler.runJob('deletionReceipts');
    clock.advance(24 * 60 * 60 * 1000);
    await scheduler.runJob('deletionReceipts');
    const tenYearsLater = new Date(firstAt);
    tenYearsLater.setUTCFullYear(tenYearsLater.getUTCFullYear() + 10);

    clock.advance(tenYearsLater.getTime() - 1000 - clock.now().getTime());
    expect((await scheduler.runJob('deletionReceipts'))?.rowsDeleted).toBe(0);
    clock.advance(2000);
    const prune = await scheduler.runJob('deletionReceipts');
    expect(prune).toMatchObject({ seq: 4, rowsDeleted: 1, chainStart: 2 });
    expect((await database.db.select({ seq: deletionReceipts.seq }).from(deletionReceipts)).map((row) => row.seq)).toEqual([2, 3, 4]);
    expect(await store.verify()).toEqual({ intact: true, receipts: 3 });
    expect(errors).toEqual([]);

    // Removing the oldest remaining one as well is not covered by any prune.
    await database.db.delete(deletionReceipts).where(eq(deletionReceipts.seq, 2));
    expect(await store.verify()).toMatchObject({ intact: false, brokenAt: 3, reason: 'start_missing' });
  });
});
