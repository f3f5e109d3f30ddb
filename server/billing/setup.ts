import type { FastifyInstance } from 'fastify';
import type { AccountStore } from '../accounts/store';
import type { Clock } from '../clock';
import type { Config } from '../config/config';
import type { OrganizationStore } from '../organizations/store';
import { BillingService } from './service';
import type { BillingStore } from './store';
import { StripeGateway } from './stripe-gateway';

/**
 * Billing exists only with STRIPE_SECRET_KEY (issue 11): then the service, which consultations,
 * appointments and organisations consult, and (registered with the other routes) its routes;
 * otherwise nothing, and every account may do everything.
 */
export function buildBilling(
  http: FastifyInstance,
  deps: { config: Config; store: BillingStore; accounts: AccountStore; organizations: OrganizationStore; clock: Clock },
): BillingService | undefined {
  const { billing } = deps.config;
  if (!billing) return undefined;
  const service = new BillingService({
    store: deps.store,
    gateway: new StripeGateway(billing, http.log),
    accounts: deps.accounts,
    organizations: deps.organizations,
    clock: deps.clock,
    config: billing,
    publicUrl: deps.config.publicUrl,
    log: http.log,
  });
  return service;
}
