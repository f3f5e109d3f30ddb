import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { okResponse, sessionResponse } from '../../common/api/accounts';
import {
  passkeyAuthenticationRequest,
  passkeyList,
  passkeyParams,
  passkeyRegistrationRequest,
  passkeyRemovalRequest,
  passkeyRenameRequest,
  passkeyView,
  webauthnOptions,
} from '../../common/api/passkeys';
import { presentSessionAccount } from '../accounts/presenter';
import { displayNameOf } from '../accounts/display-name';
import { setDeviceCookie, type KnownDevices } from '../accounts/known-devices';
import type { Clock } from '../clock';
import { requireSession, setSessionCookie } from '../http/auth';
import { clientOf } from '../http/client';
import { completePendingLogin, tellOfNewBrowser, type PendingLoginDeps } from '../second-factor/login-completion';
import { describeDevice } from '../sessions/device';
import { limitPer } from '../throttle/route-limits';
import { presentPasskey } from './presenter';
import type { PasskeyService } from './service';

const tags = ['passkeys'];

export interface PasskeyRouteDeps extends PendingLoginDeps {
  passkeys: PasskeyService;
  passkeyChecks: { markPasskeyChecked(idHash: string, at: Date): Promise<void> };
  clock: Clock;
  knownDevices: KnownDevices;
}

/** Issue 12: passkeys on the account page, as the second factor of a login, and as a sign-in alone. */
export function registerPasskeyRoutes(app: FastifyInstance, deps: PasskeyRouteDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { passkeys, accounts, sessions, pending, cookies, knownDevices, passkeyChecks, clock } = deps;

  api.get('/api/profile/passkeys', {
    config: { access: 'customer' },
    schema: { tags, summary: 'The account’s passkeys: name, when added, when last used', response: { 200: passkeyList } },
    handler: async (request) => ({ passkeys: (await passkeys.list(requireSession(request).accountId)).map(presentPasskey) }),
  });

  api.post('/api/profile/passkeys/options', {
    config: { access: 'customer', limits: [limitPer('passkeyChangesPerAccount', 'account')] },
    schema: { tags, summary: 'Options for the browser to create a passkey (a single-use challenge of 2 minutes)', response: { 200: webauthnOptions } },
    handler: async (request) => {
      const { account } = await accounts.profile(requireSession(request).accountId);
      return { options: { ...(await passkeys.registrationOptions({ id: account.id, email: account.email, displayName: displayNameOf(account) })) } };
    },
  });

  api.post('/api/profile/passkeys', {
    config: { access: 'customer', limits: [limitPer('passkeyChangesPerAccount', 'account')] },
    schema: {
      tags,
      summary: 'Add the passkey the browser created, under a name the person chose',
      body: passkeyRegistrationRequest,
      response: { 201: passkeyView },
    },
    handler: async (request, reply) => {
      const row = await passkeys.register(requireSession(request).accountId, request.body.name, request.body.response);
      return reply.code(201).send(presentPasskey(row));
    },
  });

  api.patch('/api/profile/passkeys/:passkeyId', {
    config: { access: 'customer', limits: [limitPer('passkeyChangesPerAccount', 'account')] },
    schema: { tags, summary: 'Rename a passkey', params: passkeyParams, body: passkeyRenameRequest, response: { 200: passkeyView } },
    handler: async (request) => presentPasskey(await passkeys.rename(requireSession(request).accountId, request.params.passkeyId, request.body.name)),
  });

  api.post('/api/profile/passkeys/:passkeyId/remove', {
    config: {
      access: 'customer',
      freshCheck: true,
      limits: [
        limitPer('passwordChecksPerAccount', 'service'),
        limitPer('secondFactorAttemptsPerAccount', 'service'),
        limitPer('passkeyChangesPerAccount', 'account'),
      ],
    },
    schema: {
      tags,
      summary: 'Remove a passkey: asks again for the password (and a code, with an authenticator app); refused for the last factor an organisation requires',
      params: passkeyParams,
      body: passkeyRemovalRequest,
      response: { 200: okResponse },
    },
    handler: async (request) => {
      const { accountId } = requireSession(request);
      await accounts.verifyCurrentPassword(accountId, request.body.currentPassword);
      await passkeys.remove(accountId, request.params.passkeyId);
      return { ok: true as const };
    },
  });

  api.post('/api/profile/passkeys/fresh-check/options', {
    config: { access: 'customer', limits: [limitPer('passkeyChangesPerAccount', 'account')] },
    schema: { tags, summary: 'Options for the browser to confirm a sensitive action with one of the account’s passkeys', response: { 200: webauthnOptions } },
    handler: async (request) => ({ options: { ...(await passkeys.secondFactorOptions(requireSession(request).accountId, 'freshCheck')) } }),
  });

  api.post('/api/profile/passkeys/fresh-check', {
    config: { access: 'customer', limits: [limitPer('secondFactorAttemptsPerAccount', 'service')] },
    schema: {
      tags,
      summary: 'Check a passkey for the next sensitive action of this session (within 5 minutes, once); the action still asks for the password',
      body: passkeyAuthenticationRequest,
      response: { 200: okResponse },
    },
    handler: async (request) => {
      const { accountId, idHash } = requireSession(request);
      await passkeys.verifySecondFactor(accountId, request.body.response, 'freshCheck');
      await passkeyChecks.markPasskeyChecked(idHash, clock.now());
      return { ok: true as const };
    },
  });

  api.post('/api/session/passkey/options', {
    config: { access: 'public', limits: [limitPer('passkeyChallengesPerClient', 'client')] },
    schema: { tags, summary: 'Options for signing in with a passkey alone (discoverable, user verification required)', response: { 200: webauthnOptions } },
    handler: async () => ({ options: { ...(await passkeys.signInOptions()) } }),
  });

  api.post('/api/session/passkey', {
    config: { access: 'public', limits: [limitPer('loginFailuresPerClient', 'service')] },
    schema: { tags, summary: 'Sign in with a passkey alone: it is both factors', body: passkeyAuthenticationRequest, response: { 200: sessionResponse } },
    handler: async (request, reply) => {
      const accountId = await passkeys.signIn(request.body.response, clientOf(request).address);
      const account = await accounts.admit(accountId);
      if (request.session) await sessions.end(request.session.idHash);
      const device = describeDevice(request.headers['user-agent']);
      const { sessionId, csrfToken } = await sessions.start(account.id, device);
      setSessionCookie(reply, cookies, sessionId);
      setDeviceCookie(reply, cookies, knownDevices.issue(account.id), false);
      pending.release(reply);
      await tellOfNewBrowser(request, reply, deps, account, device, false);
      const { pendingEmail, secondFactorSetupRequired } = await accounts.profile(account.id);
      return { csrfToken, account: presentSessionAccount(account, pendingEmail), ...(secondFactorSetupRequired ? { secondFactorSetupRequired } : {}) };
    },
  });

  api.post('/api/session/second-factor/passkey/options', {
    config: { access: 'public', limits: [limitPer('passkeyChallengesPerClient', 'client')] },
    schema: { tags, summary: 'After a right password: options for the browser to sign with one of the account’s passkeys', response: { 200: webauthnOptions } },
    handler: async (request) => ({ options: { ...(await passkeys.secondFactorOptions(pending.accountOf(request))) } }),
  });

  api.post('/api/session/second-factor/passkey', {
    config: { access: 'public', limits: [limitPer('secondFactorAttemptsPerAccount', 'service')] },
    schema: {
      tags,
      summary: 'Complete a login whose password was right with one of the account’s passkeys',
      body: passkeyAuthenticationRequest,
      response: { 200: sessionResponse },
    },
    handler: async (request, reply) => {
      const accountId = pending.accountOf(request);
      await passkeys.verifySecondFactor(accountId, request.body.response);
      return completePendingLogin(deps, request, reply, accountId);
    },
  });
}
