import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { operatorLoginRequest, operatorSessionResponse } from '../../common/api/operator';
import { clientOf } from '../http/client';
import { clearOperatorCookie, requireOperator, setOperatorCookie, type CookieSettings } from '../http/auth';
import type { SessionService } from '../sessions/service';
import { presentOperator } from './presenter';
import type { OperatorService } from './service';
import { limitPer } from '../throttle/route-limits';

const tags = ['operator'];

export function registerOperatorSessionRoutes(
  app: FastifyInstance,
  deps: { operators: OperatorService; sessions: SessionService; cookies: CookieSettings },
): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { operators, sessions, cookies } = deps;

  api.get('/api/operator/session', {
    config: { access: 'operator' },
    schema: { tags, summary: 'The logged-in operator staff member (401 when not logged in)', response: { 200: operatorSessionResponse } },
    handler: async (request) => ({ operator: presentOperator(await operators.find(requireOperator(request).accountId)) }),
  });

  api.post('/api/operator/session', {
    config: { access: 'public', limits: [limitPer('loginFailuresPerClient', 'service'), limitPer('loginFailuresPerAccount', 'service')] },
    schema: { tags, summary: 'Operator staff log in (a login separate from any customer login)', body: operatorLoginRequest, response: { 200: operatorSessionResponse } },
    handler: async (request, reply) => {
      const operator = await operators.authenticate(request.body.email, request.body.password, clientOf(request));
      const previous = request.cookies[cookies.names.operator];
      const resolved = previous ? await sessions.resolve(previous) : undefined;
      if (resolved) await sessions.end(resolved.idHash);
      // A fresh id at every login: an id planted before it is worthless.
      const { sessionId } = await sessions.start(operator.id);
      setOperatorCookie(reply, cookies, sessionId);
      return { operator: presentOperator(operator) };
    },
  });

  api.delete('/api/operator/session', {
    config: { access: 'public', limits: { none: 'ends the own session' } },
    schema: { tags, summary: 'Operator staff log out; a customer login in the same browser stays', response: { 200: operatorSessionResponse } },
    handler: async (request, reply) => {
      const current = request.cookies[cookies.names.operator];
      const resolved = current ? await sessions.resolve(current) : undefined;
      if (resolved) await sessions.end(resolved.idHash);
      clearOperatorCookie(reply, cookies);
      return { operator: null };
    },
  });
}
