import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { connectionTestConfiguration } from '../../common/api/connection-test';
import { joinRequest } from '../../common/api/consultations';
import { requireGuest, requireSession } from '../http/auth';
import { limitPer } from '../throttle/route-limits';
import type { ConnectionTestService } from './service';

const tags = ['connection-test'];

/**
 * Issue 9 §5: the ICE servers for a connection test, with TURN credentials of at most two minutes.
 * POST, not GET: they are handed out only with the CSRF check, so another site cannot spend a
 * guest's tests. The guest's link token travels in the body, never in a URL that could be logged.
 */
export function registerConnectionTestRoutes(app: FastifyInstance, deps: { connectionTests: ConnectionTestService }): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { connectionTests } = deps;

  api.post('/api/connection-test/link', {
    config: { access: 'public', limits: [limitPer('connectionTestsPerInvitation', 'service')] },
    schema: {
      tags,
      summary: 'Connection test for whoever holds a usable invitation link, also before its window opens',
      description: 'An unusable link (unknown, revoked, expired, ended, declined) answers 410 link_invalid; over the limit per invitation 429.',
      body: joinRequest,
      response: { 200: connectionTestConfiguration },
    },
    handler: async (request) => connectionTests.forLink(request.body.token),
  });

  api.post('/api/join/connection-test', {
    config: { access: 'guest', limits: [limitPer('connectionTestsPerInvitation', 'service')] },
    schema: { tags, summary: 'Connection test for the guest of this browser (guest cookie)', response: { 200: connectionTestConfiguration } },
    handler: async (request) => connectionTests.forGuest(requireGuest(request)),
  });

  api.post('/api/connection-test', {
    config: { access: 'customer', limits: [limitPer('connectionTestsPerAccount', 'account')] },
    schema: {
      tags,
      summary: 'Connection test on the dashboard, for those who take part in calls (not practice staff)',
      response: { 200: connectionTestConfiguration },
    },
    handler: async (request) => connectionTests.forMember(requireSession(request).accountId),
  });
}
