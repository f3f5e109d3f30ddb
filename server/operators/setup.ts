import type { Clock } from '../clock';
import type { Db } from '../db/database';
import type { CookieSettings } from '../http/auth';
import type { FieldCipher } from '../security/field-crypto';
import type { Sealer } from '../security/sealed-columns';
import { PendingLogins } from '../second-factor/pending-login';
import type { SessionService } from '../sessions/service';
import type { Throttle } from '../throttle/throttle';
import { OperatorSecondFactor, operatorPendingLogin } from './second-factor';
import { OperatorRecoveryCodeStore, OperatorTotpStore } from './second-factor-store';
import { OperatorStore } from './store';

/** Operator staff's second factor and the ticket between their password and code (issue 12). */
export function buildOperatorSecondFactor(deps: {
  db: Db;
  sealer: Sealer;
  cipher: FieldCipher;
  /** The operator sessions (a reset ends a staff member's logins). */
  sessions: SessionService;
  throttle: Throttle;
  clock: Clock;
  cookies: CookieSettings;
  /** Shown in the authenticator app above the code. */
  issuer: string;
}): { secondFactor: OperatorSecondFactor; pending: PendingLogins } {
  const secondFactor = new OperatorSecondFactor({
    operators: new OperatorStore(deps.db, deps.sealer),
    store: new OperatorTotpStore(deps.db, deps.sealer),
    recoveryCodes: new OperatorRecoveryCodeStore(deps.db),
    sessions: deps.sessions,
    throttle: deps.throttle,
    clock: deps.clock,
    issuer: deps.issuer,
  });
  return { secondFactor, pending: new PendingLogins(deps.cipher, deps.clock, deps.cookies, operatorPendingLogin) };
}
