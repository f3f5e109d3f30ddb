import type { AppCore } from '../http/core';
import { KnownBrowserStore } from '../sessions/known-browser-store';
import { SessionService } from '../sessions/service';
import { SessionStore } from '../sessions/store';
import { EmailLinks } from './email-links';
import { AccountService } from './service';
import { AccountStore } from './store';

/** Accounts and their login sessions: what every other feature asks "who is this?". */
export function buildIdentity(core: AppCore) {
  const { database, clock, throttle, config } = core;
  const sessionStore = new SessionStore(database.db);
  const sessions = new SessionService(sessionStore, clock);
  const accountStore = new AccountStore(database.db, core.sealer);
  const knownBrowserStore = new KnownBrowserStore(database.db);
  const links = new EmailLinks({ store: accountStore, throttle, clock, publicUrl: config.publicUrl });
  const accounts = new AccountService({
    store: accountStore,
    links,
    sessions,
    hasher: core.hasher,
    mailer: core.mailer,
    throttle,
    clock,
    publicUrl: config.publicUrl,
    knownBrowsers: knownBrowserStore,
  });
  return { sessionStore, sessions, accountStore, knownBrowserStore, links, accounts };
}

export type Identity = ReturnType<typeof buildIdentity>;
