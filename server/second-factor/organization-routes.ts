import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { okResponse } from '../../common/api/accounts';
import { memberParams } from '../../common/api/organizations';
import { organizationSecondFactorRequest, organizationSecondFactorView } from '../../common/api/second-factor';
import type { AccountRow, AccountStore } from '../accounts/store';
import type { Clock } from '../clock';
import { requireSession } from '../http/auth';
import { AppError } from '../http/errors';
import type { Mailer } from '../notify/mailer';
import { renderMail, type Locale } from '../notify/mail-templates';
import { organizationRules } from '../organizations/policy';
import { limitPer } from '../throttle/route-limits';
import type { RequirementStore } from './requirement';
import type { SecondFactorService } from './service';

const tags = ['second factor'];

/** The organisation's representative: anyone else of an organisation 403, an individual customer 404 (no organisation). */
async function representative(accounts: AccountStore, accountId: string): Promise<AccountRow & { organizationId: string }> {
  const actor = await accounts.findById(accountId);
  if (!actor?.organizationId) throw new AppError('not_found', 'No organisation.');
  if (!organizationRules.managesMembers(actor)) throw new AppError('forbidden', 'Only the representative decides this.');
  return { ...actor, organizationId: actor.organizationId };
}

/** Issue 12: the representative requires a second factor of everyone, and resets a member's. */
export function registerOrganizationSecondFactorRoutes(
  app: FastifyInstance,
  deps: { accounts: AccountStore; requirement: RequirementStore; secondFactor: SecondFactorService; mailer: Mailer; clock: Clock },
): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { accounts, requirement, secondFactor, mailer, clock } = deps;

  api.get('/api/organization/second-factor', {
    config: { access: 'customer' },
    schema: { tags, summary: 'Whether the organisation requires a second factor of everyone (representative)', response: { 200: organizationSecondFactorView } },
    handler: async (request) => {
      const actor = await representative(accounts, requireSession(request).accountId);
      return { required: await requirement.isRequired(actor.organizationId) };
    },
  });

  api.put('/api/organization/second-factor', {
    config: { access: 'customer', limits: { none: 'changes one setting of the own organisation; sends nothing' } },
    schema: {
      tags,
      summary: 'Require a second factor of every member and staff (representative); those without one set it up at their next request',
      body: organizationSecondFactorRequest,
      response: { 200: organizationSecondFactorView },
    },
    handler: async (request) => {
      const actor = await representative(accounts, requireSession(request).accountId);
      await requirement.setRequired(actor.organizationId, request.body.required ? clock.now() : null);
      return { required: request.body.required };
    },
  });

  api.post('/api/organization/members/:memberId/second-factor/reset', {
    config: { access: 'customer', limits: [limitPer('credentialChangesPerAccount', 'account')] },
    schema: {
      tags,
      summary: 'Reset a member’s second factor (representative), e.g. after a lost phone; the member is told by e-mail',
      params: memberParams,
      response: { 200: okResponse },
    },
    handler: async (request) => {
      const actor = await representative(accounts, requireSession(request).accountId);
      const member = await accounts.findById(request.params.memberId);
      if (!member || member.organizationId !== actor.organizationId) throw new AppError('not_found', 'No such member.');
      await secondFactor.reset(member.id);
      await mailer.send(renderMail('secondFactorReset', { to: member.email, locale: member.locale as Locale, recipientName: `${member.firstName} ${member.lastName}` }));
      return { ok: true as const };
    },
  });
}
