import type { BillingState, BillingView } from '../../common/api/billing';
import type { AccountRow, AccountStore } from '../accounts/store';
import type { Clock } from '../clock';
import type { BillingConfig, BillingPlan } from '../config/billing';
import { AppError } from '../http/errors';
import type { OrganizationStore } from '../organizations/store';
import type { ErasureSubject } from '../rights/legal-hold';
import { billingRules, billingStateOf, ownerOf, ownerReference, type StateFacts } from './policy';
import { presentBilling } from './presenter';
import type { PaymentGateway, ProviderInvoice, ProviderSubscription, VerifiedEvent } from './stripe-gateway';
import { WebhookRefused } from './stripe-gateway';
import type { BillingCustomerRow, BillingOwner, BillingStore, SubscriptionStatus } from './store';

export interface BillingServiceDeps {
  store: BillingStore;
  gateway: PaymentGateway;
  accounts: AccountStore;
  organizations: OrganizationStore;
  clock: Clock;
  config: BillingConfig;
  publicUrl: URL;
  log: { warn(object: object, message: string): void };
}

/** The events the webhook endpoint is registered for (the start-up message lists them for the operator). */
const handledEvents = new Set([
  'checkout.session.completed',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'invoice.finalized',
  'invoice.paid',
  'invoice.payment_failed',
]);

/** Stripe refuses a Checkout trial that ends less than 48 hours ahead. */
const MIN_CHECKOUT_TRIAL_MS = 48 * 60 * 60 * 1000;
const INVOICES_SHOWN = 24;
const ended = (status: SubscriptionStatus | null | undefined) => status === 'canceled' || status === 'incomplete_expired';

const notFound = () => new AppError('not_found', 'No such page.');
const refused = (reason: string) => new AppError('webhook_refused', `Webhook refused: ${reason}.`);

/**
 * Subscriptions through Stripe (issue 11, P-22). The server learns about payments only from signed
 * webhooks and always reads the subscription's current state from Stripe, so events may come twice,
 * late or out of order.
 */
export class BillingService {
  constructor(private readonly deps: BillingServiceDeps) {}

  async view(actorId: string): Promise<BillingView> {
    const { owner, customer, facts } = await this.context(actorId);
    const stored = customer ? await this.deps.store.invoicesOf(customer.id, INVOICES_SHOWN) : [];
    const links = customer && stored.length > 0 ? await this.pdfLinks(customer.stripeCustomerId) : new Map<string, string | null>();
    return presentBilling({
      scope: owner.organizationId ? 'organisation' : 'individual',
      facts,
      customer,
      invoices: stored.map((invoice) => ({ ...invoice, pdfUrl: links.get(invoice.id) ?? null })),
      now: this.deps.clock.now(),
    });
  }

  /** Stripe Checkout in subscription mode; the trial left of a new account carries over. */
  async checkout(actorId: string, period: 'monthly' | 'yearly'): Promise<string> {
    const { actor, owner, customer, facts } = await this.context(actorId);
    if (!billingRules.maySubscribe(facts.state)) {
      throw new AppError('already_subscribed', 'A subscription is already running: change or cancel it in the payment portal.');
    }
    const plan: BillingPlan = owner.organizationId ? `organisation_${period}` : `individual_${period}`;
    const stripeCustomerId = customer?.stripeCustomerId ?? (await this.addCustomer(owner, actor)).stripeCustomerId;
    const now = this.deps.clock.now();
    const trialEnd =
      facts.state === 'trial' && facts.trialEndsAt && facts.trialEndsAt.getTime() - now.getTime() >= MIN_CHECKOUT_TRIAL_MS ? facts.trialEndsAt : null;
    return this.deps.gateway.checkoutUrl({
      customerId: stripeCustomerId,
      plan,
      quantity: owner.organizationId ? await this.seatsOf(owner.organizationId) : 1,
      trialEnd,
      successUrl: new URL('/billing?checkout=done', this.deps.publicUrl).href,
      cancelUrl: new URL('/billing', this.deps.publicUrl).href,
      ownerReference: ownerReference(owner),
    });
  }

  /** Stripe's Customer Portal: card, cancellation, invoices. Only after a first checkout. */
  async portal(actorId: string): Promise<string> {
    const { customer } = await this.context(actorId);
    if (!customer) throw new AppError('not_found', 'There is no subscription yet: subscribe first.');
    return this.deps.gateway.portalUrl({ customerId: customer.stripeCustomerId, returnUrl: new URL('/billing', this.deps.publicUrl).href });
  }

  /** The gate of everything new (consultations, appointments); what already runs is never touched. */
  async requireEntitled(account: AccountRow): Promise<void> {
    const owner = ownerOf(account);
    const facts = billingStateOf(
      await this.deps.store.ofOwner(owner),
      await this.registeredAt(owner, account),
      this.deps.config.trialDays,
      this.deps.clock.now(),
    );
    if (!billingRules.mayStartNew(facts.state)) {
      const who = owner.organizationId && account.organizationRole !== 'representative' ? ' Please ask the representative of your organisation.' : '';
      throw new AppError('subscription_required', `The plan is not paid: new consultations and appointments need a running subscription.${who}`, {
        details: { state: facts.state },
      });
    }
  }

  async stateOf(account: AccountRow): Promise<BillingState> {
    const owner = ownerOf(account);
    return billingStateOf(await this.deps.store.ofOwner(owner), await this.registeredAt(owner, account), this.deps.config.trialDays, this.deps.clock.now())
      .state;
  }

  /**
   * A signed Stripe event. Refused (400, nothing stored): no or a wrong signature, a signature outside
   * the tolerance (a replay), an event type or a customer we do not know. A failure to reach Stripe
   * throws (503) before anything is written, so Stripe's retry finds the event unclaimed.
   */
  async handleWebhook(payload: unknown, signature: string | undefined): Promise<void> {
    if (!Buffer.isBuffer(payload)) throw refused('the body must be the raw JSON Stripe sent');
    let event: VerifiedEvent;
    try {
      event = await this.deps.gateway.verify(payload, signature);
    } catch (error) {
      if (error instanceof WebhookRefused) throw refused(error.message);
      throw error;
    }
    if (!handledEvents.has(event.type)) throw refused(`${event.type} is not an event this endpoint handles`);
    const customer = event.customerId ? await this.deps.store.byStripeCustomer(event.customerId) : undefined;
    if (!customer) throw refused('the customer is not one of ours');
    const subscriptionId = event.type.startsWith('customer.subscription.') ? event.objectId : (event.subscriptionId ?? customer.stripeSubscriptionId);
    const read = subscriptionId ? await this.deps.gateway.subscription(subscriptionId) : undefined;
    if (read && read.customerId !== customer.stripeCustomerId) throw refused('the subscription belongs to another customer');
    const invoice = event.type.startsWith('invoice.') ? await this.deps.gateway.invoice(event.objectId) : undefined;
    if (invoice && invoice.stripeCustomerId !== customer.stripeCustomerId) throw refused('the invoice belongs to another customer');
    const subscription = read && supersedes(read, customer) ? stateOnly(read) : undefined;
    const applied = await this.deps.store.applyEvent(event, this.deps.clock.now(), {
      billingCustomerId: customer.id,
      ...(subscription ? { subscription } : {}),
      ...(invoice ? { invoice: referenceOnly(invoice) } : {}),
    });
    // A seat change missed earlier (Stripe unreachable then) is caught up with the next event. The
    // event itself is stored by now: a failure here must not make Stripe retry it (it would be a
    // duplicate), so it is logged and left to the next member change or event.
    if (applied && customer.organizationId && read && subscription) {
      try {
        await this.syncSeats(customer.organizationId, read);
      } catch (error) {
        this.deps.log.warn(
          { err: error, organizationId: customer.organizationId },
          'billing: seats not updated after a webhook; the next change or event retries',
        );
      }
    }
  }

  /**
   * Before an erasure (Art. 17): the subscriptions of the erased owners end at Stripe at once, so a
   * deleted account is never charged again, and their Stripe customers are deleted, so Stripe holds
   * no e-mail address or card of theirs for us any more (it keeps its invoices under its own legal
   * duties; ours are held by `invoiceReferencesHold`). Stripe unreachable: 503, and nothing is erased
   * yet. Repeatable: a retry after a later failure skips what Stripe already did.
   */
  async endForErasure(subject: ErasureSubject): Promise<void> {
    const owners: BillingOwner[] = [
      ...subject.accountIds.map((accountId) => ({ accountId })),
      ...(subject.organizationId ? [{ organizationId: subject.organizationId }] : []),
    ];
    for (const owner of owners) {
      const customer = await this.deps.store.ofOwner(owner);
      if (!customer) continue;
      // Our stored state may lag behind Stripe's (a first attempt that cancelled, then failed): ask Stripe.
      if (customer.stripeSubscriptionId && !ended(customer.status) && !ended((await this.deps.gateway.subscription(customer.stripeSubscriptionId)).status)) {
        await this.deps.gateway.cancelNow(customer.stripeSubscriptionId);
      }
      await this.deps.gateway.deleteCustomer(customer.stripeCustomerId);
    }
  }

  /** Members invited, activated, deactivated or removed: the organisation's quantity follows, prorated. */
  async seatsChanged(organizationId: string): Promise<void> {
    const customer = await this.deps.store.ofOwner({ organizationId });
    if (!customer?.stripeSubscriptionId || ended(customer.status)) return;
    await this.syncSeats(organizationId, await this.deps.gateway.subscription(customer.stripeSubscriptionId));
  }

  private async syncSeats(organizationId: string, subscription: ProviderSubscription): Promise<void> {
    if (ended(subscription.status)) return;
    const seats = await this.seatsOf(organizationId);
    if (subscription.quantity !== seats) await this.deps.gateway.setQuantity(subscription, seats);
  }

  /** Everyone active in the organisation holds a seat: representative, members and staff. At least one. */
  private async seatsOf(organizationId: string): Promise<number> {
    const people = await this.deps.accounts.ofOrganization(organizationId);
    return Math.max(1, people.filter((person) => person.status === 'active').length);
  }

  private async context(actorId: string): Promise<{ actor: AccountRow; owner: BillingOwner; customer: BillingCustomerRow | undefined; facts: StateFacts }> {
    const actor = await this.deps.accounts.findById(actorId);
    // Members and staff never see billing: for them it does not exist.
    if (!actor || !billingRules.managesBilling(actor)) throw notFound();
    const owner = ownerOf(actor);
    const customer = await this.deps.store.ofOwner(owner);
    const facts = billingStateOf(customer, await this.registeredAt(owner, actor), this.deps.config.trialDays, this.deps.clock.now());
    return { actor, owner, customer, facts };
  }

  private async registeredAt(owner: BillingOwner, account: AccountRow): Promise<Date> {
    if (!owner.organizationId) return account.createdAt;
    return (await this.deps.organizations.find(owner.organizationId))?.createdAt ?? account.createdAt;
  }

  private async addCustomer(owner: BillingOwner, actor: AccountRow): Promise<BillingCustomerRow> {
    const organization = owner.organizationId ? await this.deps.organizations.find(owner.organizationId) : undefined;
    // Stripe mails receipts and invoices to this address; name and card are entered at Checkout.
    const stripeCustomerId = await this.deps.gateway.createCustomer({ email: organization?.email ?? actor.email, ownerReference: ownerReference(owner) });
    return this.deps.store.addCustomer(owner, stripeCustomerId, this.deps.clock.now());
  }

  /** The PDFs are Stripe's; without Stripe the page still shows the references. */
  private async pdfLinks(stripeCustomerId: string): Promise<Map<string, string | null>> {
    try {
      return new Map((await this.deps.gateway.invoices(stripeCustomerId, INVOICES_SHOWN)).map((invoice) => [invoice.id, invoice.pdfUrl]));
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'service_unavailable') throw error;
      this.deps.log.warn({ stripeCustomerId }, 'billing page shown without invoice PDF links: payment provider unavailable');
      return new Map();
    }
  }
}

/**
 * Out-of-order safety: an event about a subscription other than the stored one (an old one cancelled
 * late, a new checkout) replaces it only if it still runs or the stored one has ended too.
 */
function supersedes(read: ProviderSubscription, customer: BillingCustomerRow): boolean {
  if (!customer.stripeSubscriptionId || customer.stripeSubscriptionId === read.stripeSubscriptionId) return true;
  return !ended(read.status) || ended(customer.status);
}

function stateOnly(read: ProviderSubscription) {
  const { customerId: _customer, itemId: _item, ...state } = read;
  return state;
}

function referenceOnly(invoice: ProviderInvoice) {
  const { pdfUrl: _pdf, ...reference } = invoice;
  return reference;
}
