import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import type { Database } from '../db/database';
import { deletionReceipts } from '../db/schema';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import type { RetentionJob } from './jobs';
import { ReceiptStore } from './receipts';
import { RetentionScheduler } from './scheduler';

/** A job that deletes `rows` once released, so two runs can be made to overlap for certain. */
function gatedJob(rule: RetentionJob['rule'], rows = 2) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let entered!: () => void;
  const started = new Promise<void>((resolve) => (entered = resolve));
  let runs = 0;
  const job: RetentionJob = {
    rule,
    async run(run) {
      runs += 1;
      entered();
      await gate;
      run.deleted(rows);
    },
  };
  return { job, release, started, runs: () => runs };
}

describe('retention scheduler', () => {
  let database: TestDatabase;
  let other: Database;
  const clock = new ManualClock('2026-01-15T03:07:00Z');
  const errors: [string, unknown][] = [];
  const onError = (job: string, error: unknown) => errors.push([job, error]);

  beforeAll(async () => {
    database = await openTestDatabase();
    other = await database.connectAgain();
  });
  afterAll(async () => {
    await other.close();
    await database.close();
  });
  beforeEach(async () => {
    errors.length = 0;
    await database.db.delete(deletionReceipts);
  });

  it('runs a job in exactly one of two processes that start it at the same time', async () => {
    const first = gatedJob('callMetadata');
    const second = gatedJob('callMetadata');
    const here = new RetentionScheduler({ database, receipts: new ReceiptStore(database.db), clock, jobs: [first.job], onError });
    const there = new RetentionScheduler({ database: other, receipts: new ReceiptStore(other.db), clock, jobs: [second.job], onError });

    const running = here.runJob('callMetadata');
    await first.started;
    expect(await there.runJob('callMetadata')).toBeUndefined();
    first.release();
    expect(await running).toMatchObject({ job: 'callMetadata', rowsDeleted: 2, outcome: 'completed', period: 'P3M' });
    expect(second.runs()).toBe(0);
    expect(await database.db.select().from(deletionReceipts)).toHaveLength(1);

    // The lock is released afterwards: the other process runs it next time.
    second.release();
    expect(await there.runJob('callMetadata')).toMatchObject({ seq: 2, rowsDeleted: 2 });
    expect(errors).toEqual([]);
  });

  it('runs every job once at start-up (catch-up after downtime), and stop waits for a running job', async () => {
    const metadata = gatedJob('callMetadata', 5);
    const sessions = gatedJob('loginSessions', 1);
    sessions.release();
    const scheduler = new RetentionScheduler({ database, receipts: new ReceiptStore(database.db), clock, jobs: [sessions.job, metadata.job], onError });
    const caughtUp = scheduler.start();
    await metadata.started;
    let stopped = false;
    const stopping = scheduler.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toBe(false);
    metadata.release();
    await Promise.all([caughtUp, stopping]);
    const receipts = await database.db.select().from(deletionReceipts).orderBy(deletionReceipts.seq);
    expect(receipts.map((receipt) => [receipt.job, receipt.rowsDeleted])).toEqual([
      ['loginSessions', 1],
      ['callMetadata', 5],
    ]);
    expect(await scheduler.runJob('loginSessions')).toBeUndefined();
  });

  it('records a failed run with what it deleted before failing, and the other jobs still run', async () => {
    const failing: RetentionJob = {
      rule: 'emailLinks',
      async run(run) {
        run.deleted(500);
        throw new Error('connection lost');
      },
    };
    const fine = gatedJob('loginSessions', 0);
    fine.release();
    const scheduler = new RetentionScheduler({ database, receipts: new ReceiptStore(database.db), clock, jobs: [failing, fine.job], onError });
    await scheduler.runAll();
    const receipts = await database.db.select().from(deletionReceipts).orderBy(deletionReceipts.seq);
    expect(receipts.map((receipt) => [receipt.job, receipt.outcome, receipt.rowsDeleted])).toEqual([
      ['emailLinks', 'failed', 500],
      ['loginSessions', 'completed', 0],
    ]);
    expect(errors.map(([job]) => job)).toEqual(['emailLinks']);
  });

  it('refuses two jobs for one rule', () => {
    const job = gatedJob('callMetadata').job;
    expect(() => new RetentionScheduler({ database, receipts: new ReceiptStore(database.db), clock, jobs: [job, job], onError })).toThrow(
      'one job per retention rule',
    );
  });
});
