import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { organizationSecondFactorRequest, organizationSecondFactorView } from '../../common/api/second-factor';
import type { AccountRow, AccountStore } from '../accounts/store';
import type { Clock } from '../clock';
import { requireSession } from '../http/auth';
import { AppError } from '../http/errors';
import { organizationRules } from '../organizations/policy';
import type { RequirementStore } from './requirement';

const tags = ['second factor'];

/** The organisation's representative: anyone else of an organisation 403, an individual customer 404 (no organisation). */
async function representative(accounts: AccountStore, accountId: string): Promise<AccountRow & { organizationId: string }> {
  const actor = await accounts.findById(accountId);
  if (!actor?.organizationId) throw new AppError('not_found', 'No organisation.');
  if (!organizationRules.managesMembers(actor)) throw new AppError('forbidden', 'Only the representative decides this.');
  return { ...actor, organizationId: actor.organizationId };
}

/**
 * Issue 12: the representative requires a second factor of everyone (resetting a member's is a member
 * action: server/organizations/routes.ts).
 */
export function registerOrganizationSecondFactorRoutes(
  app: FastifyInstance,
  deps: { accounts: AccountStore; requirement: RequirementStore; clock: Clock },
): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { accounts, requirement, clock } = deps;

  api.get('/api/organization/second-factor', {
    config: { access: 'customer' },
    schema: {
      tags,
      summary: 'Whether the organisation requires a second factor of everyone (representative)',
      response: { 200: organizationSecondFactorView },
    },
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
}
