import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { knownBrowsers } from '../db/schema';

/** The browsers each account signed in from (server/sessions/known-browsers.ts): digests and times only. */
export class KnownBrowserStore {
  constructor(private readonly db: Db) {}

  /**
   * Records a sign-in (a new row, or the time of the last one renewed) and says whether one of
   * `digests` had signed in to the account since `since`, before this one: one statement (issue 17;
   * isKnown then remember were two). Every part of a statement reads the rows as they were before it.
   */
  async signIn(accountId: string, digests: string[], digest: string, at: Date, since: Date): Promise<{ known: boolean }> {
    const before = this.db.$with('before').as(
      this.db
        .select({ id: knownBrowsers.id })
        .from(knownBrowsers)
        .where(and(eq(knownBrowsers.accountId, accountId), inArray(knownBrowsers.browserDigest, digests), gte(knownBrowsers.lastSignInAt, since)))
        .limit(1),
    );
    const [row] = await this.db
      .with(before)
      .insert(knownBrowsers)
      .values({ accountId, browserDigest: digest, lastSignInAt: at })
      .onConflictDoUpdate({ target: [knownBrowsers.accountId, knownBrowsers.browserDigest], set: { lastSignInAt: at } })
      .returning({ known: sql<boolean>`exists (select 1 from ${before})` });
    return { known: row?.known === true };
  }

  /** "This was not me": no browser counts as the owner's any more, the intruder's included. */
  async forgetAll(accountId: string): Promise<void> {
    await this.db.delete(knownBrowsers).where(eq(knownBrowsers.accountId, accountId));
  }

  /** Retention (knownBrowsers): rows whose last sign-in was before `cutoff`, up to `limit`; returns how many. */
  async deleteUnusedSince(cutoff: Date, limit: number): Promise<number> {
    const unused = lt(knownBrowsers.lastSignInAt, cutoff);
    const removed = await this.db
      .delete(knownBrowsers)
      .where(inArray(knownBrowsers.id, this.db.select({ id: knownBrowsers.id }).from(knownBrowsers).where(unused).limit(limit)))
      .returning({ id: knownBrowsers.id });
    return removed.length;
  }
}
