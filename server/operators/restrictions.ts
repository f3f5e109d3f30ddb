import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { desc, isNotNull } from 'drizzle-orm';
import { okResponse } from '../../common/api/accounts';
import { restrictedAccountList, restrictedAccountParams, type RestrictedAccount } from '../../common/api/operator';
import type { Db } from '../db/database';
import { accounts } from '../db/schema';
import { AppError } from '../http/errors';
import type { Sealer } from '../security/sealed-columns';
import type { PrivacyService } from '../privacy/service';

/** Restricted accounts (Art. 18), newest restriction first; names and addresses only, to find the person who asks. */
async function restrictedAccounts(db: Db, sealer: Sealer): Promise<RestrictedAccount[]> {
  const rows = await db
    .select({ id: accounts.id, firstName: accounts.firstName, lastName: accounts.lastName, email: accounts.email, restrictedAt: accounts.restrictedAt })
    .from(accounts)
    .where(isNotNull(accounts.restrictedAt))
    .orderBy(desc(accounts.restrictedAt))
    .limit(200);
  return sealer.openAll('accounts', rows).map((row) => ({
    id: row.id,
    name: `${row.firstName} ${row.lastName}`,
    email: row.email,
    restrictedAt: row.restrictedAt!.toISOString(),
  }));
}

/** Operator staff lift a restriction once the person asks for it (only they can: P-24, Art. 18). */
export function registerRestrictionRoutes(app: FastifyInstance, deps: { db: Db; sealer: Sealer; privacy: PrivacyService }): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['operator'];
  api.get('/api/operator/restrictions', {
    config: { access: 'operator' },
    schema: { tags, summary: 'Accounts whose processing is restricted (Art. 18)', response: { 200: restrictedAccountList } },
    handler: async () => ({ accounts: await restrictedAccounts(deps.db, deps.sealer) }),
  });
  api.post('/api/operator/restrictions/:accountId/lift', {
    config: { access: 'operator' },
    schema: { tags, summary: 'Lift the restriction of an account', params: restrictedAccountParams, response: { 200: okResponse } },
    handler: async (request) => {
      if (!(await deps.privacy.liftRestriction(request.params.accountId))) throw new AppError(404, 'not_found', 'No restricted account with this id.');
      return { ok: true as const };
    },
  });
}
