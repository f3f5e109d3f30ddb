import { and, count, eq, isNotNull, isNull, lt, lte, or } from 'drizzle-orm';
import type { Db } from '../db/database';
import { operatorRecoveryCodes, operatorSessions, operatorTotpFactors } from '../db/schema';
import type { Sealer } from '../security/sealed-columns';
import type { RecoveryCodeRecords, TotpRecords } from '../second-factor/code-factor';
import { recoveryCodeHash } from '../second-factor/recovery-codes';
import type { TotpFactor } from '../second-factor/store';

/**
 * Operator staff's authenticator app and recovery codes: the same records as a customer's
 * (server/second-factor/store.ts, recovery-codes.ts) in tables of their own, sealed the same way.
 */
export class OperatorTotpStore implements TotpRecords {
  constructor(
    private readonly db: Db,
    private readonly sealer: Sealer,
  ) {}

  async find(operatorId: string): Promise<TotpFactor | undefined> {
    const table = operatorTotpFactors;
    const [row] = await this.db
      .select({ secret: table.secret, confirmedAt: table.confirmedAt, lastUsedStep: table.lastUsedStep })
      .from(table)
      .where(eq(table.operatorId, operatorId))
      .limit(1);
    return row ? this.sealer.open('operatorTotpFactors', row) : undefined;
  }

  async begin(operatorId: string, secret: string, now: Date): Promise<boolean> {
    const table = operatorTotpFactors;
    const sealed = this.sealer.seal('operatorTotpFactors', { secret });
    const rows = await this.db
      .insert(table)
      .values({ operatorId, secret: sealed.secret, createdAt: now })
      .onConflictDoUpdate({ target: table.operatorId, set: { secret: sealed.secret, createdAt: now, lastUsedStep: null }, setWhere: isNull(table.confirmedAt) })
      .returning({ operatorId: table.operatorId });
    return rows.length > 0;
  }

  async useStep(operatorId: string, step: number, now: Date, confirming: boolean): Promise<boolean> {
    const table = operatorTotpFactors;
    const fresh = or(isNull(table.lastUsedStep), lt(table.lastUsedStep, step));
    const state = confirming ? isNull(table.confirmedAt) : isNotNull(table.confirmedAt);
    const rows = await this.db
      .update(table)
      .set(confirming ? { lastUsedStep: step, confirmedAt: now } : { lastUsedStep: step })
      .where(and(eq(table.operatorId, operatorId), state, fresh))
      .returning({ operatorId: table.operatorId });
    return rows.length > 0;
  }

  async remove(operatorId: string): Promise<void> {
    await this.db.delete(operatorTotpFactors).where(eq(operatorTotpFactors.operatorId, operatorId));
  }

  /**
   * Whether the operator session passed the second factor: the staff member's app was confirmed no
   * later than the session began. Sessions only start after a code, so this refuses sessions of an
   * older password-only sign-in and sessions from before a reset.
   */
  async sessionPassed(sessionIdHash: string): Promise<boolean> {
    const [row] = await this.db
      .select({ operatorId: operatorSessions.operatorId })
      .from(operatorSessions)
      .innerJoin(operatorTotpFactors, eq(operatorTotpFactors.operatorId, operatorSessions.operatorId))
      .where(
        and(
          eq(operatorSessions.idHash, sessionIdHash),
          isNotNull(operatorTotpFactors.confirmedAt),
          lte(operatorTotpFactors.confirmedAt, operatorSessions.createdAt),
        ),
      )
      .limit(1);
    return row !== undefined;
  }
}

export class OperatorRecoveryCodeStore implements RecoveryCodeRecords {
  constructor(private readonly db: Db) {}

  async replace(operatorId: string, codes: readonly string[], now: Date): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.delete(operatorRecoveryCodes).where(eq(operatorRecoveryCodes.operatorId, operatorId));
      await tx.insert(operatorRecoveryCodes).values(codes.map((code) => ({ operatorId, codeHash: recoveryCodeHash(code), createdAt: now })));
    });
  }

  async use(operatorId: string, code: string): Promise<boolean> {
    const removed = await this.db
      .delete(operatorRecoveryCodes)
      .where(and(eq(operatorRecoveryCodes.operatorId, operatorId), eq(operatorRecoveryCodes.codeHash, recoveryCodeHash(code))))
      .returning({ id: operatorRecoveryCodes.id });
    return removed.length > 0;
  }

  async left(operatorId: string): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(operatorRecoveryCodes).where(eq(operatorRecoveryCodes.operatorId, operatorId));
    return Number(row?.n ?? 0);
  }

  async removeAll(operatorId: string): Promise<void> {
    await this.db.delete(operatorRecoveryCodes).where(eq(operatorRecoveryCodes.operatorId, operatorId));
  }
}
