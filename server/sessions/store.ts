import { and, eq, inArray, lt, ne, or } from 'drizzle-orm';
import type { Db } from '../db/database';
import { sessions } from '../db/schema';

export type SessionRow = typeof sessions.$inferSelect;

/**
 * What SessionService needs of a session table. Customer sessions and operator sessions live in
 * tables of their own (a login of one kind can never pass for the other) but follow the same rules;
 * `accountId` is whoever the session belongs to.
 */
export interface SessionRecords {
  insert(row: { idHash: string; accountId: string; createdAt: Date; expiresAt: Date }): Promise<void>;
  find(idHash: string): Promise<SessionRow | undefined>;
  touch(idHash: string, at: Date): Promise<void>;
  delete(idHash: string): Promise<void>;
  deleteAllOf(accountId: string, exceptIdHash?: string): Promise<string[]>;
  deleteExpired(now: Date, idleCutoff: Date, limit: number): Promise<string[]>;
}

export class SessionStore implements SessionRecords {
  constructor(private readonly db: Db) {}

  async insert(row: { idHash: string; accountId: string; createdAt: Date; expiresAt: Date }): Promise<void> {
    await this.db.insert(sessions).values({ ...row, lastSeenAt: row.createdAt });
  }

  async find(idHash: string): Promise<SessionRow | undefined> {
    const [row] = await this.db.select().from(sessions).where(eq(sessions.idHash, idHash)).limit(1);
    return row;
  }

  async touch(idHash: string, at: Date): Promise<void> {
    await this.db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.idHash, idHash));
  }

  async delete(idHash: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.idHash, idHash));
  }

  /** Returns the hashes of the sessions removed. */
  async deleteAllOf(accountId: string, exceptIdHash?: string): Promise<string[]> {
    const removed = await this.db
      .delete(sessions)
      .where(
        exceptIdHash
          ? and(eq(sessions.accountId, accountId), ne(sessions.idHash, exceptIdHash))
          : eq(sessions.accountId, accountId),
      )
      .returning({ idHash: sessions.idHash });
    return removed.map((row) => row.idHash);
  }

  /** Removes up to `limit` sessions past their absolute or idle limit; returns the hashes removed. */
  async deleteExpired(now: Date, idleCutoff: Date, limit: number): Promise<string[]> {
    const expired = or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleCutoff));
    const removed = await this.db
      .delete(sessions)
      .where(and(expired, inArray(sessions.idHash, this.db.select({ idHash: sessions.idHash }).from(sessions).where(expired).limit(limit))))
      .returning({ idHash: sessions.idHash });
    return removed.map((row) => row.idHash);
  }
}
