import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { okResponse, sessionResponse } from '../../common/api/accounts';
import {
  codeRequest,
  recoveryCodesRequest,
  recoveryCodesResponse,
  secondFactorOffRequest,
  secondFactorStatus,
  totpConfirmRequest,
  totpSetupResponse,
} from '../../common/api/second-factor';
import { requireSession } from '../http/auth';
import { limitPer } from '../throttle/route-limits';
import { completePendingLogin, type PendingLoginDeps } from './login-completion';
import type { SecondFactorService } from './service';

const tags = ['second factor'];
const ok = { ok: true } as const;

export function registerSecondFactorRoutes(app: FastifyInstance, deps: PendingLoginDeps & { secondFactor: SecondFactorService }): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { secondFactor, accounts } = deps;

  api.post('/api/session/second-factor', {
    config: { access: 'public', limits: [limitPer('secondFactorAttemptsPerAccount', 'service')] },
    schema: {
      tags,
      summary: 'Complete a login whose password was right with a code of the authenticator app or a recovery code',
      body: codeRequest,
      response: { 200: sessionResponse },
    },
    handler: async (request, reply) => {
      const accountId = deps.pending.accountOf(request);
      const { recoveryCodesLeft } = await secondFactor.verifyCode(accountId, request.body.code);
      const state = await completePendingLogin(deps, request, reply, accountId);
      return { ...state, ...(recoveryCodesLeft === undefined ? {} : { recoveryCodesLeft }) };
    },
  });

  api.get('/api/profile/second-factor', {
    config: { access: 'customer' },
    schema: { tags, summary: 'Whether an authenticator app is set up', response: { 200: secondFactorStatus } },
    handler: async (request) => secondFactor.status(requireSession(request).accountId),
  });

  api.post('/api/profile/second-factor/totp', {
    config: { access: 'customer', limits: [limitPer('credentialChangesPerAccount', 'account')] },
    schema: {
      tags,
      summary: 'Start setting up an authenticator app: a new secret, as text and as an otpauth URI for a QR code',
      response: { 200: totpSetupResponse },
    },
    handler: async (request) => {
      const { accountId } = requireSession(request);
      const { account } = await accounts.profile(accountId);
      return secondFactor.beginTotp(accountId, account.email);
    },
  });

  api.post('/api/profile/second-factor/totp/confirm', {
    config: { access: 'customer', limits: [limitPer('secondFactorAttemptsPerAccount', 'service')] },
    schema: {
      tags,
      summary: 'Confirm the authenticator app with its first code; logins ask for a code from now on. Answers the first recovery codes, shown once',
      body: totpConfirmRequest,
      response: { 200: recoveryCodesResponse },
    },
    handler: async (request) => ({ recoveryCodes: await secondFactor.confirmTotp(requireSession(request).accountId, request.body.code) }),
  });

  api.post('/api/profile/second-factor/recovery-codes', {
    config: {
      access: 'customer',
      freshCheck: true,
      limits: [
        limitPer('passwordChecksPerAccount', 'service'),
        limitPer('secondFactorAttemptsPerAccount', 'service'),
        limitPer('credentialChangesPerAccount', 'account'),
      ],
    },
    schema: {
      tags,
      summary: 'Ten new recovery codes, shown once; the earlier ones stop working. Asks again for the password',
      body: recoveryCodesRequest,
      response: { 200: recoveryCodesResponse },
    },
    handler: async (request) => {
      const { accountId } = requireSession(request);
      await accounts.verifyCurrentPassword(accountId, request.body.currentPassword);
      return { recoveryCodes: await secondFactor.regenerateRecoveryCodes(accountId) };
    },
  });

  api.post('/api/profile/second-factor/totp/off', {
    config: {
      access: 'customer',
      freshCheck: true,
      limits: [
        limitPer('passwordChecksPerAccount', 'service'),
        limitPer('secondFactorAttemptsPerAccount', 'service'),
        limitPer('credentialChangesPerAccount', 'account'),
      ],
    },
    schema: {
      tags,
      summary: 'Turn the authenticator app off (and its recovery codes): asks again for the password and a current code or a recovery code',
      body: secondFactorOffRequest,
      response: { 200: okResponse },
    },
    handler: async (request) => {
      const { accountId } = requireSession(request);
      await accounts.verifyCurrentPassword(accountId, request.body.currentPassword);
      await secondFactor.turnOffTotp(accountId);
      return ok;
    },
  });
}
