import type { TableInventory } from './inventory';
import { column, id, times } from './inventory-columns';

/**
 * Payments through Stripe (issue 11, P-22): only where billing is configured (`onlyWith: 'payment'`),
 * so an installation without billing says nothing of it. Card data is never stored.
 */
export const billingInventory = {
  billingCustomers: {
    onlyWith: 'payment',
    purpose: 'customerAccount',
    subjects: ['customer'],
    legalBases: ['art6_1b'],
    // Contract data: deleted with the account or organisation (cascade); invoices are held apart.
    retention: ['accountData'],
    // The ids and the state come from the payment provider, which holds the subscription itself.
    recipients: ['payment'],
    columns: {
      id: id(),
      accountId: id(),
      organizationId: id(),
      stripeCustomerId: column('contract', 'subscription'),
      stripeSubscriptionId: column('contract', 'subscription'),
      plan: column('contract', 'subscription'),
      status: column('contract', 'subscription'),
      quantity: column('contract', 'subscription'),
      currentPeriodEnd: column('contract', 'subscription'),
      trialEnd: column('contract', 'subscription'),
      cancelAtPeriodEnd: column('contract', 'subscription'),
      syncedAt: times(),
      createdAt: times(),
      updatedAt: times(),
    },
  },
  billingInvoices: {
    onlyWith: 'payment',
    purpose: 'customerAccount',
    subjects: ['customer'],
    // § 147 Abs. 1 Nr. 4 AO, § 14b Abs. 1 UStG: a legal duty of the operator, also against erasure (Art. 17(3)(b)).
    legalBases: ['art6_1c'],
    retention: ['invoices'],
    recipients: ['payment'],
    columns: {
      id: column('contract', 'invoiceReference'),
      billingCustomerId: id(),
      stripeCustomerId: column('contract', 'invoiceReference'),
      number: column('contract', 'invoiceReference'),
      issuedAt: column('contract', 'invoiceReference'),
      amount: column('contract', 'invoiceReference'),
      currency: column('contract', 'invoiceReference'),
      status: column('contract', 'invoiceReference'),
      restrictedAt: column('technical', 'accountState'),
      createdAt: times(),
    },
  },
  billingEvents: {
    onlyWith: 'payment',
    purpose: 'customerAccount',
    // Stripe's event id and type: no personal data.
    subjects: [],
    legalBases: ['art6_1b'],
    retention: ['billingEvents'],
    recipients: [],
    columns: {
      id: id(),
      type: column('technical', 'deliveryState'),
      processedAt: times(),
    },
  },
} satisfies Partial<TableInventory>;
