import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sessionResponse } from '../../common/api/accounts';
import { dataExport, exportQuery, reauthenticationRequest } from '../../common/api/privacy-rights';
import { clearSessionCookie, ensureBrowserCookie, requireSession, type CookieSettings } from '../http/auth';
import { clearDeviceCookie } from '../accounts/known-devices';
import { csrfTokenFor } from '../sessions/service';
import type { RightsService } from './service';
import { limitPer } from '../throttle/route-limits';

const tags = ['privacy'];

/**
 * Self-service data-subject rights (P-24). Requests that end the account's processing
 * re-authenticate, log out and answer like logging out (a fresh CSRF token, no account).
 */
export function registerRightsRoutes(app: FastifyInstance, deps: { rights: RightsService; cookies: CookieSettings }): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { rights, cookies } = deps;

  api.get('/api/privacy/export', {
    config: { access: 'customer' },
    schema: {
      tags,
      summary: 'Everything stored about the logged-in person, with purposes, retention and recipients (Art. 15, Art. 20); ?download=1 as a file',
      querystring: exportQuery,
      response: { 200: dataExport },
    },
    handler: async (request, reply) => {
      const session = requireSession(request);
      const document = await rights.export(session.accountId, session.idHash);
      if (request.query.download) {
        const day = document.generatedAt.slice(0, 10);
        void reply.header('content-disposition', `attachment; filename="sprechzimmer-data-${day}.json"`);
      }
      // Personal data: never kept by a browser or proxy cache.
      void reply.header('cache-control', 'no-store');
      return document;
    },
  });

  const ending = [
    [
      '/api/privacy/restrict',
      'Restrict processing of one’s own account (Art. 18): no login until the operator lifts it',
      (accountId: string, password: string) => rights.restrictOwn(accountId, password),
    ],
    [
      '/api/privacy/delete-account',
      'Delete one’s own account and everything of it (Art. 17)',
      (accountId: string, password: string) => rights.deleteOwnAccount(accountId, password),
    ],
    [
      '/api/privacy/delete-organization',
      'Delete the organisation with all its people (representative; Art. 17); they are told by e-mail',
      (accountId: string, password: string) => rights.deleteOrganization(accountId, password),
    ],
  ] as const;
  for (const [url, summary, run] of ending) {
    api.post(url, {
      config: { access: 'customer', freshCheck: true, limits: [limitPer('passwordChecksPerAccount', 'service')] },
      schema: { tags, summary, body: reauthenticationRequest, response: { 200: sessionResponse } },
      handler: async (request, reply) => {
        await run(requireSession(request).accountId, request.body.currentPassword);
        clearSessionCookie(reply, cookies);
        clearDeviceCookie(reply, cookies);
        return { csrfToken: csrfTokenFor(ensureBrowserCookie(request, reply, cookies)), account: null };
      },
    });
  }
}
