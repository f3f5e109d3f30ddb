import type { TotpSetup } from '../../common/api/second-factor';
import type { Clock } from '../clock';
import { AppError } from '../http/errors';
import type { Throttle } from '../throttle/throttle';
import { isRecoveryCodeShape, newRecoveryCode, RECOVERY_CODE_COUNT } from './recovery-codes';
import type { TotpFactor } from './store';
import { matchingStep, newTotpSecret, totpUri } from './totp';

/** Where a login's authenticator-app secret lives: customer accounts (store.ts) or operator staff. */
export interface TotpRecords {
  find(ownerId: string): Promise<TotpFactor | undefined>;
  /** A new unconfirmed secret; false when a confirmed one exists (never replaced). */
  begin(ownerId: string, secret: string, now: Date): Promise<boolean>;
  /** Marks `step` used only if it is later than the last used one, in one conditional statement. */
  useStep(ownerId: string, step: number, now: Date, confirming: boolean): Promise<boolean>;
  remove(ownerId: string): Promise<void>;
}

/** Hashed single-use recovery codes of the same login (recovery-codes.ts for customer accounts). */
export interface RecoveryCodeRecords {
  replace(ownerId: string, codes: readonly string[], now: Date): Promise<void>;
  /** Deletes the code if the owner holds it: true once. */
  use(ownerId: string, code: string): Promise<boolean>;
  left(ownerId: string): Promise<number>;
  removeAll(ownerId: string): Promise<void>;
}

export interface CodeFactorDeps {
  store: TotpRecords;
  recoveryCodes: RecoveryCodeRecords;
  throttle: Throttle;
  clock: Clock;
  /** Shown in the authenticator app above the code. */
  issuer: string;
  /** The throttle subject of an owner, so that two kinds of login with equal ids never share a count. */
  subject: (ownerId: string) => string;
}

type CodeKind = 'confirming' | 'confirmed' | 'recovery';

/** `field`: the body field the code came in, so the form marks it. */
function invalidCode(field: string): AppError {
  const message = 'The code is wrong or was already used. Please wait for the next one.';
  return new AppError('second_factor_invalid', message, { fields: { [field]: { code: 'invalid_format', message } } });
}

/**
 * An authenticator app (TOTP, ±1 step) with its recovery codes, for whichever login owns it
 * (customer accounts in service.ts, operator staff in server/operators/second-factor.ts): set-up,
 * confirmation, the code check with replay refusal and the per-owner attempt count.
 */
export class CodeFactor {
  constructor(private readonly deps: CodeFactorDeps) {}

  async state(ownerId: string): Promise<'off' | 'pending' | 'on'> {
    const factor = await this.deps.store.find(ownerId);
    return !factor ? 'off' : factor.confirmedAt ? 'on' : 'pending';
  }

  recoveryCodesLeft(ownerId: string): Promise<number> {
    return this.deps.recoveryCodes.left(ownerId);
  }

  /** A new secret, generated here; it counts only once confirmed with a first code. */
  async begin(ownerId: string, label: string): Promise<TotpSetup> {
    const secret = newTotpSecret();
    if (!(await this.deps.store.begin(ownerId, secret, this.deps.clock.now()))) {
      throw new AppError('second_factor_already_set', 'An authenticator app is already set up. Turn it off first.');
    }
    return { secret, uri: totpUri(secret, this.deps.issuer, label) };
  }

  /** The first code proves the app holds the secret. Returns the first recovery codes, shown this once. */
  async confirm(ownerId: string, code: string): Promise<string[]> {
    const factor = await this.deps.store.find(ownerId);
    if (!factor || factor.confirmedAt) {
      throw new AppError('second_factor_not_started', 'Please start the set-up of an authenticator app first.');
    }
    await this.checkCode(ownerId, code, 'confirming', 'code');
    return this.newRecoveryCodes(ownerId);
  }

  /** A code of the confirmed app or a recovery code. After a recovery code, says how many are left. */
  async verify(ownerId: string, code: string, field = 'code'): Promise<{ recoveryCodesLeft?: number }> {
    if (!isRecoveryCodeShape(code)) {
      await this.checkCode(ownerId, code, 'confirmed', field);
      return {};
    }
    await this.checkCode(ownerId, code, 'recovery', field);
    return { recoveryCodesLeft: await this.deps.recoveryCodes.left(ownerId) };
  }

  /** A new sheet replaces the old one, whose codes stop working. */
  async newRecoveryCodes(ownerId: string): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await this.deps.recoveryCodes.replace(ownerId, codes, this.deps.clock.now());
    return codes;
  }

  async remove(ownerId: string): Promise<void> {
    await this.deps.store.remove(ownerId);
    await this.deps.recoveryCodes.removeAll(ownerId);
  }

  /**
   * Counted before it is checked (reserve, then settle), so parallel guesses cannot pass the limit;
   * a right code clears the owner's failures.
   */
  private async checkCode(ownerId: string, code: string, kind: CodeKind, field: string): Promise<void> {
    const { throttle } = this.deps;
    const attempt = await throttle.reserve([{ limit: 'secondFactorAttemptsPerAccount', subject: this.deps.subject(ownerId), onSuccess: 'clear' }]);
    attempt.begin();
    try {
      if (!(await this.accepts(ownerId, code, kind))) {
        attempt.failed();
        throw invalidCode(field);
      }
    } catch (error) {
      // Only a check that never ran (the database was away) is given back; a failure keeps its place.
      await attempt.abandoned();
      throw error;
    }
    await attempt.succeeded();
  }

  /** Accepting a code uses it up in the same statement, so it passes once. */
  private async accepts(ownerId: string, code: string, kind: CodeKind): Promise<boolean> {
    const { store, recoveryCodes, clock } = this.deps;
    const factor = await store.find(ownerId);
    if (!factor || (kind === 'confirming') !== (factor.confirmedAt === null)) return false;
    if (kind === 'recovery') return recoveryCodes.use(ownerId, code);
    const now = clock.now();
    const step = matchingStep(factor.secret, code, now);
    return step !== undefined && store.useStep(ownerId, step, now, kind === 'confirming');
  }
}
