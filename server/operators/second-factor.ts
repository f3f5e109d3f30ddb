import type { TotpSetup } from '../../common/api/second-factor';
import type { Clock } from '../clock';
import { AppError } from '../http/errors';
import { CodeFactor } from '../second-factor/code-factor';
import type { PendingLoginKind } from '../second-factor/pending-login';
import type { SessionService } from '../sessions/service';
import type { Throttle } from '../throttle/throttle';
import type { OperatorRecoveryCodeStore, OperatorTotpStore } from './second-factor-store';
import type { OperatorStore } from './store';

/** The ticket between an operator's password and code: its own key and cookie, never a customer's. */
export function operatorPendingLoginCookieName(secure: boolean): string {
  return `${secure ? '__Host-' : ''}sz_operator_pending`;
}
export const operatorPendingLogin: PendingLoginKind = { purpose: 'operator pending login after password', cookieName: operatorPendingLoginCookieName };

/** What the password step leads to: setting up the app (first sign-in, or after a reset) or its code. */
export type OperatorSecondFactorStep = 'enrol' | 'code';

/** Operator staff are counted apart from customer accounts (as their login failures are). */
const subject = (operatorId: string) => `operator:${operatorId}`;

export interface OperatorSecondFactorDeps {
  operators: OperatorStore;
  store: OperatorTotpStore;
  recoveryCodes: OperatorRecoveryCodeStore;
  sessions: SessionService;
  throttle: Throttle;
  clock: Clock;
  issuer: string;
}

/**
 * Operator staff always sign in with a second factor (issue 12): an authenticator app, set up at the
 * first sign-in, or one of its recovery codes. There is no one above the operator to reset it but
 * the CLI (`npm run operator -- reset-second-factor`).
 */
export class OperatorSecondFactor {
  private readonly codes: CodeFactor;

  constructor(private readonly deps: OperatorSecondFactorDeps) {
    this.codes = new CodeFactor({
      store: deps.store,
      recoveryCodes: deps.recoveryCodes,
      throttle: deps.throttle,
      clock: deps.clock,
      issuer: deps.issuer,
      subject,
    });
  }

  async stepFor(operatorId: string): Promise<OperatorSecondFactorStep> {
    return (await this.codes.state(operatorId)) === 'on' ? 'code' : 'enrol';
  }

  /** A new secret for a staff member without a confirmed app; counted, as each replaces the last. */
  async beginEnrolment(operatorId: string): Promise<TotpSetup> {
    await this.deps.throttle.consume('credentialChangesPerAccount', subject(operatorId));
    const operator = await this.deps.operators.findById(operatorId);
    if (!operator) throw new AppError('second_factor_login_expired', 'Please log in with your password again.');
    return this.codes.begin(operatorId, operator.email);
  }

  /** The first code of the app; answers the first recovery codes, shown this once. */
  confirmEnrolment(operatorId: string, code: string): Promise<string[]> {
    return this.codes.confirm(operatorId, code);
  }

  /** The code step of a sign-in: a code of the app or a recovery code. */
  async verify(operatorId: string, code: string): Promise<{ recoveryCodesLeft?: number }> {
    if ((await this.codes.state(operatorId)) !== 'on') {
      throw new AppError('second_factor_not_started', 'Please set up an authenticator app first.');
    }
    return this.codes.verify(operatorId, code);
  }

  /** Asked by the authentication hook on every operator route. */
  sessionPassed(sessionIdHash: string): Promise<boolean> {
    return this.deps.store.sessionPassed(sessionIdHash);
  }

  /**
   * The CLI's reset (a lost phone and no recovery code left): the app and codes go, the staff member's
   * logins end, and the next sign-in sets up a new app. False for an unknown address.
   */
  async reset(emailAddress: string): Promise<boolean> {
    const operator = await this.deps.operators.findByEmail(emailAddress.trim().toLowerCase());
    if (!operator) return false;
    await this.codes.remove(operator.id);
    await this.deps.sessions.endAllOf(operator.id);
    return true;
  }
}
