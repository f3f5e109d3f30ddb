import type { SecondFactorStatus, TotpSetup } from '../../common/api/second-factor';
import type { Clock } from '../clock';
import { AppError } from '../http/errors';
import type { Throttle } from '../throttle/throttle';
import { isRecoveryCodeShape, newRecoveryCode, RECOVERY_CODE_COUNT, type RecoveryCodeStore } from './recovery-codes';
import { lastSecondFactor, type RequirementStore } from './requirement';
import type { TotpStore } from './store';
import { matchingStep, newTotpSecret, totpUri } from './totp';

export type SecondFactorMethod = 'totp' | 'recoveryCode' | 'passkey';

/** What this service needs of the account's passkeys (server/passkeys/). */
export interface PasskeyFactors {
  count(accountId: string): Promise<number>;
  removeAll(accountId: string): Promise<void>;
}

export interface SecondFactorDeps {
  store: TotpStore;
  recoveryCodes: RecoveryCodeStore;
  passkeys: PasskeyFactors;
  requirement: RequirementStore;
  throttle: Throttle;
  clock: Clock;
  /** Shown in the authenticator app above the code. */
  issuer: string;
}

/** `field`: the body field the code came in, so the form marks it. */
function invalidCode(field: string): AppError {
  const message = 'The code is wrong or was already used. Please wait for the next one.';
  return new AppError('second_factor_invalid', message, { fields: { [field]: { code: 'invalid_format', message } } });
}

/** Authenticator apps (TOTP): set-up, the login step and turning it off (issue 12). */
export class SecondFactorService {
  constructor(private readonly deps: SecondFactorDeps) {}

  async status(accountId: string): Promise<SecondFactorStatus> {
    const factor = await this.deps.store.find(accountId);
    return {
      totp: !factor ? 'off' : factor.confirmedAt ? 'on' : 'pending',
      recoveryCodesLeft: await this.deps.recoveryCodes.left(accountId),
      passkeys: await this.deps.passkeys.count(accountId),
    };
  }

  /** The confirmed factors a login must pass after the password; empty: the password is enough. */
  async methodsFor(accountId: string): Promise<SecondFactorMethod[]> {
    const status = await this.status(accountId);
    const methods: SecondFactorMethod[] = [];
    if (status.totp === 'on') methods.push(...(status.recoveryCodesLeft > 0 ? (['totp', 'recoveryCode'] as const) : (['totp'] as const)));
    if (status.passkeys > 0) methods.push('passkey');
    return methods;
  }

  /** A new secret, generated here; it counts only once confirmed with a first code. */
  async beginTotp(accountId: string, label: string): Promise<TotpSetup> {
    const secret = newTotpSecret();
    if (!(await this.deps.store.begin(accountId, secret, this.deps.clock.now()))) {
      throw new AppError('second_factor_already_set', 'An authenticator app is already set up. Turn it off first.');
    }
    return { secret, uri: totpUri(secret, this.deps.issuer, label) };
  }

  /**
   * The first code proves the app holds the secret; from now on the login asks for a code. Returns
   * the first recovery codes, shown this once.
   */
  async confirmTotp(accountId: string, code: string): Promise<string[]> {
    const factor = await this.deps.store.find(accountId);
    if (!factor || factor.confirmedAt) {
      throw new AppError('second_factor_not_started', 'Please start the set-up of an authenticator app first.');
    }
    await this.checkCode(accountId, code, 'confirming', 'code');
    return this.newRecoveryCodes(accountId);
  }

  /**
   * A code of the confirmed app or a recovery code (login, or the fresh check before a sensitive
   * action). After a recovery code, says how many are left.
   */
  async verifyCode(accountId: string, code: string, field = 'code'): Promise<{ recoveryCodesLeft?: number }> {
    if (!isRecoveryCodeShape(code)) {
      await this.checkCode(accountId, code, 'confirmed', field);
      return {};
    }
    await this.checkCode(accountId, code, 'recovery', field);
    return { recoveryCodesLeft: await this.deps.recoveryCodes.left(accountId) };
  }

  /** The caller checked the password; a new sheet replaces the old one, whose codes stop working. */
  async regenerateRecoveryCodes(accountId: string): Promise<string[]> {
    if ((await this.status(accountId)).totp !== 'on') {
      throw new AppError('second_factor_not_started', 'Recovery codes belong to a second factor; set one up first.');
    }
    return this.newRecoveryCodes(accountId);
  }

  /** The route's fresh check took the password and a code (server/second-factor/fresh-check.ts). */
  async turnOffTotp(accountId: string): Promise<void> {
    if ((await this.status(accountId)).totp !== 'on') {
      throw new AppError('second_factor_not_started', 'No authenticator app is set up.');
    }
    // With a passkey left, the organisation's requirement stays met.
    if ((await this.deps.requirement.of(accountId)).required && (await this.deps.passkeys.count(accountId)) === 0) throw lastSecondFactor();
    await this.deps.store.remove(accountId);
    await this.deps.recoveryCodes.removeAll(accountId);
  }

  /**
   * The organisation's representative resets a member's factors (lost phone, passkeys with it); the
   * member sets one up again. False when the member had none (nothing changed).
   */
  async reset(accountId: string): Promise<boolean> {
    const status = await this.status(accountId);
    if (status.totp === 'off' && status.passkeys === 0 && status.recoveryCodesLeft === 0) return false;
    await this.deps.store.remove(accountId);
    await this.deps.recoveryCodes.removeAll(accountId);
    await this.deps.passkeys.removeAll(accountId);
    return true;
  }

  private async newRecoveryCodes(accountId: string): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await this.deps.recoveryCodes.replace(accountId, codes, this.deps.clock.now());
    return codes;
  }

  /**
   * Counted before it is checked (reserve, then settle), so parallel guesses cannot pass the limit;
   * a right code clears the account's failures.
   */
  private async checkCode(accountId: string, code: string, kind: 'confirming' | 'confirmed' | 'recovery', field: string): Promise<void> {
    const { throttle } = this.deps;
    const attempt = await throttle.reserve([{ limit: 'secondFactorAttemptsPerAccount', subject: accountId, onSuccess: 'clear' }]);
    attempt.begin();
    try {
      if (!(await this.accepts(accountId, code, kind))) {
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
  private async accepts(accountId: string, code: string, kind: 'confirming' | 'confirmed' | 'recovery'): Promise<boolean> {
    const { store, recoveryCodes, clock } = this.deps;
    const factor = await store.find(accountId);
    if (!factor || (kind === 'confirming') !== (factor.confirmedAt === null)) return false;
    if (kind === 'recovery') return recoveryCodes.use(accountId, code);
    const now = clock.now();
    const step = matchingStep(factor.secret, code, now);
    return step !== undefined && store.useStep(accountId, step, now, kind === 'confirming');
  }
}
