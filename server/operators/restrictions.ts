import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { okResponse } from '../../common/api/accounts';
import { restrictedAccountList, restrictedAccountParams } from '../../common/api/operator';
import { AppError } from '../http/errors';
import type { RightsService } from '../rights/service';

/** Operator staff lift a restriction once the person asks for it (only they can: P-24, Art. 18). */
export function registerRestrictionRoutes(app: FastifyInstance, deps: { rights: RightsService }): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['operator'];
  api.get('/api/operator/restrictions', {
    config: { access: 'operator' },
    schema: { tags, summary: 'Accounts whose processing is restricted (Art. 18)', response: { 200: restrictedAccountList } },
    handler: async () => ({ accounts: await deps.rights.restrictedAccounts() }),
  });
  api.post('/api/operator/restrictions/:accountId/lift', {
    config: { access: 'operator', limits: { none: 'operator staff lift a restriction the person asked for; nothing is created' } },
    schema: { tags, summary: 'Lift the restriction of an account', params: restrictedAccountParams, response: { 200: okResponse } },
    handler: async (request) => {
      if (!(await deps.rights.liftRestriction(request.params.accountId))) throw new AppError('not_found', 'No restricted account with this id.');
      return { ok: true as const };
    },
  });
}
