import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sessionResponse } from '../../common/api/accounts';
import { loginRequest } from '../../common/api/credentials';
import { clientOf } from '../http/client';
import { presentSessionAccount } from '../accounts/presenter';
import type { AccountService } from '../accounts/service';
import { setDeviceCookie, type KnownDevices } from '../accounts/known-devices';
import { clearSessionCookie, ensureBrowserCookie, expectedCsrfToken, setSessionCookie, type CookieSettings } from '../http/auth';
import { csrfTokenFor, sessionIdHash, type SessionService } from './service';
import { limitPer } from '../throttle/route-limits';
import type { PendingLogins } from '../second-factor/pending-login';
import { tellOfNewBrowser } from '../second-factor/login-completion';
import { describeDevice } from './device';
import type { KnownBrowsers } from './known-browsers';
import type { SignInNotices } from './sign-in-notice';
import { methodsOf } from '../second-factor/service';

const tags = ['session'];

export function registerSessionRoutes(
  app: FastifyInstance,
  deps: {
    accounts: AccountService;
    sessions: SessionService;
    cookies: CookieSettings;
    knownDevices: KnownDevices;
    pending: PendingLogins;
    notices: SignInNotices;
    knownBrowsers: KnownBrowsers;
  },
): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { accounts, sessions, cookies, knownDevices, pending } = deps;

  api.get('/api/session', {
    config: { access: 'public', readsSession: true },
    schema: {
      tags,
      summary: 'The current login state and the CSRF token for write requests',
      response: { 200: sessionResponse },
    },
    handler: async (request, reply) => {
      ensureBrowserCookie(request, reply, cookies);
      // Every page load asks: session and profile in one query instead of one each.
      const sessionId = request.cookies[cookies.names.session];
      const idHash = sessionId ? sessionIdHash(sessionId) : undefined;
      const found = idHash ? await accounts.sessionProfile(idHash) : undefined;
      request.session = idHash && found ? await sessions.admit(idHash, found.session) : undefined;
      const csrfToken = expectedCsrfToken(request, cookies) ?? '';
      if (!request.session || !found) return { csrfToken, account: null };
      const { account, pendingEmail, secondFactorSetupRequired } = found.profile;
      return { csrfToken, account: presentSessionAccount(account, pendingEmail), ...(secondFactorSetupRequired ? { secondFactorSetupRequired } : {}) };
    },
  });

  api.post('/api/session', {
    config: { access: 'public', limits: [limitPer('loginFailuresPerClient', 'service'), limitPer('loginFailuresPerAccount', 'service')] },
    schema: { tags, summary: 'Log in with e-mail and password', body: loginRequest, response: { 200: sessionResponse } },
    handler: async (request, reply) => {
      const knownAccountId = knownDevices.accountOf(request.cookies[cookies.names.device]);
      const account = await accounts.authenticate(request.body.email, request.body.password, clientOf(request), knownAccountId);
      // Renewed after every correct password: a remembered browser stays recognised for as long after
      // the last login. It only ever earns a place in the hashing queue, so it is set before the second
      // factor too (that step follows for accounts that have one).
      const recognise = () => setDeviceCookie(reply, cookies, knownDevices.issue(account.id), request.body.rememberBrowser === true);
      // Issue 12: with a second factor the password only earns the code step (POST /api/session/second-factor).
      // One read for what follows the password: the factors, the pending address, set-up due (issue 17).
      const { factors, pendingEmail, secondFactorSetupRequired } = await accounts.afterPassword(account.id);
      const methods = methodsOf(factors);
      if (methods.length > 0) {
        recognise();
        pending.hold(reply, account.id, request.body.rememberBrowser === true);
        return { csrfToken: csrfTokenFor(ensureBrowserCookie(request, reply, cookies)), account: null, secondFactor: 'required' as const, methods };
      }
      if (request.session) await sessions.end(request.session.idHash);
      const device = describeDevice(request.headers['user-agent']);
      const { sessionId, csrfToken } = await sessions.start(account.id, device);
      setSessionCookie(reply, cookies, sessionId);
      recognise();
      await tellOfNewBrowser(request, reply, deps, account, device, request.body.rememberBrowser === true);
      return { csrfToken, account: presentSessionAccount(account, pendingEmail), ...(secondFactorSetupRequired ? { secondFactorSetupRequired } : {}) };
    },
  });

  api.delete('/api/session', {
    config: { access: 'public', limits: { none: 'ends the own session' } },
    schema: { tags, summary: 'Log out: the session ends on the server at once', response: { 200: sessionResponse } },
    handler: async (request, reply) => {
      if (request.session) await sessions.end(request.session.idHash);
      clearSessionCookie(reply, cookies);
      const browserValue = ensureBrowserCookie(request, reply, cookies);
      return { csrfToken: csrfTokenFor(browserValue), account: null };
    },
  });
}
