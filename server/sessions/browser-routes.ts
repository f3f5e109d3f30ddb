import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { okResponse } from '../../common/api/accounts';
import { sessionParams, signedInBrowsers } from '../../common/api/sessions';
import { requireSession } from '../http/auth';
import type { SignedInBrowsers } from './browsers';
import { presentSignedInBrowser } from './presenter';

const tags = ['session'];

/** Issue 12: "Where you are signed in" on the account page. */
export function registerSignedInBrowserRoutes(app: FastifyInstance, browsers: SignedInBrowsers): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/api/profile/sessions', {
    config: { access: 'customer' },
    schema: { tags, summary: 'The account’s sign-ins: started, last active, browser and system (never an address)', response: { 200: signedInBrowsers } },
    handler: async (request) => {
      const { accountId, idHash } = requireSession(request);
      return { sessions: (await browsers.list(accountId)).map((row) => presentSignedInBrowser(row, idHash)) };
    },
  });

  api.post('/api/profile/sessions/:sessionId/end', {
    config: { access: 'customer', limits: { none: 'ends one of the own sign-ins; sends nothing' } },
    schema: { tags, summary: 'End another sign-in of the own account', params: sessionParams, response: { 200: okResponse } },
    handler: async (request) => {
      const { accountId, idHash } = requireSession(request);
      await browsers.end(accountId, request.params.sessionId, idHash);
      return { ok: true as const };
    },
  });

  api.post('/api/profile/sessions/end-others', {
    config: { access: 'customer', limits: { none: 'ends the own other sign-ins; sends nothing' } },
    schema: { tags, summary: 'End every sign-in of the own account but this one', response: { 200: okResponse } },
    handler: async (request) => {
      const { accountId, idHash } = requireSession(request);
      await browsers.endOthers(accountId, idHash);
      return { ok: true as const };
    },
  });
}
