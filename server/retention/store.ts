import { and, eq, gt, inArray, isNotNull, isNull, lt, notExists, or } from 'drizzle-orm';
import type { Db } from '../db/database';
import { accounts, consultations, emailTokens, organizations } from '../db/schema';

/**
 * The deletions of the retention jobs whose tables have no other owner doing it. Each method deletes
 * at most `limit` rows in one statement and returns how many went; the condition is repeated in the
 * DELETE so a row that stopped qualifying since the sub-select (a link re-sent) is left alone.
 */
export class RetentionStore {
  constructor(private readonly db: Db) {}

  async deleteEndedConsultations(cutoff: Date, limit: number): Promise<number> {
    const due = and(eq(consultations.status, 'ended'), lt(consultations.endedAt, cutoff));
    const removed = await this.db
      .delete(consultations)
      .where(and(due, inArray(consultations.id, this.db.select({ id: consultations.id }).from(consultations).where(due).limit(limit))))
      .returning({ id: consultations.id });
    return removed.length;
  }

  /**
   * Accounts never confirmed (self-registered, or invited by an organisation) that were created before
   * `cutoff` and have no link that still works at `now`: a re-sent link keeps the registration alive
   * until it expires.
   */
  async deleteUnconfirmedAccounts(cutoff: Date, now: Date, limit: number): Promise<number> {
    const liveLink = this.db
      .select({ id: emailTokens.id })
      .from(emailTokens)
      .where(and(eq(emailTokens.accountId, accounts.id), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, now)));
    const due = and(inArray(accounts.status, ['pending', 'invited']), lt(accounts.createdAt, cutoff), notExists(liveLink));
    const removed = await this.db
      .delete(accounts)
      .where(and(due, inArray(accounts.id, this.db.select({ id: accounts.id }).from(accounts).where(due).limit(limit))))
      .returning({ id: accounts.id });
    return removed.length;
  }

  /** Organisations whose registration was never confirmed, once their representative's account is gone. */
  async deleteUnconfirmedOrganizations(cutoff: Date, limit: number): Promise<number> {
    const anyAccount = this.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.organizationId, organizations.id));
    const due = and(eq(organizations.status, 'pending'), lt(organizations.createdAt, cutoff), notExists(anyAccount));
    const candidates = this.db.select({ id: organizations.id }).from(organizations).where(due).limit(limit);
    const removed = await this.db
      .delete(organizations)
      .where(and(due, inArray(organizations.id, candidates)))
      .returning({ id: organizations.id });
    return removed.length;
  }

  /** Links used (at once) or expired before `expiredBefore`. */
  async deleteSpentEmailTokens(expiredBefore: Date, limit: number): Promise<number> {
    const due = or(isNotNull(emailTokens.usedAt), lt(emailTokens.expiresAt, expiredBefore));
    const removed = await this.db
      .delete(emailTokens)
      .where(and(due, inArray(emailTokens.id, this.db.select({ id: emailTokens.id }).from(emailTokens).where(due).limit(limit))))
      .returning({ id: emailTokens.id });
    return removed.length;
  }
}
