import { randomBytes } from 'node:crypto';
import { and, eq, gt, inArray, isNull, lt } from 'drizzle-orm';
import type { Db } from '../db/database';
import { passkeyChallenges } from '../db/schema';
import { sha256 } from '../security/tokens';

export type ChallengePurpose = (typeof passkeyChallenges.$inferSelect)['purpose'];

/**
 * Challenges live on the server, never in the browser's hands alone: each is issued for one purpose
 * (and account, where known), answered at most once — the row is deleted by the statement that
 * accepts it — and refused after its lifetime. Only a hash is stored.
 */
export class ChallengeStore {
  constructor(private readonly db: Db) {}

  /** A fresh random challenge (32 bytes, base64url, as WebAuthn carries it in clientDataJSON). */
  async issue(purpose: ChallengePurpose, accountId: string | null, expiresAt: Date): Promise<string> {
    const challenge = randomBytes(32).toString('base64url');
    await this.db.insert(passkeyChallenges).values({ challengeHash: sha256(challenge), purpose, accountId, expiresAt });
    return challenge;
  }

  /** True once for a challenge issued for this purpose and account and still valid at `now`. */
  async consume(challenge: string, purpose: ChallengePurpose, accountId: string | null, now: Date): Promise<boolean> {
    const removed = await this.db
      .delete(passkeyChallenges)
      .where(
        and(
          eq(passkeyChallenges.challengeHash, sha256(challenge)),
          eq(passkeyChallenges.purpose, purpose),
          accountId === null ? isNull(passkeyChallenges.accountId) : eq(passkeyChallenges.accountId, accountId),
          gt(passkeyChallenges.expiresAt, now),
        ),
      )
      .returning({ id: passkeyChallenges.id });
    return removed.length > 0;
  }

  /** Retention (passkeyChallenges): those expired before `cutoff`, up to `limit`; returns how many. */
  async deleteExpired(cutoff: Date, limit: number): Promise<number> {
    const expired = lt(passkeyChallenges.expiresAt, cutoff);
    const removed = await this.db
      .delete(passkeyChallenges)
      .where(inArray(passkeyChallenges.id, this.db.select({ id: passkeyChallenges.id }).from(passkeyChallenges).where(expired).limit(limit)))
      .returning({ id: passkeyChallenges.id });
    return removed.length;
  }
}
