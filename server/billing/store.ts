import { and, eq, inArray, isNull, lt, or, desc } from 'drizzle-orm';
import type { Db } from '../db/database';
import { billingCustomers, billingEvents, billingInvoices } from '../db/schema';
import type { ErasureSubject } from '../rights/legal-hold';

export type BillingCustomerRow = typeof billingCustomers.$inferSelect;
export type BillingInvoiceRow = typeof billingInvoices.$inferSelect;
export type SubscriptionStatus = NonNullable<BillingCustomerRow['status']>;

/** Who pays: an individual customer's account, or an organisation (its representative acts for it). */
export type BillingOwner = { accountId: string; organizationId?: undefined } | { organizationId: string; accountId?: undefined };

/** The subscription as last read from Stripe. */
export interface SubscriptionState {
  stripeSubscriptionId: string;
  plan: BillingCustomerRow['plan'];
  status: SubscriptionStatus;
  quantity: number | null;
  currentPeriodEnd: Date | null;
  trialEnd: Date | null;
  cancelAtPeriodEnd: boolean;
}

export interface InvoiceReference {
  id: string;
  stripeCustomerId: string;
  number: string | null;
  issuedAt: Date;
  amount: number;
  currency: string;
  status: string;
}

const ownerIs = (owner: BillingOwner) =>
  owner.accountId ? eq(billingCustomers.accountId, owner.accountId) : eq(billingCustomers.organizationId, owner.organizationId as string);

/**
 * The only billing SQL. Nothing here is sealed: Stripe's ids, plan, state and invoice references name
 * no one without Stripe's records (server/db/schema-billing.ts). Every read is scoped to its owner.
 */
export class BillingStore {
  constructor(private readonly db: Db) {}

  async ofOwner(owner: BillingOwner): Promise<BillingCustomerRow | undefined> {
    const [row] = await this.db.select().from(billingCustomers).where(ownerIs(owner));
    return row;
  }

  async byStripeCustomer(stripeCustomerId: string): Promise<BillingCustomerRow | undefined> {
    const [row] = await this.db.select().from(billingCustomers).where(eq(billingCustomers.stripeCustomerId, stripeCustomerId));
    return row;
  }

  /** One customer per owner: of two concurrent first checkouts, the second gets the first's row. */
  async addCustomer(owner: BillingOwner, stripeCustomerId: string, at: Date): Promise<BillingCustomerRow> {
    const [row] = await this.db
      .insert(billingCustomers)
      .values({ accountId: owner.accountId ?? null, organizationId: owner.organizationId ?? null, stripeCustomerId, createdAt: at, updatedAt: at })
      .onConflictDoNothing()
      .returning();
    const existing = row ?? (await this.ofOwner(owner));
    if (!existing) throw new Error('billing customer neither inserted nor found');
    return existing;
  }

  async invoicesOf(billingCustomerId: string, limit: number): Promise<BillingInvoiceRow[]> {
    return this.db
      .select()
      .from(billingInvoices)
      .where(eq(billingInvoices.billingCustomerId, billingCustomerId))
      .orderBy(desc(billingInvoices.issuedAt))
      .limit(limit);
  }

  /**
   * A webhook's effect in one transaction: the event's id is claimed first (primary key), so of two
   * processes handling the same event one writes and the other waits, then finds it claimed. A failure
   * rolls the claim back too, so Stripe's retry is handled afresh. Returns false for a duplicate.
   */
  async applyEvent(
    event: { id: string; type: string },
    at: Date,
    effect: { billingCustomerId: string; subscription?: SubscriptionState; invoice?: InvoiceReference },
  ): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const claimed = await tx.insert(billingEvents).values({ id: event.id, type: event.type, processedAt: at }).onConflictDoNothing().returning();
      if (claimed.length === 0) return false;
      if (effect.subscription) {
        await tx
          .update(billingCustomers)
          .set({ ...effect.subscription, syncedAt: at, updatedAt: at })
          .where(eq(billingCustomers.id, effect.billingCustomerId));
      }
      if (effect.invoice) {
        const { id, ...reference } = effect.invoice;
        await tx
          .insert(billingInvoices)
          .values({ id, billingCustomerId: effect.billingCustomerId, ...reference, createdAt: at })
          .onConflictDoUpdate({
            target: billingInvoices.id,
            set: { number: reference.number, amount: reference.amount, currency: reference.currency, status: reference.status },
          });
      }
      return true;
    });
  }

  /** Retention (invoices): references of calendar years wholly before `yearStart`, up to `limit`. */
  async deleteInvoicesIssuedBefore(yearStart: Date, limit: number): Promise<number> {
    const due = this.db.select({ id: billingInvoices.id }).from(billingInvoices).where(lt(billingInvoices.issuedAt, yearStart)).limit(limit);
    const removed = await this.db.delete(billingInvoices).where(inArray(billingInvoices.id, due)).returning({ id: billingInvoices.id });
    return removed.length;
  }

  /** Retention (billingEvents): handled before `cutoff`, up to `limit`. */
  async deleteEventsBefore(cutoff: Date, limit: number): Promise<number> {
    const due = this.db.select({ id: billingEvents.id }).from(billingEvents).where(lt(billingEvents.processedAt, cutoff)).limit(limit);
    const removed = await this.db.delete(billingEvents).where(inArray(billingEvents.id, due)).returning({ id: billingEvents.id });
    return removed.length;
  }
}

/**
 * The legal hold of an erasure (Art. 17(3)(b)): the subject's invoice references leave the cascade
 * (detached from the billing customer) and are restricted; the `invoices` job deletes them when the
 * statutory period ends.
 */
export async function restrictInvoicesForErasure(tx: Db, subject: ErasureSubject, at: Date): Promise<number> {
  const owners = or(
    subject.accountIds.length > 0 ? inArray(billingCustomers.accountId, subject.accountIds) : undefined,
    subject.organizationId ? eq(billingCustomers.organizationId, subject.organizationId) : undefined,
  );
  if (!owners) return 0;
  const customers = tx.select({ id: billingCustomers.id }).from(billingCustomers).where(owners);
  const kept = await tx
    .update(billingInvoices)
    .set({ billingCustomerId: null, restrictedAt: at })
    .where(and(inArray(billingInvoices.billingCustomerId, customers), isNull(billingInvoices.restrictedAt)))
    .returning({ id: billingInvoices.id });
  return kept.length;
}
