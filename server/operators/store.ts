import { and, eq, inArray, lt, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { operators, operatorSessions } from '../db/schema';
import type { Sealer } from '../security/sealed-columns';
import type { SessionRecords, SessionRow } from '../sessions/store';

export type OperatorRow = typeof operators.$inferSelect;

/** Name and e-mail are sealed (P-21); the login finds the address by its blind index. */
export class OperatorStore {
  constructor(
    private readonly db: Db,
    private readonly sealer: Sealer,
  ) {}

  /** Undefined when the address is taken. */
  async insert(row: { email: string; name: string; passwordHash: string; createdAt: Date }): Promise<OperatorRow | undefined> {
    const sealed = this.sealer.seal('operators', { ...row, emailIndex: '' });
    const [inserted] = await this.db.insert(operators).values(sealed).onConflictDoNothing().returning();
    return inserted && this.sealer.open('operators', inserted);
  }

  /** Sessions go with it (cascade); answers already sent keep the name only. */
  async deleteByEmail(email: string): Promise<boolean> {
    const removed = await this.db
      .delete(operators)
      .where(inArray(operators.emailIndex, this.sealer.emailIndexes(email)))
      .returning({ id: operators.id });
    return removed.length > 0;
  }

  async findByEmail(email: string): Promise<OperatorRow | undefined> {
    const [row] = await this.db
      .select()
      .from(operators)
      .where(inArray(operators.emailIndex, this.sealer.emailIndexes(email)))
      .limit(1);
    return row && this.sealer.open('operators', row);
  }

  async findById(id: string): Promise<OperatorRow | undefined> {
    const [row] = await this.db.select().from(operators).where(eq(operators.id, id)).limit(1);
    return row && this.sealer.open('operators', row);
  }
}

/** Operator logins, under the same rules as customer sessions (SessionService), in a table of their own. */
export class OperatorSessionStore implements SessionRecords {
  /** Read on every operator request: prepared once (see SessionStore). */
  private readonly byIdHash;

  constructor(private readonly db: Db) {
    this.byIdHash = db
      .select()
      .from(operatorSessions)
      .where(eq(operatorSessions.idHash, sql.placeholder('idHash')))
      .limit(1)
      .prepare('operator_sessions_find');
  }

  async insert(row: { idHash: string; accountId: string; createdAt: Date; expiresAt: Date }): Promise<void> {
    await this.db.insert(operatorSessions).values({
      idHash: row.idHash,
      operatorId: row.accountId,
      createdAt: row.createdAt,
      lastSeenAt: row.createdAt,
      expiresAt: row.expiresAt,
    });
  }

  async find(idHash: string): Promise<SessionRow | undefined> {
    const [row] = await this.byIdHash.execute({ idHash });
    if (!row) return undefined;
    const { operatorId, ...rest } = row;
    // Operator sign-ins keep no device description (their list is not built).
    return { ...rest, accountId: operatorId, browser: null, os: null, passkeyCheckedAt: null };
  }

  async touch(idHash: string, at: Date): Promise<void> {
    await this.db.update(operatorSessions).set({ lastSeenAt: at }).where(eq(operatorSessions.idHash, idHash));
  }

  async delete(idHash: string): Promise<void> {
    await this.db.delete(operatorSessions).where(eq(operatorSessions.idHash, idHash));
  }

  async deleteAllOf(operatorId: string, exceptIdHash?: string): Promise<string[]> {
    const mine = eq(operatorSessions.operatorId, operatorId);
    const removed = await this.db
      .delete(operatorSessions)
      .where(exceptIdHash ? and(mine, ne(operatorSessions.idHash, exceptIdHash)) : mine)
      .returning({ idHash: operatorSessions.idHash });
    return removed.map((row) => row.idHash);
  }

  async deleteExpired(now: Date, idleCutoff: Date, limit: number): Promise<string[]> {
    const expired = or(lt(operatorSessions.expiresAt, now), lt(operatorSessions.lastSeenAt, idleCutoff));
    const candidates = this.db.select({ idHash: operatorSessions.idHash }).from(operatorSessions).where(expired).limit(limit);
    const removed = await this.db
      .delete(operatorSessions)
      .where(and(expired, inArray(operatorSessions.idHash, candidates)))
      .returning({ idHash: operatorSessions.idHash });
    return removed.map((row) => row.idHash);
  }
}
