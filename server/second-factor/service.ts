import type { SecondFactorStatus, TotpSetup } from '../../common/api/second-factor';
import type { Clock } from '../clock';
import { AppError } from '../http/errors';
import type { Throttle } from '../throttle/throttle';
import { CodeFactor } from './code-factor';
import type { RecoveryCodeStore } from './recovery-codes';
import { lastSecondFactor, type RequirementStore } from './requirement';
import type { TotpStore } from './store';

export type SecondFactorMethod = 'totp' | 'recoveryCode' | 'passkey';

/** What this service needs of the account's passkeys (server/passkeys/). */
interface PasskeyFactors {
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

/**
 * The confirmed factors a login must pass after the password, from whether the account has each
 * (a confirmed app, a recovery code left, a passkey); empty: the password is enough. The password
 * login reads those facts with its answer's (AccountStore.afterPasswordOf), others through methodsFor.
 */
export function methodsOf(has: { totp: boolean; recoveryCodes: boolean; passkey: boolean }): SecondFactorMethod[] {
  const methods: SecondFactorMethod[] = [];
  if (has.totp) methods.push(...(has.recoveryCodes ? (['totp', 'recoveryCode'] as const) : (['totp'] as const)));
  if (has.passkey) methods.push('passkey');
  return methods;
}

/** Authenticator apps (TOTP): set-up, the login step and turning it off (issue 12). */
export class SecondFactorService {
  private readonly codes: CodeFactor;

  constructor(private readonly deps: SecondFactorDeps) {
    // An account's id is its own throttle subject (operator staff are counted under another prefix).
    this.codes = new CodeFactor({ ...deps, subject: (accountId) => accountId });
  }

  async status(accountId: string): Promise<SecondFactorStatus> {
    return {
      totp: await this.codes.state(accountId),
      recoveryCodesLeft: await this.codes.recoveryCodesLeft(accountId),
      passkeys: await this.deps.passkeys.count(accountId),
    };
  }

  /** The confirmed factors a login must pass after the password; empty: the password is enough. */
  async methodsFor(accountId: string): Promise<SecondFactorMethod[]> {
    const status = await this.status(accountId);
    return methodsOf({ totp: status.totp === 'on', recoveryCodes: status.recoveryCodesLeft > 0, passkey: status.passkeys > 0 });
  }

  /** A new secret, generated here; it counts only once confirmed with a first code. */
  async beginTotp(accountId: string, label: string): Promise<TotpSetup> {
    return this.codes.begin(accountId, label);
  }

  /**
   * The first code proves the app holds the secret; from now on the login asks for a code. Returns
   * the first recovery codes, shown this once.
   */
  async confirmTotp(accountId: string, code: string): Promise<string[]> {
    return this.codes.confirm(accountId, code);
  }

  /**
   * A code of the confirmed app or a recovery code (login, or the fresh check before a sensitive
   * action). After a recovery code, says how many are left.
   */
  async verifyCode(accountId: string, code: string, field = 'code'): Promise<{ recoveryCodesLeft?: number }> {
    return this.codes.verify(accountId, code, field);
  }

  /** The caller checked the password; a new sheet replaces the old one, whose codes stop working. */
  async regenerateRecoveryCodes(accountId: string): Promise<string[]> {
    if ((await this.status(accountId)).totp !== 'on') {
      throw new AppError('second_factor_not_started', 'Recovery codes belong to a second factor; set one up first.');
    }
    return this.codes.newRecoveryCodes(accountId);
  }

  /** The route's fresh check took the password and a code (server/second-factor/fresh-check.ts). */
  async turnOffTotp(accountId: string): Promise<void> {
    if ((await this.status(accountId)).totp !== 'on') {
      throw new AppError('second_factor_not_started', 'No authenticator app is set up.');
    }
    // With a passkey left, the organisation's requirement stays met.
    if ((await this.deps.requirement.of(accountId)).required && (await this.deps.passkeys.count(accountId)) === 0) throw lastSecondFactor();
    await this.codes.remove(accountId);
  }

  /**
   * The organisation's representative resets a member's factors (lost phone, passkeys with it); the
   * member sets one up again. False when the member had none (nothing changed).
   */
  async reset(accountId: string): Promise<boolean> {
    const status = await this.status(accountId);
    if (status.totp === 'off' && status.passkeys === 0 && status.recoveryCodesLeft === 0) return false;
    await this.codes.remove(accountId);
    await this.deps.passkeys.removeAll(accountId);
    return true;
  }
}
