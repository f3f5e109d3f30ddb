import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
// A cycle with schema.ts (which re-exports this file) is safe: the references are thunks, read after both loaded.
import { accounts, organizations } from './schema';

/**
 * Payments through Stripe (issue 11, P-22). Only what the server needs is kept: Stripe's ids, the
 * plan, the state and when the period ends, and invoice references. Never card data: cards are
 * entered at Stripe. Stripe's ids and invoice numbers identify no one without Stripe's records, so
 * they are not sealed; names, addresses and e-mail addresses stay in accounts/organizations.
 */

/**
 * One billing customer: an individual customer's account, or an organisation (its representative
 * subscribes for it). Created when the customer first goes to Stripe Checkout.
 */
export const billingCustomers = pgTable(
  'billing_customers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .unique()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .unique()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    stripeCustomerId: text('stripe_customer_id').notNull().unique(),
    /** The current (or last) subscription; null until Checkout completed. */
    stripeSubscriptionId: text('stripe_subscription_id').unique(),
    plan: text('plan', { enum: ['individual_monthly', 'individual_yearly', 'organisation_monthly', 'organisation_yearly'] }),
    /** Stripe's subscription status as last read from Stripe. */
    status: text('status', { enum: ['incomplete', 'incomplete_expired', 'trialing', 'active', 'past_due', 'canceled', 'unpaid', 'paused'] }),
    /** Seats billed (organisations: active members). */
    quantity: integer('quantity'),
    currentPeriodEnd: timestamp('current_period_end', { withTimezone: true }),
    trialEnd: timestamp('trial_end', { withTimezone: true }),
    cancelAtPeriodEnd: boolean('cancel_at_period_end').notNull().default(false),
    /** When the state was last read from Stripe (every webhook re-reads it, so event order does not matter). */
    syncedAt: timestamp('synced_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  () => [check('billing_customers_one_owner', sql`(account_id is null) <> (organization_id is null)`)],
);

/**
 * Invoice references, kept for the statutory period of accounting records (§ 147 AO, § 14b UStG)
 * even after an erasure request: then detached from the customer and restricted (Art. 18).
 */
export const billingInvoices = pgTable(
  'billing_invoices',
  {
    /** Stripe's invoice id (in_…). */
    id: text('id').primaryKey(),
    billingCustomerId: uuid('billing_customer_id').references(() => billingCustomers.id, { onDelete: 'cascade' }),
    /** Kept after erasure, so the operator can still find the invoice at Stripe for the tax office. */
    stripeCustomerId: text('stripe_customer_id').notNull(),
    number: text('number'),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    /** In the currency's minor unit (cents), as Stripe states it. */
    amount: bigint('amount', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    status: text('status').notNull(),
    /** Set by the legal hold of an erasure: kept only for the tax office (Art. 17(3)(b), Art. 18). */
    restrictedAt: timestamp('restricted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('billing_invoices_customer').on(table.billingCustomerId), index('billing_invoices_issued').on(table.issuedAt)],
);

/**
 * Webhook events handled, by Stripe's event id: the primary key makes each event count once, also
 * when two server processes receive it at the same moment. No personal data.
 */
export const billingEvents = pgTable('billing_events', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  processedAt: timestamp('processed_at', { withTimezone: true }).notNull(),
});
