import { registerAccountRoutes } from '../accounts/routes';
import { KnownDevices } from '../accounts/known-devices';
import type { Identity } from '../accounts/module';
import type { AppCore } from '../http/core';
import { ChallengeStore } from '../passkeys/challenges';
import { registerPasskeyRoutes } from '../passkeys/routes';
import { PasskeyService } from '../passkeys/service';
import { PasskeyStore } from '../passkeys/store';
import { registerSignedInBrowserRoutes } from '../sessions/browser-routes';
import { SignedInBrowsers } from '../sessions/browsers';
import { KnownBrowsers } from '../sessions/known-browsers';
import { registerSessionRoutes } from '../sessions/routes';
import { SignInNotices } from '../sessions/sign-in-notice';
import { registerFreshCheck } from './fresh-check';
import { registerOrganizationSecondFactorRoutes } from './organization-routes';
import { PendingLogins } from './pending-login';
import { RecoveryCodeStore } from './recovery-codes';
import { registerSecondFactorRequirement, RequirementStore } from './requirement';
import { registerSecondFactorRoutes } from './routes';
import { SecondFactorService } from './service';
import { TotpStore } from './store';

/**
 * Signing in and proving it is you (issue 12): passwords, second factors, passkeys, the browsers
 * someone is signed in on, and the checks that sensitive routes ask for again.
 */
export function buildSignIn(core: AppCore, identity: Identity) {
  const { database, sealer, throttle, clock, config, cipher, cookies } = core;
  const requirement = new RequirementStore(database.db);
  const passkeyChallenges = new ChallengeStore(database.db);
  const passkeys = new PasskeyService({
    store: new PasskeyStore(database.db, sealer),
    challenges: passkeyChallenges,
    requirement,
    throttle,
    clock,
    // WebAuthn binds every passkey to PUBLIC_URL: its host is the RP ID, its origin the only one accepted.
    relyingParty: { id: config.publicUrl.hostname, origin: config.publicUrl.origin, name: config.operator.name },
  });
  const secondFactor = new SecondFactorService({
    store: new TotpStore(database.db, sealer),
    recoveryCodes: new RecoveryCodeStore(database.db),
    passkeys,
    requirement,
    throttle,
    clock,
    issuer: config.operator.name,
  });
  const pending = new PendingLogins(cipher, clock, cookies);
  const knownDevices = new KnownDevices(cipher, clock);
  const notices = new SignInNotices(core.mailer, clock, config.publicUrl.origin, identity.links, core.afterAnswer);
  const knownBrowsers = new KnownBrowsers(identity.knownBrowserStore, cipher, clock, cookies);

  /** The checks every customer route passes: a fresh second factor where sensitive, one set up where required. */
  function registerChecks(): void {
    registerFreshCheck(core.http, secondFactor, identity.sessionStore, clock);
    registerSecondFactorRequirement(core.http, requirement);
  }

  function registerRoutes(): void {
    const { http } = core;
    const { accounts, sessions, sessionStore, accountStore } = identity;
    registerSessionRoutes(http, { accounts, sessions, cookies, knownDevices, pending, notices, knownBrowsers });
    registerSignedInBrowserRoutes(http, new SignedInBrowsers(sessionStore, sessions));
    registerSecondFactorRoutes(http, { secondFactor, accounts, sessions, pending, cookies, notices, knownBrowsers });
    registerPasskeyRoutes(http, { passkeys, accounts, sessions, pending, cookies, knownDevices, notices, knownBrowsers, passkeyChecks: sessionStore, clock });
    registerOrganizationSecondFactorRoutes(http, { accounts: accountStore, requirement, clock });
    registerAccountRoutes(http, accounts, knownBrowsers);
  }

  return { secondFactor, passkeyChallenges, knownBrowsers, registerChecks, registerRoutes };
}
