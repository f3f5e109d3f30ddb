import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sessionResponse } from '../../common/api/accounts';
import { loginRequest } from '../../common/api/credentials';
import { clientOf } from '../http/client';
import { presentProfile } from '../accounts/presenter';
import type { AccountService } from '../accounts/service';
import {
  clearSessionCookie,
  ensureBrowserCookie,
  expectedCsrfToken,
  setSessionCookie,
  type CookieSettings,
} from '../http/auth';
import { csrfTokenFor, type SessionService } from './service';

const tags = ['session'];

export function registerSessionRoutes(
  app: FastifyInstance,
  deps: { accounts: AccountService; sessions: SessionService; cookies: CookieSettings },
): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { accounts, sessions, cookies } = deps;

  api.get('/api/session', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: 'The current login state and the CSRF token for write requests',
      response: { 200: sessionResponse },
    },
    handler: async (request, reply) => {
      ensureBrowserCookie(request, reply, cookies);
      const csrfToken = expectedCsrfToken(request, cookies) ?? '';
      if (!request.session) return { csrfToken, account: null };
      const { account, pendingEmail } = await accounts.profile(request.session.accountId);
      return { csrfToken, account: presentProfile(account, pendingEmail) };
    },
  });

  api.post('/api/session', {
    config: { access: 'public' },
    schema: { tags, summary: 'Log in with e-mail and password', body: loginRequest, response: { 200: sessionResponse } },
    handler: async (request, reply) => {
      const account = await accounts.authenticate(request.body.email, request.body.password, clientOf(request));
      if (request.session) await sessions.end(request.session.idHash);
      const { sessionId, csrfToken } = await sessions.start(account.id);
      setSessionCookie(reply, cookies, sessionId);
      const { pendingEmail } = await accounts.profile(account.id);
      return { csrfToken, account: presentProfile(account, pendingEmail) };
    },
  });

  api.delete('/api/session', {
    config: { access: 'public' },
    schema: { tags, summary: 'Log out: the session ends on the server at once', response: { 200: sessionResponse } },
    handler: async (request, reply) => {
      if (request.session) await sessions.end(request.session.idHash);
      clearSessionCookie(reply, cookies);
      const browserValue = ensureBrowserCookie(request, reply, cookies);
      return { csrfToken: csrfTokenFor(browserValue), account: null };
    },
  });
}
