import { desc } from 'drizzle-orm';
import type { Db } from '../db/database';
import { deletionReceipts } from '../db/schema';
import type { LastRun } from './checks';

/** What the self-check reads from the database: the newest deletion receipt of each retention job. */
export class SelfCheckStore {
  constructor(private readonly db: Db) {}

  async lastRunPerJob(): Promise<Map<string, LastRun>> {
    const rows = await this.db
      .selectDistinctOn([deletionReceipts.job], {
        job: deletionReceipts.job,
        startedAt: deletionReceipts.startedAt,
        outcome: deletionReceipts.outcome,
      })
      .from(deletionReceipts)
      .orderBy(deletionReceipts.job, desc(deletionReceipts.seq));
    return new Map(rows.map((row) => [row.job, { startedAt: row.startedAt, outcome: row.outcome }]));
  }
}
