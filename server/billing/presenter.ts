import type { BillingView } from '../../common/api/billing';
import { billingRules, daysLeft, type StateFacts } from './policy';
import type { BillingCustomerRow, BillingInvoiceRow } from './store';

/** Every field the billing page receives; Stripe's ids stay on the server. */
export function presentBilling(input: {
  scope: 'individual' | 'organisation';
  facts: StateFacts;
  customer: BillingCustomerRow | undefined;
  invoices: (BillingInvoiceRow & { pdfUrl: string | null })[];
  now: Date;
}): BillingView {
  const { customer, facts } = input;
  const [kind, period] = (customer?.plan?.split('_') ?? []) as ['individual' | 'organisation' | undefined, 'monthly' | 'yearly' | undefined];
  const subscribed = customer?.status !== null && customer?.status !== undefined;
  return {
    scope: input.scope,
    state: facts.state,
    entitled: billingRules.mayStartNew(facts.state),
    plan: kind && period ? { kind, period } : null,
    quantity: subscribed ? (customer.quantity ?? null) : null,
    trialEndsAt: facts.trialEndsAt?.toISOString() ?? null,
    trialDaysLeft: daysLeft(facts.trialEndsAt, input.now),
    currentPeriodEnd: subscribed ? (customer.currentPeriodEnd?.toISOString() ?? null) : null,
    cancelAtPeriodEnd: customer?.cancelAtPeriodEnd ?? false,
    invoices: input.invoices.map((invoice) => ({
      id: invoice.id,
      number: invoice.number,
      issuedAt: invoice.issuedAt.toISOString(),
      amount: invoice.amount,
      currency: invoice.currency,
      status: invoice.status,
      pdfUrl: invoice.pdfUrl,
    })),
  };
}
