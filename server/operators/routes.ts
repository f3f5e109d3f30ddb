import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  operatorEnrolledResponse,
  operatorLoginRequest,
  operatorLoginResponse,
  operatorSessionResponse,
  operatorSignedInResponse,
  type OperatorView,
} from '../../common/api/operator';
import { codeRequest, totpConfirmRequest, totpSetupResponse } from '../../common/api/second-factor';
import { clientOf } from '../http/client';
import { clearOperatorCookie, requireOperator, setOperatorCookie, type CookieSettings } from '../http/auth';
import type { PendingLogins } from '../second-factor/pending-login';
import type { SessionService } from '../sessions/service';
import { presentOperator } from './presenter';
import type { OperatorSecondFactor } from './second-factor';
import type { OperatorService } from './service';
import { limitPer } from '../throttle/route-limits';

const tags = ['operator'];

interface OperatorSessionDeps {
  operators: OperatorService;
  sessions: SessionService;
  cookies: CookieSettings;
  secondFactor: OperatorSecondFactor;
  /** The sealed ticket between password and second factor (server/second-factor/pending-login.ts, operator kind). */
  pending: PendingLogins;
}

async function endPreviousLogin(deps: OperatorSessionDeps, request: FastifyRequest): Promise<void> {
  const previous = request.cookies[deps.cookies.names.operator];
  const resolved = previous ? await deps.sessions.resolve(previous) : undefined;
  if (resolved) await deps.sessions.end(resolved.idHash);
}

/** The second factor passed: only now does the operator cookie exist, with a fresh id. */
async function startLogin(deps: OperatorSessionDeps, request: FastifyRequest, reply: FastifyReply, operatorId: string): Promise<OperatorView> {
  const operator = await deps.operators.find(operatorId);
  await endPreviousLogin(deps, request);
  const { sessionId } = await deps.sessions.start(operator.id);
  setOperatorCookie(reply, deps.cookies, sessionId);
  deps.pending.release(reply);
  return presentOperator(operator);
}

export function registerOperatorSessionRoutes(app: FastifyInstance, deps: OperatorSessionDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { operators, sessions, cookies, secondFactor, pending } = deps;

  api.get('/api/operator/session', {
    config: { access: 'operator' },
    schema: { tags, summary: 'The logged-in operator staff member (401 when not logged in)', response: { 200: operatorSessionResponse } },
    handler: async (request) => ({ operator: presentOperator(await operators.find(requireOperator(request).accountId)) }),
  });

  api.post('/api/operator/session', {
    config: { access: 'public', limits: [limitPer('loginFailuresPerClient', 'service'), limitPer('loginFailuresPerAccount', 'service')] },
    schema: {
      tags,
      summary: 'Operator staff log in (separate from any customer login): the password earns only the second-factor step, set-up or code',
      body: operatorLoginRequest,
      response: { 200: operatorLoginResponse },
    },
    handler: async (request, reply) => {
      const operator = await operators.authenticate(request.body.email, request.body.password, clientOf(request));
      // A new password step ends the browser's earlier operator login: it never survives a sign-in in between.
      await endPreviousLogin(deps, request);
      clearOperatorCookie(reply, cookies);
      pending.hold(reply, operator.id);
      return { operator: null, secondFactor: await secondFactor.stepFor(operator.id) };
    },
  });

  api.post('/api/operator/session/second-factor', {
    config: { access: 'public', limits: [limitPer('secondFactorAttemptsPerAccount', 'service')] },
    schema: {
      tags,
      summary: 'Complete an operator login whose password was right with a code of the authenticator app or a recovery code',
      body: codeRequest,
      response: { 200: operatorSignedInResponse },
    },
    handler: async (request, reply) => {
      const operatorId = pending.accountOf(request);
      const { recoveryCodesLeft } = await secondFactor.verify(operatorId, request.body.code);
      const operator = await startLogin(deps, request, reply, operatorId);
      return { operator, ...(recoveryCodesLeft === undefined ? {} : { recoveryCodesLeft }) };
    },
  });

  api.post('/api/operator/session/totp', {
    config: { access: 'public', limits: [limitPer('credentialChangesPerAccount', 'service')] },
    schema: {
      tags,
      summary:
        'First operator sign-in: a new authenticator-app secret, as text and as an otpauth URI for a QR code (only after the password, only without a confirmed app)',
      response: { 200: totpSetupResponse },
    },
    handler: async (request) => secondFactor.beginEnrolment(pending.accountOf(request)),
  });

  api.post('/api/operator/session/totp/confirm', {
    config: { access: 'public', limits: [limitPer('secondFactorAttemptsPerAccount', 'service')] },
    schema: {
      tags,
      summary: 'Confirm the operator’s authenticator app with its first code: the operator login starts; answers the first recovery codes, shown once',
      body: totpConfirmRequest,
      response: { 200: operatorEnrolledResponse },
    },
    handler: async (request, reply) => {
      const operatorId = pending.accountOf(request);
      const recoveryCodes = await secondFactor.confirmEnrolment(operatorId, request.body.code);
      return { operator: await startLogin(deps, request, reply, operatorId), recoveryCodes };
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
      pending.release(reply);
      return { operator: null };
    },
  });
}
