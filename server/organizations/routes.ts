import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { okResponse } from '../../common/api/accounts';
import {
  memberAcceptRequest,
  memberInvitationRequest,
  memberList,
  memberParams,
  memberView,
  organizationRegistrationRequest,
  organizationUpdateRequest,
  organizationView,
  professionalList,
} from '../../common/api/organizations';
import { memberSecondFactorResetRequest } from '../../common/api/second-factor';
import { clientOf } from '../http/client';
import { requireSession } from '../http/auth';
import { presentMember, presentProfessional } from './presenter';
import type { KnownBrowsers } from '../sessions/known-browsers';
import type { OrganizationService } from './service';
import { limitPer, type RouteLimits } from '../throttle/route-limits';

const tags = ['organizations'];
const ok = { ok: true } as const;

export function registerOrganizationRoutes(app: FastifyInstance, organizations: OrganizationService, knownBrowsers: KnownBrowsers): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post('/api/organizations', {
    config: { access: 'public', limits: [limitPer('registrationsPerClient', 'service'), limitPer('mailRequestsPerAddress', 'body.organization.email')] },
    schema: {
      tags,
      summary: 'Register an organisation with its representative (P-06); the organisation e-mail is confirmed by a link',
      body: organizationRegistrationRequest,
      response: { 202: okResponse },
    },
    handler: async (request, reply) => {
      await organizations.register(request.body, clientOf(request));
      return reply.status(202).send(ok);
    },
  });

  api.get('/api/organization', {
    config: { access: 'customer' },
    schema: { tags, summary: 'The organisation of the logged-in person', response: { 200: organizationView } },
    handler: async (request) => organizations.view(requireSession(request).accountId),
  });

  api.put('/api/organization', {
    config: { access: 'customer', limits: { none: 'rectifies the organisation’s data' } },
    schema: { tags, summary: 'Rectify the organisation’s data (representative)', body: organizationUpdateRequest, response: { 200: organizationView } },
    handler: async (request) => organizations.update(requireSession(request).accountId, request.body),
  });

  api.get('/api/organization/members', {
    config: { access: 'customer' },
    schema: { tags, summary: 'Members and invitations with their status (representative)', response: { 200: memberList } },
    handler: async (request) => ({ members: (await organizations.members(requireSession(request).accountId)).map(presentMember) }),
  });

  api.get('/api/organization/professionals', {
    config: { access: 'customer' },
    schema: {
      tags,
      summary: 'Practice staff: the active professionals they may organise consultations for (names only)',
      response: { 200: professionalList },
    },
    handler: async (request) => ({
      professionals: (await organizations.professionals(requireSession(request).accountId)).map(presentProfessional),
    }),
  });

  api.post('/api/organization/members', {
    config: { access: 'customer', limits: [limitPer('memberInvitationsPerAccount', 'account'), limitPer('memberInvitationsPerAddress', 'service')] },
    schema: { tags, summary: 'Invite a colleague by e-mail as member or practice staff', body: memberInvitationRequest, response: { 201: memberView } },
    handler: async (request, reply) => reply.status(201).send(await organizations.invite(requireSession(request).accountId, request.body)),
  });

  api.post('/api/organization/members/accept', {
    config: { access: 'public', limits: [limitPer('tokenAttemptsPerClient', 'service')] },
    schema: { tags, summary: 'Accept an invitation: set name and password', body: memberAcceptRequest, response: { 200: okResponse } },
    handler: async (request, reply) => {
      const accountId = await organizations.accept(request.body, clientOf(request));
      // The invitation's link and the password just chosen: this browser is the member's own.
      await knownBrowsers.signedIn(request, reply, accountId, false);
      return ok;
    },
  });

  const invitationLimits: RouteLimits = [limitPer('memberInvitationsPerAccount', 'account'), limitPer('memberInvitationsPerAddress', 'service')];
  const changesOnly: RouteLimits = { none: 'changes a member’s status or role; sends and creates nothing' };
  const memberActions = [
    [
      'resend',
      'Send the invitation again (the old link stops working)',
      invitationLimits,
      (actor: string, member: string) => organizations.resendInvitation(actor, member),
    ],
    [
      'deactivate',
      'Deactivate: sessions, sockets and the member’s consultation links end at once',
      changesOnly,
      (actor: string, member: string) => organizations.deactivate(actor, member),
    ],
    ['reactivate', 'Reactivate a deactivated member', changesOnly, (actor: string, member: string) => organizations.reactivate(actor, member)],
    [
      'make-representative',
      'Hand the representative role to this member',
      changesOnly,
      (actor: string, member: string) => organizations.makeRepresentative(actor, member),
    ],
  ] as const;
  for (const [action, summary, limits, run] of memberActions) {
    api.post(`/api/organization/members/:memberId/${action}`, {
      config: { access: 'customer', limits: limits },
      schema: { tags, summary, params: memberParams, response: { 200: okResponse } },
      handler: async (request) => {
        await run(requireSession(request).accountId, request.params.memberId);
        return ok;
      },
    });
  }

  api.post('/api/organization/members/:memberId/second-factor/reset', {
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
      tags: ['second factor'],
      summary:
        'Reset a member’s second factor (representative), e.g. after a lost phone; asks again for the password (and the own second factor); the member is told by e-mail',
      params: memberParams,
      body: memberSecondFactorResetRequest,
      response: { 200: okResponse },
    },
    handler: async (request) => {
      await organizations.resetSecondFactor(requireSession(request).accountId, request.params.memberId, request.body.currentPassword);
      return ok;
    },
  });

  api.delete('/api/organization/members/:memberId', {
    config: { access: 'customer', limits: { none: 'removes a member or revokes an invitation' } },
    schema: { tags, summary: 'Remove a member or revoke an invitation', params: memberParams, response: { 200: okResponse } },
    handler: async (request) => {
      await organizations.remove(requireSession(request).accountId, request.params.memberId);
      return ok;
    },
  });
}
