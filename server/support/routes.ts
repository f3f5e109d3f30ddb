import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { okResponse } from '../../common/api/accounts';
import { contactChallenge, contactRequest, replyRequest, ticketDetail, ticketList, ticketListQuery, ticketParams } from '../../common/api/support';
import { clientOf } from '../http/client';
import { requireOperator } from '../http/auth';
import type { OperatorService } from '../operators/service';
import type { ChallengeIssuer } from './challenge';
import type { SupportService } from './service';
import { limitPer } from '../throttle/route-limits';

export function registerSupportRoutes(app: FastifyInstance, deps: { support: SupportService; challenges: ChallengeIssuer; operators: OperatorService }): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { support, challenges, operators } = deps;

  api.get('/api/contact/challenge', {
    config: { access: 'public' },
    schema: { tags: ['contact'], summary: 'A proof-of-work challenge for the contact form (stored nowhere until used)', response: { 200: contactChallenge } },
    handler: async (_request, reply) => {
      void reply.header('cache-control', 'no-store');
      return challenges.issue();
    },
  });

  api.post('/api/contact', {
    config: { access: 'public', limits: [limitPer('contactRequestsPerClient', 'service')] },
    schema: {
      tags: ['contact'],
      summary: 'Send the contact form; it becomes a ticket for operator staff',
      body: contactRequest,
      response: { 202: okResponse },
    },
    handler: async (request, reply) => {
      await support.submit(request.body, clientOf(request));
      return reply.status(202).send({ ok: true });
    },
  });

  const tags = ['operator'];
  api.get('/api/operator/tickets', {
    config: { access: 'operator' },
    schema: { tags, summary: 'Contact requests, newest first, open or closed', querystring: ticketListQuery, response: { 200: ticketList } },
    handler: async (request) => support.list(request.query),
  });

  api.get('/api/operator/tickets/:ticketId', {
    config: { access: 'operator' },
    schema: { tags, summary: 'One contact request with the answers sent', params: ticketParams, response: { 200: ticketDetail } },
    handler: async (request) => support.get(request.params.ticketId),
  });

  api.post('/api/operator/tickets/:ticketId/replies', {
    config: { access: 'operator', limits: [limitPer('ticketRepliesPerOperator', 'operator')] },
    schema: {
      tags,
      summary: 'Answer by e-mail; the answer joins the ticket’s thread',
      params: ticketParams,
      body: replyRequest,
      response: { 200: ticketDetail },
    },
    handler: async (request) => {
      const operator = await operators.find(requireOperator(request).accountId);
      return support.reply(request.params.ticketId, request.body.text, operator.name);
    },
  });

  api.post('/api/operator/tickets/:ticketId/close', {
    config: { access: 'operator', limits: { none: 'closes a ticket' } },
    schema: { tags, summary: 'Close a ticket; it is deleted 2 years later', params: ticketParams, response: { 200: ticketDetail } },
    handler: async (request) => support.close(request.params.ticketId),
  });
}
