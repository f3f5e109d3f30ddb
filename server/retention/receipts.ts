import { createHash } from 'node:crypto';
import { asc, desc, gt, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { deletionReceipts } from '../db/schema';

export type ReceiptRow = typeof deletionReceipts.$inferSelect;
export type ReceiptFields = Omit<ReceiptRow, 'seq' | 'chainStart' | 'previousHash' | 'hash'>;

/** The previous hash of the first receipt ever written. */
export const GENESIS_HASH = '0'.repeat(64);
/** Advisory-lock namespaces (int4 pairs do not overlap the migrations' bigint key). */
export const JOB_LOCK_NAMESPACE = 0x5a_5a_02;
const RECEIPT_LOCK: readonly [number, number] = [0x5a_5a_03, 0];
/** Verification reads the chain in pages of this size, so memory stays flat for any length. */
const VERIFY_PAGE = 1000;

/** SHA-256 over a fixed-order JSON array: key order and Date formatting cannot change the result. */
export function receiptHash(seq: number, chainStart: number, fields: ReceiptFields, previousHash: string): string {
  const canonical = JSON.stringify([
    seq,
    chainStart,
    fields.job,
    fields.rule,
    fields.period,
    fields.cutoff.toISOString(),
    fields.rowsDeleted,
    fields.outcome,
    fields.startedAt.toISOString(),
    fields.finishedAt.toISOString(),
    previousHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

type BreakReason = 'hash_mismatch' | 'previous_hash_mismatch' | 'sequence_gap' | 'start_missing';

export type ChainReport =
  | { intact: true; receipts: number }
  | {
      intact: false;
      receipts: number;
      /** seq of the first receipt that does not fit. */
      brokenAt: number;
      reason: BreakReason;
    };

export class ReceiptStore {
  constructor(private readonly db: Db) {}

  /**
   * Appends under a transaction-scoped advisory lock, so concurrent writers (any process) take turns
   * and each links to the true last receipt; the unique previous_hash refuses a fork regardless.
   */
  async append(fields: ReceiptFields): Promise<ReceiptRow> {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${RECEIPT_LOCK[0]}, ${RECEIPT_LOCK[1]})`);
      const [last] = await tx
        .select({ seq: deletionReceipts.seq, hash: deletionReceipts.hash })
        .from(deletionReceipts)
        .orderBy(desc(deletionReceipts.seq))
        .limit(1);
      const [first] = await tx.select({ seq: deletionReceipts.seq }).from(deletionReceipts).orderBy(asc(deletionReceipts.seq)).limit(1);
      const seq = (last?.seq ?? 0) + 1;
      const chainStart = first?.seq ?? seq;
      const previousHash = last?.hash ?? GENESIS_HASH;
      const [row] = await tx
        .insert(deletionReceipts)
        .values({ ...fields, seq, chainStart, previousHash, hash: receiptHash(seq, chainStart, fields, previousHash) })
        .returning();
      if (!row) throw new Error('insert returned no row');
      return row;
    });
  }

  /** Newest first; `before` is the seq of the last receipt of the previous page. */
  async page(limit: number, before?: number): Promise<ReceiptRow[]> {
    return this.db
      .select()
      .from(deletionReceipts)
      .where(before === undefined ? undefined : lt(deletionReceipts.seq, before))
      .orderBy(desc(deletionReceipts.seq))
      .limit(limit);
  }

  /** Deletes the oldest receipts (a prefix of the chain, never a hole) finished before `cutoff`. */
  async deleteOldest(cutoff: Date, limit: number): Promise<number> {
    const oldest = await this.db
      .select({ seq: deletionReceipts.seq, finishedAt: deletionReceipts.finishedAt })
      .from(deletionReceipts)
      .orderBy(asc(deletionReceipts.seq))
      .limit(limit);
    const prefix = oldest.findIndex((row) => row.finishedAt >= cutoff);
    const due = prefix === -1 ? oldest : oldest.slice(0, prefix);
    const last = due.at(-1);
    if (!last) return 0;
    await this.db.delete(deletionReceipts).where(lte(deletionReceipts.seq, last.seq));
    return due.length;
  }

  /**
   * Walks the chain oldest first and reports the first receipt that does not fit: a recomputed hash
   * that differs (edited), a previous_hash that is not the predecessor's hash, a gap in seq
   * (removed), or a start the newest receipt does not vouch for (oldest ones removed beyond a prune).
   * Removing the newest receipts cannot be seen from the chain alone.
   */
  async verify(): Promise<ChainReport> {
    let previous: ReceiptRow | undefined;
    let start: number | undefined;
    let count = 0;
    for (;;) {
      const rows = await this.db
        .select()
        .from(deletionReceipts)
        .where(previous ? gt(deletionReceipts.seq, previous.seq) : undefined)
        .orderBy(asc(deletionReceipts.seq))
        .limit(VERIFY_PAGE);
      for (const row of rows) {
        const broken = (reason: BreakReason): ChainReport => ({ intact: false, receipts: count, brokenAt: row.seq, reason });
        start ??= row.seq;
        if (previous && row.seq !== previous.seq + 1) return broken('sequence_gap');
        const expectedPrevious = previous ? previous.hash : row.seq === 1 ? GENESIS_HASH : row.previousHash;
        if (row.previousHash !== expectedPrevious) return broken('previous_hash_mismatch');
        if (receiptHash(row.seq, row.chainStart, row, row.previousHash) !== row.hash) return broken('hash_mismatch');
        if (row.chainStart > start || (previous && row.chainStart < previous.chainStart)) return broken('start_missing');
        previous = row;
        count += 1;
      }
      if (rows.length < VERIFY_PAGE) break;
    }
    // The newest receipt saw the chain start where it starts now; otherwise older receipts went since.
    if (previous && previous.chainStart !== start) return { intact: false, receipts: count, brokenAt: start!, reason: 'start_missing' };
    return { intact: true, receipts: count };
  }
}
