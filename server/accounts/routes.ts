import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as z from 'zod';
import { basicProfileUpdateRequest, okResponse, profileResponse, profileUpdateRequest, registrationRequest, tokenRequest } from '../../common/api/accounts';
import {
  emailChangeRequest,
  emailConfirmationRequest,
  passwordChangeRequest,
  passwordResetConfirmation,
  passwordResetRequest,
  passwordResetResponse,
} from '../../common/api/credentials';
import { email } from '../../common/api/fields';
import { requireSession } from '../http/auth';
import { presentProfile } from './presenter';
import { clientOf } from '../http/client';
import type { KnownBrowsers } from '../sessions/known-browsers';
import type { AccountService } from './service';
import { limitPer } from '../throttle/route-limits';

const ok = { ok: true } as const;
const tags = ['accounts'];
/** Mail a link to an address: per client and per address before the service's silent per-address cap. */
const mailRequestLimits = [
  limitPer('mailRequestsPerClient', 'service'),
  limitPer('mailRequestsPerAddress', 'body.email'),
  limitPer('mailsPerAddress', 'service'),
];

export function registerAccountRoutes(app: FastifyInstance, accounts: AccountService, knownBrowsers: KnownBrowsers): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post('/api/accounts', {
    config: { access: 'public', limits: [limitPer('registrationsPerClient', 'service'), limitPer('mailRequestsPerAddress', 'body.email')] },
    schema: {
      tags,
      summary: 'Register as an individual customer (P-05); a confirmation link is e-mailed',
      body: registrationRequest,
      response: { 202: okResponse },
    },
    handler: async (request, reply) => {
      await accounts.register(request.body, clientOf(request));
      return reply.status(202).send(ok);
    },
  });

  api.post('/api/accounts/confirm-email', {
    config: { access: 'public', limits: [limitPer('tokenAttemptsPerClient', 'service')] },
    schema: {
      tags,
      summary: 'Confirm an e-mail address (double opt-in) with the password chosen at registration',
      body: emailConfirmationRequest,
      response: { 200: okResponse },
    },
    handler: async (request, reply) => {
      const accountId = await accounts.confirmEmail(request.body.token, request.body.password, clientOf(request));
      // Mailbox and password together prove the owner: their first sign-in here is no news to mail them.
      await knownBrowsers.signedIn(request, reply, accountId, false);
      return ok;
    },
  });

  api.post('/api/accounts/resend-confirmation', {
    config: { access: 'public', limits: mailRequestLimits },
    schema: {
      tags,
      summary: 'Send the confirmation link again',
      body: z.strictObject({ email }),
      response: { 202: okResponse },
    },
    handler: async (request, reply) => {
      await accounts.resendConfirmation(request.body.email, clientOf(request));
      return reply.status(202).send(ok);
    },
  });

  api.post('/api/password-reset', {
    config: { access: 'public', limits: mailRequestLimits },
    schema: { tags, summary: 'E-mail a password reset link', body: passwordResetRequest, response: { 202: okResponse } },
    handler: async (request, reply) => {
      await accounts.requestPasswordReset(request.body.email, clientOf(request));
      return reply.status(202).send(ok);
    },
  });

  api.post('/api/password-reset/confirm', {
    config: { access: 'public', limits: [limitPer('tokenAttemptsPerClient', 'service')] },
    schema: {
      tags,
      summary: 'Set a new password with a reset link; ends all sessions and confirms an unconfirmed address',
      body: passwordResetConfirmation,
      response: { 200: passwordResetResponse },
    },
    handler: async (request) => {
      const { handedOver } = await accounts.resetPassword(request.body, clientOf(request));
      return { ok: true as const, handedOver };
    },
  });

  api.post('/api/session/not-me', {
    config: { access: 'public', limits: [limitPer('tokenAttemptsPerClient', 'service')] },
    schema: {
      tags,
      summary: '"This was not me" from the new-sign-in mail: ends every session, locks the password and mails a reset link',
      body: tokenRequest,
      response: { 200: okResponse },
    },
    handler: async (request) => {
      await accounts.disownSignIn(request.body.token, clientOf(request));
      return ok;
    },
  });

  api.get('/api/profile', {
    config: { access: 'customer' },
    schema: { tags, summary: 'The logged-in customer’s own data', response: { 200: profileResponse } },
    handler: async (request) => {
      const { account, pendingEmail } = await accounts.profile(requireSession(request).accountId);
      return presentProfile(account, pendingEmail);
    },
  });

  api.put('/api/profile', {
    config: { access: 'customer', limits: { none: 'rectifies own data; sends and creates nothing' } },
    schema: { tags, summary: 'Rectify own data (Art. 16 GDPR)', body: profileUpdateRequest, response: { 200: profileResponse } },
    handler: async (request) => {
      const { accountId } = requireSession(request);
      await accounts.updateProfile(accountId, request.body);
      const { account, pendingEmail } = await accounts.profile(accountId);
      return presentProfile(account, pendingEmail);
    },
  });

  api.put('/api/profile/basic', {
    config: { access: 'customer', limits: { none: 'rectifies own data; sends and creates nothing' } },
    schema: {
      tags,
      summary: 'Rectify name and language (all accounts; the only profile fields of organisation members)',
      body: basicProfileUpdateRequest,
      response: { 200: profileResponse },
    },
    handler: async (request) => {
      const { accountId } = requireSession(request);
      await accounts.updateProfile(accountId, request.body);
      const { account, pendingEmail } = await accounts.profile(accountId);
      return presentProfile(account, pendingEmail);
    },
  });

  api.post('/api/profile/password', {
    config: {
      access: 'customer',
      freshCheck: true,
      limits: [limitPer('passwordChecksPerAccount', 'service'), limitPer('credentialChangesPerAccount', 'account')],
    },
    schema: {
      tags,
      summary: 'Change the password; ends all other sessions',
      body: passwordChangeRequest,
      response: { 200: okResponse },
    },
    handler: async (request) => {
      const session = requireSession(request);
      await accounts.changePassword(session.accountId, session.idHash, request.body);
      return ok;
    },
  });

  api.post('/api/profile/email', {
    config: {
      access: 'customer',
      freshCheck: true,
      limits: [limitPer('passwordChecksPerAccount', 'service'), limitPer('credentialChangesPerAccount', 'account'), limitPer('mailsPerAddress', 'service')],
    },
    schema: {
      tags,
      summary: 'Ask to change the e-mail address; the new one must be confirmed',
      body: emailChangeRequest,
      response: { 202: okResponse },
    },
    handler: async (request, reply) => {
      await accounts.requestEmailChange(requireSession(request).accountId, request.body);
      return reply.status(202).send(ok);
    },
  });

  api.post('/api/profile/email/confirm', {
    config: { access: 'public', limits: [limitPer('tokenAttemptsPerClient', 'service')] },
    schema: { tags, summary: 'Confirm a new e-mail address', body: tokenRequest, response: { 200: okResponse } },
    handler: async (request) => {
      await accounts.confirmEmailChange(request.body.token, clientOf(request));
      return ok;
    },
  });
}
