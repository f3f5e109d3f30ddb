import type { Identity } from '../accounts/module';
import type { BillingService } from '../billing/service';
import type { Calls } from '../consultations/module';
import type { AppCore } from '../http/core';
import type { OrganizationStore } from '../organizations/store';
import { processorsOf } from './export';
import { legalHolds, type LegalHold } from './legal-hold';
import { registerRightsRoutes } from './routes';
import { RightsService } from './service';
import { RightsStore } from './store';

/**
 * Data-subject rights (P-24): the person's export, restriction and erasure; the operator area lifts
 * restrictions through the same service. Erasure ends what is live first, so it takes the
 * consultations and sessions of the features it erases from.
 */
export function buildRights(
  core: AppCore,
  identity: Identity,
  calls: Calls,
  options: { organizations: OrganizationStore; billing: BillingService | undefined; legalHolds: readonly LegalHold[] | undefined },
) {
  const { http, database, config, clock } = core;
  const service = new RightsService({
    store: new RightsStore(database.db, core.sealer),
    accounts: identity.accounts,
    accountStore: identity.accountStore,
    organizations: options.organizations,
    contacts: calls.contactStore,
    consultations: calls.consultations,
    sessions: identity.sessions,
    mailer: core.mailer,
    clock,
    processors: processorsOf(config),
    legalHolds: options.legalHolds ?? legalHolds,
    log: http.log,
    ...(options.billing ? { billing: options.billing } : {}),
  });

  function registerRoutes(): void {
    registerRightsRoutes(http, { rights: service, cookies: core.cookies });
  }

  return { service, registerRoutes };
}
