import type Stripe from 'stripe';
import type { FastifyBaseLogger } from 'fastify';
import { lazy } from '../../common/lazy';
import type { BillingConfig, BillingPlan } from '../config/billing';
import { AppError, RETRY_AFTER_UNAVAILABLE_SECONDS } from '../http/errors';
import type { InvoiceReference, SubscriptionState, SubscriptionStatus } from './store';

/** A subscription as Stripe holds it now, with what seat changes need. */
export interface ProviderSubscription extends SubscriptionState {
  customerId: string;
  /** The one subscription item (our plans have one price each); its quantity is the seats. */
  itemId: string | null;
}

export interface ProviderInvoice extends InvoiceReference {
  /** Stripe's hosted PDF; shown on the billing page, never stored. */
  pdfUrl: string | null;
}

/** A webhook event whose signature verified. */
export interface VerifiedEvent {
  id: string;
  type: string;
  /** The object's id and its customer, as the event carries them. */
  objectId: string;
  customerId: string | null;
  /** checkout.session.completed: the subscription it created. */
  subscriptionId: string | null;
}

/**
 * The payment provider behind our own interface (P-23): the billing service knows nothing of Stripe's
 * SDK; another provider means another implementation of this.
 */
export interface PaymentGateway {
  createCustomer(input: { email: string; ownerReference: string }): Promise<string>;
  checkoutUrl(input: {
    customerId: string;
    plan: BillingPlan;
    quantity: number;
    trialEnd: Date | null;
    successUrl: string;
    cancelUrl: string;
    ownerReference: string;
  }): Promise<string>;
  portalUrl(input: { customerId: string; returnUrl: string }): Promise<string>;
  subscription(id: string): Promise<ProviderSubscription>;
  /** Prorated, so a member added mid-period is billed for the rest of it. */
  setQuantity(subscription: ProviderSubscription, quantity: number): Promise<void>;
  /** Ends the subscription at once (an erasure): no further charges. */
  cancelNow(subscriptionId: string): Promise<void>;
  /**
   * Deletes the customer at the provider (an erasure): its e-mail address, metadata and any stored
   * card go; the provider keeps its invoices under its own legal duties. One already deleted counts as done.
   */
  deleteCustomer(customerId: string): Promise<void>;
  invoice(id: string): Promise<ProviderInvoice>;
  invoices(customerId: string, limit: number): Promise<ProviderInvoice[]>;
  /** Throws `WebhookRefused` unless the payload is signed with our secret within the tolerance. */
  verify(payload: Buffer, signature: string | undefined): Promise<VerifiedEvent>;
}

/** A webhook that is not ours to act on: bad signature, outside the tolerance, or not an event we handle. */
export class WebhookRefused extends Error {
  override name = 'WebhookRefused';
}

/** Stripe's default: a signature older than 5 minutes is a replay. */
const WEBHOOK_TOLERANCE_SECONDS = 300;

const statuses: readonly SubscriptionStatus[] = ['incomplete', 'incomplete_expired', 'trialing', 'active', 'past_due', 'canceled', 'unpaid', 'paused'];
/** A status newer than this code is treated as not paid: read-only until someone looks, never free use. */
const knownStatus = (status: string): SubscriptionStatus => ((statuses as readonly string[]).includes(status) ? (status as SubscriptionStatus) : 'unpaid');

const seconds = (value: number | null | undefined) => (value ? new Date(value * 1000) : null);
const idOf = (value: string | { id: string } | null | undefined) => (typeof value === 'string' ? value : (value?.id ?? null));

/** Stripe's SDK (0.7 MB of code) is loaded at the first billing request, not at every start. */
const stripeModule = lazy(async () => (await import('stripe')).default);

export class StripeGateway implements PaymentGateway {
  private readonly client: () => Promise<{ stripe: Stripe; errors: typeof Stripe.errors }>;
  private readonly planOfPrice: Map<string, BillingPlan>;

  constructor(
    private readonly config: BillingConfig,
    private readonly log: FastifyBaseLogger,
  ) {
    this.client = lazy(async () => {
      const StripeSdk = await stripeModule();
      const stripe = new StripeSdk(config.secretKey, {
        // A request that fails is answered 503 at once (the person repeats it; Stripe repeats webhooks).
        maxNetworkRetries: 1,
        timeout: 15_000,
        telemetry: false,
        ...(config.api ?? {}),
      });
      return { stripe, errors: StripeSdk.errors };
    });
    this.planOfPrice = new Map(Object.entries(config.prices).map(([plan, price]) => [price, plan as BillingPlan]));
  }

  async createCustomer(input: { email: string; ownerReference: string }): Promise<string> {
    const customer = await this.call((stripe) => stripe.customers.create({ email: input.email, metadata: { sprechzimmer: input.ownerReference } }));
    return customer.id;
  }

  async checkoutUrl(input: Parameters<PaymentGateway['checkoutUrl']>[0]): Promise<string> {
    const session = await this.call((stripe) =>
      stripe.checkout.sessions.create({
        mode: 'subscription',
        customer: input.customerId,
        client_reference_id: input.ownerReference,
        line_items: [{ price: this.config.prices[input.plan], quantity: input.quantity }],
        success_url: input.successUrl,
        cancel_url: input.cancelUrl,
        ...(input.trialEnd ? { subscription_data: { trial_end: Math.floor(input.trialEnd.getTime() / 1000) } } : {}),
      }),
    );
    if (!session.url) throw new Error('Stripe returned a checkout session without a URL');
    return session.url;
  }

  async portalUrl(input: { customerId: string; returnUrl: string }): Promise<string> {
    const session = await this.call((stripe) => stripe.billingPortal.sessions.create({ customer: input.customerId, return_url: input.returnUrl }));
    return session.url;
  }

  async subscription(id: string): Promise<ProviderSubscription> {
    const subscription = await this.call((stripe) => stripe.subscriptions.retrieve(id));
    const item = subscription.items.data[0];
    return {
      stripeSubscriptionId: subscription.id,
      customerId: idOf(subscription.customer) ?? '',
      itemId: item?.id ?? null,
      plan: (item && this.planOfPrice.get(item.price.id)) ?? null,
      status: knownStatus(subscription.status),
      quantity: item?.quantity ?? null,
      // Since API version 2025-03-31 the period is the item's.
      currentPeriodEnd: seconds(item?.current_period_end),
      trialEnd: seconds(subscription.trial_end),
      cancelAtPeriodEnd: subscription.cancel_at_period_end,
    };
  }

  async setQuantity(subscription: ProviderSubscription, quantity: number): Promise<void> {
    if (!subscription.itemId) throw new Error(`subscription ${subscription.stripeSubscriptionId} has no item`);
    const itemId = subscription.itemId;
    await this.call((stripe) =>
      stripe.subscriptions.update(subscription.stripeSubscriptionId, { items: [{ id: itemId, quantity }], proration_behavior: 'create_prorations' }),
    );
  }

  async cancelNow(subscriptionId: string): Promise<void> {
    await this.call((stripe) => stripe.subscriptions.cancel(subscriptionId));
  }

  async deleteCustomer(customerId: string): Promise<void> {
    await this.call(async (stripe, errors) => {
      try {
        await stripe.customers.del(customerId);
      } catch (error) {
        // Stripe answers 404 for a customer deleted before: an erasure repeated after a later step failed.
        if (error instanceof errors.StripeInvalidRequestError && error.code === 'resource_missing') return;
        throw error;
      }
    });
  }

  async invoice(id: string): Promise<ProviderInvoice> {
    return this.invoiceOf(await this.call((stripe) => stripe.invoices.retrieve(id)));
  }

  async invoices(customerId: string, limit: number): Promise<ProviderInvoice[]> {
    const list = await this.call((stripe) => stripe.invoices.list({ customer: customerId, limit }));
    return list.data.map((invoice) => this.invoiceOf(invoice));
  }

  async verify(payload: Buffer, signature: string | undefined): Promise<VerifiedEvent> {
    if (!signature) throw new WebhookRefused('no Stripe-Signature header');
    const { stripe } = await this.client();
    let event: Stripe.Event;
    try {
      event = stripe.webhooks.constructEvent(payload, signature, this.config.webhookSecret, WEBHOOK_TOLERANCE_SECONDS);
    } catch (error) {
      throw new WebhookRefused(error instanceof Error ? error.message : 'signature not verified');
    }
    const object = event.data.object as { id?: string; customer?: string | { id: string } | null; subscription?: string | { id: string } | null };
    return {
      id: event.id,
      type: event.type,
      objectId: object.id ?? '',
      customerId: idOf(object.customer),
      subscriptionId: idOf(object.subscription),
    };
  }

  private invoiceOf(invoice: Stripe.Invoice): ProviderInvoice {
    return {
      id: invoice.id ?? '',
      stripeCustomerId: idOf(invoice.customer) ?? '',
      number: invoice.number,
      issuedAt: new Date(invoice.created * 1000),
      amount: invoice.total,
      currency: invoice.currency,
      status: invoice.status ?? 'draft',
      pdfUrl: invoice.invoice_pdf ?? null,
    };
  }

  /**
   * Stripe unreachable, rate-limited, or refusing our key: the person (or Stripe, for a webhook) should
   * repeat later, so 503 with Retry-After. The operator sees the cause in the log; the body says nothing of it.
   */
  private async call<T>(request: (stripe: Stripe, errors: typeof Stripe.errors) => Promise<T>): Promise<T> {
    const { stripe, errors } = await this.client();
    try {
      return await request(stripe, errors);
    } catch (error) {
      if (!(error instanceof errors.StripeError)) throw error;
      this.log.warn(
        { stripeError: { type: error.type, code: error.code, statusCode: error.statusCode, requestId: error.requestId } },
        'payment provider refused or unreachable',
      );
      throw new AppError('service_unavailable', 'The payment provider cannot be reached right now. Please try again in a few minutes.', {
        headers: { 'Retry-After': String(RETRY_AFTER_UNAVAILABLE_SECONDS) },
      });
    }
  }
}
