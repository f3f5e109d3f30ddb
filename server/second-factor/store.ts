import { and, eq, isNotNull, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../db/database';
import { totpFactors } from '../db/schema';
import type { Sealer } from '../security/sealed-columns';
import type { TotpRecords } from './code-factor';

export interface TotpFactor {
  secret: string;
  confirmedAt: Date | null;
  lastUsedStep: number | null;
}

/** The authenticator-app secrets; sealed at rest, opened only here. */
export class TotpStore implements TotpRecords {
  constructor(
    private readonly db: Db,
    private readonly sealer: Sealer,
  ) {}

  async find(accountId: string): Promise<TotpFactor | undefined> {
    const [row] = await this.db
      .select({ secret: totpFactors.secret, confirmedAt: totpFactors.confirmedAt, lastUsedStep: totpFactors.lastUsedStep })
      .from(totpFactors)
      .where(eq(totpFactors.accountId, accountId))
      .limit(1);
    return row ? this.sealer.open('totpFactors', row) : undefined;
  }

  /** Stores a new unconfirmed secret; a confirmed one is never replaced (returns false then). */
  async begin(accountId: string, secret: string, now: Date): Promise<boolean> {
    const sealed = this.sealer.seal('totpFactors', { secret });
    const rows = await this.db
      .insert(totpFactors)
      .values({ accountId, secret: sealed.secret, createdAt: now })
      .onConflictDoUpdate({
        target: totpFactors.accountId,
        set: { secret: sealed.secret, createdAt: now, lastUsedStep: null },
        setWhere: isNull(totpFactors.confirmedAt),
      })
      .returning({ accountId: totpFactors.accountId });
    return rows.length > 0;
  }

  /**
   * Records `step` as used, only if it is later than the last used one: one conditional update, so
   * two requests with the same code cannot both pass. `confirmed` selects whether the factor must be
   * confirmed already (login) or is being confirmed now (set-up).
   */
  async useStep(accountId: string, step: number, now: Date, confirming: boolean): Promise<boolean> {
    const fresh = or(isNull(totpFactors.lastUsedStep), lt(totpFactors.lastUsedStep, step));
    const state = confirming ? isNull(totpFactors.confirmedAt) : isNotNull(totpFactors.confirmedAt);
    const rows = await this.db
      .update(totpFactors)
      .set(confirming ? { lastUsedStep: step, confirmedAt: now } : { lastUsedStep: step })
      .where(and(eq(totpFactors.accountId, accountId), state, fresh))
      .returning({ accountId: totpFactors.accountId });
    return rows.length > 0;
  }

  async remove(accountId: string): Promise<void> {
    await this.db.delete(totpFactors).where(eq(totpFactors.accountId, accountId));
  }
}
