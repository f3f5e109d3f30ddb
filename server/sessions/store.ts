import { and, desc, eq, getTableColumns, gt, inArray, lt, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { TurnBatch } from '../db/turn-batch';
import { accounts, sessions } from '../db/schema';
import { requirementColumns, requirementOf, type Requirement } from '../second-factor/requirement';

/**
 * A stored session; a customer session comes with its account's second-factor requirement, read in
 * the same query (operator sessions have none: their second factor is checked by the operator hook).
 */
export type SessionRow = typeof sessions.$inferSelect & { secondFactor?: Requirement };

/**
 * What SessionService needs of a session table. Customer sessions and operator sessions live in
 * tables of their own (a login of one kind can never pass for the other) but follow the same rules;
 * `accountId` is whoever the session belongs to.
 */
export interface SessionRecords {
  insert(row: { idHash: string; accountId: string; createdAt: Date; expiresAt: Date; browser?: string | null; os?: string | null }): Promise<void>;
  find(idHash: string): Promise<SessionRow | undefined>;
  touch(idHash: string, at: Date): Promise<void>;
  delete(idHash: string): Promise<void>;
  deleteAllOf(accountId: string, exceptIdHash?: string): Promise<string[]>;
  deleteExpired(now: Date, idleCutoff: Date, limit: number): Promise<string[]>;
}

export class SessionStore implements SessionRecords {
  /**
   * Every authenticated request reads its session: prepared once, so neither drizzle builds the
   * query again nor PostgreSQL parses and plans it again (a named statement per pooled connection).
   * The facts of the second-factor rule come along (its columns from second-factor/requirement), so
   * a customer route costs one round trip before its handler instead of two; both are read fresh in
   * every request, so a revoked session or a newly required factor counts at once in every process.
   */
  private readonly byIdHash;
  /**
   * A session is marked seen at most once a minute, but many at once after a restart (every call's
   * sockets come back): the marks of one event-loop turn go in one statement.
   */
  private readonly touchQuery;
  private readonly touches = new TurnBatch((marks: { idHash: string; at: Date }[]) => this.touchAll(marks));

  constructor(private readonly db: Db) {
    this.touchQuery = db
      .update(sessions)
      .set({ lastSeenAt: sql`${sql.placeholder('at')}::timestamptz` })
      .where(sql`${sessions.idHash} = any(${sql.placeholder('idHashes')}::text[])`)
      .prepare('sessions_touch');
    this.byIdHash = db
      .select({ session: getTableColumns(sessions), ...requirementColumns })
      .from(sessions)
      .innerJoin(accounts, eq(accounts.id, sessions.accountId))
      .where(eq(sessions.idHash, sql.placeholder('idHash')))
      .limit(1)
      .prepare('sessions_find');
  }

  async insert(row: { idHash: string; accountId: string; createdAt: Date; expiresAt: Date; browser?: string | null; os?: string | null }): Promise<void> {
    await this.db.insert(sessions).values({ ...row, lastSeenAt: row.createdAt });
  }

  async find(idHash: string): Promise<SessionRow | undefined> {
    const [row] = await this.byIdHash.execute({ idHash });
    return row && { ...row.session, secondFactor: requirementOf(row) };
  }

  /** The account's sessions, newest first; the caller leaves out ended ones. */
  async listOf(accountId: string): Promise<SessionRow[]> {
    return this.db.select().from(sessions).where(eq(sessions.accountId, accountId)).orderBy(desc(sessions.lastSeenAt));
  }

  /** Marks that a passkey was checked in this session for the next sensitive action. */
  async markPasskeyChecked(idHash: string, at: Date): Promise<void> {
    await this.db.update(sessions).set({ passkeyCheckedAt: at }).where(eq(sessions.idHash, idHash));
  }

  /** Uses the mark up if it is later than `since`: one statement, so one check serves one action. */
  async usePasskeyCheck(idHash: string, since: Date): Promise<boolean> {
    const rows = await this.db
      .update(sessions)
      .set({ passkeyCheckedAt: null })
      .where(and(eq(sessions.idHash, idHash), gt(sessions.passkeyCheckedAt, since)))
      .returning({ idHash: sessions.idHash });
    return rows.length > 0;
  }

  touch(idHash: string, at: Date): Promise<void> {
    return this.touches.load({ idHash, at });
  }

  /** One time for the turn's marks, the latest (they differ by the milliseconds of one turn). */
  private async touchAll(marks: { idHash: string; at: Date }[]): Promise<undefined[]> {
    const at = new Date(Math.max(...marks.map((mark) => mark.at.getTime())));
    await this.touchQuery.execute({ at: at.toISOString(), idHashes: marks.map((mark) => mark.idHash) });
    return marks.map(() => undefined);
  }

  async delete(idHash: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.idHash, idHash));
  }

  /** Returns the hashes of the sessions removed. */
  async deleteAllOf(accountId: string, exceptIdHash?: string): Promise<string[]> {
    const removed = await this.db
      .delete(sessions)
      .where(exceptIdHash ? and(eq(sessions.accountId, accountId), ne(sessions.idHash, exceptIdHash)) : eq(sessions.accountId, accountId))
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
