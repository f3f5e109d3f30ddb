import type { AppCore } from '../http/core';
import type { RightsService } from '../rights/service';
import { ReceiptStore } from '../retention/receipts';
import { registerReceiptRoutes } from '../retention/routes';
import { RetentionService } from '../retention/service';
import { probeHsts, SelfCheckService, type HstsProbe } from '../selfcheck/service';
import { registerSelfCheckRoutes } from '../selfcheck/routes';
import { SelfCheckStore } from '../selfcheck/store';
import { SessionService } from '../sessions/service';
import { ChallengeIssuer } from '../support/challenge';
import { registerSupportRoutes } from '../support/routes';
import { SupportService } from '../support/service';
import { SupportStore } from '../support/store';
import { registerArt30Route } from './art30-route';
import { registerRestrictionRoutes } from './restrictions';
import { registerOperatorSessionRoutes } from './routes';
import { buildOperatorSecondFactor } from './setup';
import { OperatorService } from './service';
import { OperatorSessionStore, OperatorStore } from './store';

/**
 * The operator's area: operator staff and their sessions, contact requests from the public,
 * deletion receipts, the Art. 30 record, the Anlage 31b self-check and lifting restrictions.
 */
export function buildOperatorArea(core: AppCore, options: { hstsProbe: HstsProbe | undefined }) {
  const { database, sealer, clock, throttle, config } = core;
  const operatorSessions = new SessionService(new OperatorSessionStore(database.db), clock);
  const operators = new OperatorService({ store: new OperatorStore(database.db, sealer), hasher: core.hasher, throttle, clock });
  // Operator staff always sign in with a second factor (issue 12).
  const operatorLogins = buildOperatorSecondFactor({
    db: database.db,
    sealer,
    cipher: core.cipher,
    sessions: operatorSessions,
    throttle,
    clock,
    cookies: core.cookies,
    issuer: config.operator.name,
  });
  const supportStore = new SupportStore(database.db, sealer);
  const challenges = new ChallengeIssuer({ counter: core.attempts, secret: core.throttleSecret, clock });
  const support = new SupportService({ store: supportStore, challenges, throttle, mailer: core.mailer, clock, operatorName: config.operator.name });
  const receiptStore = new ReceiptStore(database.db);
  const receipts = new RetentionService(receiptStore);

  function registerRoutes(rights: RightsService): void {
    const { http } = core;
    registerOperatorSessionRoutes(http, { operators, sessions: operatorSessions, cookies: core.cookies, ...operatorLogins });
    registerSupportRoutes(http, { support, challenges, operators });
    registerReceiptRoutes(http, receipts);
    registerArt30Route(http, config);
    const selfCheck = new SelfCheckService({
      config,
      store: new SelfCheckStore(database.db),
      receipts: receiptStore,
      clock,
      probe: options.hstsProbe ?? probeHsts,
    });
    registerSelfCheckRoutes(http, { config, selfCheck });
    registerRestrictionRoutes(http, { rights });
  }

  return { operatorSessions, operators, operatorSecondFactor: operatorLogins.secondFactor, supportStore, receiptStore, receipts, registerRoutes };
}
