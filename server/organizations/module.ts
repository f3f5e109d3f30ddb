import type { Identity } from '../accounts/module';
import type { BillingService } from '../billing/service';
import type { Calls } from '../consultations/module';
import type { AppCore } from '../http/core';
import type { buildSignIn } from '../second-factor/module';
import { registerOrganizationRoutes } from './routes';
import { OrganizationService } from './service';
import type { OrganizationStore } from './store';

/**
 * Organisations (P-06): members, staff, invitations and the representative's rules. A change of
 * members reaches the colleagues' presence lists and the billed seats; both are caught up by their
 * next change when this one fails, so the failure is logged, not the member change undone.
 */
export function buildOrganizations(
  core: AppCore,
  identity: Identity,
  calls: Calls,
  options: { store: OrganizationStore; signIn: ReturnType<typeof buildSignIn>; billing: BillingService | undefined },
) {
  const { http, clock } = core;
  const { billing } = options;
  const service = new OrganizationService({
    store: options.store,
    accounts: identity.accountStore,
    links: identity.links,
    hasher: core.hasher,
    mailer: core.mailer,
    sessions: identity.sessions,
    consultations: calls.consultations,
    throttle: core.throttle,
    clock,
    secondFactors: options.signIn.secondFactor,
    passwords: identity.accounts,
    events: {
      organizationChanged: (organizationId) => {
        void calls.presence
          .organizationChanged(organizationId)
          .catch((error: unknown) => http.log.warn({ err: error }, 'presence: colleague lists not refreshed'));
        void billing?.seatsChanged(organizationId).catch((error: unknown) => http.log.warn({ err: error, organizationId }, 'billing: seats not updated'));
      },
    },
  });

  function registerRoutes(): void {
    registerOrganizationRoutes(http, service, options.signIn.knownBrowsers);
  }
  return { service, registerRoutes };
}
