import { randomBytes } from 'node:crypto';
import http from 'node:http';
import Stripe from 'stripe';
import { servePage } from './stripe-pages';

/** Billing configuration for tests; STRIPE_API_URL is added by `FakeStripe.env()`. */
export const billingTestEnv = {
  STRIPE_SECRET_KEY: 'sk_test_standin0000000000000000',
  STRIPE_WEBHOOK_SECRET: 'whsec_standin00000000000000000000',
  STRIPE_PRICE_INDIVIDUAL_MONTHLY: 'price_individualMonthly',
  STRIPE_PRICE_INDIVIDUAL_YEARLY: 'price_individualYearly',
  STRIPE_PRICE_ORGANISATION_MONTHLY: 'price_organisationMonthly',
  STRIPE_PRICE_ORGANISATION_YEARLY: 'price_organisationYearly',
  BILLING_TRIAL_DAYS: '14',
};

export interface StripeRequest {
  method: string;
  path: string;
  /** Form fields as sent (bracket notation kept: `line_items[0][price]`), or the query of a GET. */
  form: Record<string, string>;
}

type StripeObject = Record<string, unknown> & { id: string; object: string };
type SubscriptionStatus = 'trialing' | 'active' | 'past_due' | 'unpaid' | 'canceled' | 'incomplete';

const DAY = 24 * 60 * 60;
const nowSeconds = () => Math.floor(Date.now() / 1000);
const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

/**
 * A local stand-in for the parts of Stripe's REST API the billing feature calls, in Stripe's wire
 * format: form-encoded requests with a Bearer secret key, JSON objects with `object` and prefixed ids
 * (cus_, cs_, bps_, sub_, si_, in_), list envelopes, and Stripe's error envelope. The official SDK
 * talks to it through its host/port/protocol options. It also plays Stripe's side of a payment
 * (checkout completed, card failed, cancelled) and signs webhooks exactly as Stripe does.
 */
export class FakeStripe {
  readonly requests: StripeRequest[] = [];
  readonly customers = new Map<string, StripeObject>();
  readonly sessions = new Map<string, StripeObject>();
  readonly subscriptions = new Map<string, StripeObject>();
  readonly invoices = new Map<string, StripeObject>();
  readonly portalSessions = new Map<string, StripeObject>();
  /**
   * The app's webhook endpoint, set by `deliverTo`: then Checkout and the portal are pages served
   * here (browser tests), and what the customer does there reaches the app as signed webhooks.
   */
  private webhookUrl: string | undefined;
  /** While true, every API call answers 500 as Stripe does when it has a problem of its own. */
  failing = false;
  /** Calls that answer 500 as above, for a failure part-way through a sequence of calls. */
  failingWhen: ((request: StripeRequest) => boolean) | undefined;
  private readonly waiting: { matches: (request: StripeRequest) => boolean; resolve: (request: StripeRequest) => void }[] = [];
  private readonly server = http.createServer((request, response) => this.handle(request, response));
  private port = 0;
  private readonly stripe = new Stripe('sk_test_signingonly');

  constructor(
    private readonly secretKey = billingTestEnv.STRIPE_SECRET_KEY,
    private readonly webhookSecret = billingTestEnv.STRIPE_WEBHOOK_SECRET,
  ) {}

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Resolves with the next request that matches: for work the app does after answering (seat changes). */
  nextRequest(matches: (request: StripeRequest) => boolean): Promise<StripeRequest> {
    return new Promise((resolve) => this.waiting.push({ matches, resolve }));
  }

  /** Where the API and, after `deliverTo`, the Checkout and portal pages are served. */
  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Plays Stripe's hosted pages here and sends its webhooks to `webhookUrl`, as Stripe does to a registered endpoint. */
  deliverTo(webhookUrl: string): void {
    this.webhookUrl = webhookUrl;
  }

  /** Delivers one event to the endpoint given to `deliverTo`, signed; resolves with the app's HTTP status. */
  async send(event: StripeObject): Promise<number> {
    if (!this.webhookUrl) throw new Error('FakeStripe.send: call deliverTo(webhookUrl) first');
    const { payload, signature } = this.signed(event);
    const response = await fetch(this.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': signature, 'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' },
      body: payload,
    });
    await response.arrayBuffer();
    return response.status;
  }

  /** The app's environment: billing on, the SDK pointed here. */
  env(): Record<string, string> {
    return { ...billingTestEnv, STRIPE_API_URL: `http://127.0.0.1:${this.port}` };
  }

  /**
   * What Stripe does when the customer pays in Checkout: a subscription (trialing if the session asked
   * for a trial) with one item, its first invoice, and the events in the order Stripe tends to send them.
   */
  completeCheckout(sessionId: string): { subscription: StripeObject; invoice: StripeObject; events: StripeObject[] } {
    const session = this.sessions.get(sessionId);
    if (!session) throw new Error(`no checkout session ${sessionId}`);
    const customer = session.customer as string;
    const trialEnd = Number(session.trialEnd) || null;
    const subscriptionId = newId('sub');
    const subscription: StripeObject = {
      id: subscriptionId,
      object: 'subscription',
      customer,
      status: trialEnd ? 'trialing' : 'active',
      cancel_at_period_end: false,
      canceled_at: null,
      created: nowSeconds(),
      trial_end: trialEnd,
      livemode: false,
      metadata: {},
      items: {
        object: 'list',
        data: [
          {
            id: newId('si'),
            object: 'subscription_item',
            price: { id: session.price, object: 'price' },
            quantity: Number(session.quantity),
            current_period_start: nowSeconds(),
            current_period_end: trialEnd ?? nowSeconds() + 30 * DAY,
            subscription: subscriptionId,
          },
        ],
        has_more: false,
        url: `/v1/subscription_items?subscription=${subscriptionId}`,
      },
    };
    this.subscriptions.set(subscriptionId, subscription);
    Object.assign(session, { status: 'complete', subscription: subscriptionId });
    const invoice = this.addInvoice(subscription, trialEnd ? 0 : 1900 * Number(session.quantity), 'paid');
    return {
      subscription,
      invoice,
      events: [
        this.event('checkout.session.completed', session),
        this.event('customer.subscription.created', subscription),
        this.event('invoice.paid', invoice),
      ],
    };
  }

  /** A renewal whose card is declined: an open invoice, the subscription past_due. */
  failPayment(subscriptionId: string): StripeObject[] {
    const subscription = this.subscription(subscriptionId);
    subscription.status = 'past_due';
    const invoice = this.addInvoice(subscription, 1900, 'open');
    return [this.event('invoice.payment_failed', invoice), this.event('customer.subscription.updated', subscription)];
  }

  /** Stripe's dunning ran out, or the customer cancelled in the portal. */
  setStatus(subscriptionId: string, status: SubscriptionStatus): StripeObject {
    const subscription = this.subscription(subscriptionId);
    subscription.status = status;
    if (status === 'canceled') subscription.canceled_at = nowSeconds();
    return this.event(status === 'canceled' ? 'customer.subscription.deleted' : 'customer.subscription.updated', subscription);
  }

  subscription(id: string): StripeObject {
    const subscription = this.subscriptions.get(id);
    if (!subscription) throw new Error(`no subscription ${id}`);
    return subscription;
  }

  quantityOf(subscriptionId: string): number {
    return (this.subscription(subscriptionId).items as { data: { quantity: number }[] }).data[0]?.quantity ?? 0;
  }

  /** An event as Stripe sends it: `evt_` id, the object as it was at that moment (a copy). */
  event(type: string, object: StripeObject, id = newId('evt')): StripeObject {
    return {
      id,
      object: 'event',
      api_version: '2026-10-28.endive',
      created: nowSeconds(),
      data: { object: structuredClone(object) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    };
  }

  /** The body and Stripe-Signature header of a webhook, signed with the endpoint secret (or another). */
  signed(event: StripeObject, options: { timestamp?: number; secret?: string } = {}): { payload: string; signature: string } {
    const payload = JSON.stringify(event, null, 2);
    const signature = this.stripe.webhooks.generateTestHeaderString({
      payload,
      secret: options.secret ?? this.webhookSecret,
      timestamp: options.timestamp ?? nowSeconds(),
    });
    return { payload, signature };
  }

  private addInvoice(subscription: StripeObject, total: number, status: 'paid' | 'open'): StripeObject {
    const id = newId('in');
    const invoice: StripeObject = {
      id,
      object: 'invoice',
      customer: subscription.customer,
      number: `STANDIN-${String(this.invoices.size + 1).padStart(4, '0')}`,
      created: nowSeconds(),
      currency: 'eur',
      total,
      amount_paid: status === 'paid' ? total : 0,
      status,
      invoice_pdf: `https://pay.stripe.com/invoice/${id}/pdf`,
      hosted_invoice_url: `https://invoice.stripe.com/i/${id}`,
      parent: { type: 'subscription_details', subscription_details: { subscription: subscription.id, metadata: {} } },
      livemode: false,
    };
    this.invoices.set(id, invoice);
    return invoice;
  }

  private handle(request: http.IncomingMessage, response: http.ServerResponse): void {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://stand-in');
      const method = request.method ?? 'GET';
      // Stripe's hosted pages are for the customer's browser: no API key, no API envelope.
      if (this.webhookUrl && /^\/(c\/pay|p\/session)\//.test(url.pathname)) return servePage(this, method, url.pathname, response);
      const form = Object.fromEntries(new URLSearchParams(method === 'GET' ? url.search : body));
      const reply = (status: number, payload: object) => {
        response.writeHead(status, { 'content-type': 'application/json', 'request-id': newId('req') });
        response.end(JSON.stringify(payload));
      };
      const fail = (status: number, type: string, message: string, extra: object = {}) => reply(status, { error: { type, message, ...extra } });
      if (request.headers.authorization !== `Bearer ${this.secretKey}`) {
        return fail(401, 'invalid_request_error', 'Invalid API Key provided.');
      }
      if (method !== 'GET' && request.headers['content-type'] !== 'application/x-www-form-urlencoded') {
        return fail(400, 'invalid_request_error', 'Invalid request: unsupported Content-Type.');
      }
      const recorded = { method, path: url.pathname, form };
      this.requests.push(recorded);
      // Answered first, so whoever waits sees the state after this request.
      response.on('finish', () => {
        for (const waiter of this.waiting.filter((entry) => entry.matches(recorded))) {
          this.waiting.splice(this.waiting.indexOf(waiter), 1);
          waiter.resolve(recorded);
        }
      });
      if (this.failing || this.failingWhen?.(recorded)) return fail(500, 'api_error', 'An unknown error occurred.');
      const missing = (kind: string, id: string) => fail(404, 'invalid_request_error', `No such ${kind}: '${id}'`, { code: 'resource_missing', param: 'id' });
      const [, version, resource, second, third] = url.pathname.split('/');
      if (version !== 'v1') return missing('path', url.pathname);

      if (method === 'POST' && resource === 'customers' && !second) {
        const customer: StripeObject = {
          id: newId('cus'),
          object: 'customer',
          email: form.email ?? null,
          created: nowSeconds(),
          livemode: false,
          metadata: metadataOf(form),
        };
        this.customers.set(customer.id, customer);
        return reply(200, customer);
      }
      if (resource === 'customers' && second && !third) {
        const customer = this.customers.get(second);
        if (!customer) return missing('customer', second);
        // Deleted customers stay retrievable as a stub; deleting one twice is `resource_missing`.
        if (method === 'GET') return reply(200, customer.deleted ? { id: customer.id, object: 'customer', deleted: true } : customer);
        if (method !== 'DELETE') return missing('path', url.pathname);
        if (customer.deleted) return missing('customer', second);
        // As Stripe documents: deleting a customer also cancels its active subscriptions at once.
        for (const subscription of this.subscriptions.values()) {
          if (subscription.customer === customer.id && subscription.status !== 'canceled')
            Object.assign(subscription, { status: 'canceled', canceled_at: nowSeconds() });
        }
        customer.deleted = true;
        return reply(200, { id: customer.id, object: 'customer', deleted: true });
      }
      if (method === 'POST' && resource === 'checkout' && second === 'sessions') {
        if (!form.customer || !this.customers.has(form.customer) || this.customers.get(form.customer)?.deleted) return missing('customer', form.customer ?? '');
        if (form.mode !== 'subscription') return fail(400, 'invalid_request_error', 'mode must be subscription here', { param: 'mode' });
        const trialEnd = Number(form['subscription_data[trial_end]'] ?? 0);
        if (trialEnd && trialEnd < nowSeconds() + 2 * DAY) {
          return fail(400, 'invalid_request_error', 'subscription_data[trial_end] must be at least 48 hours in the future.', {
            param: 'subscription_data[trial_end]',
          });
        }
        const id = newId('cs_test');
        const session: StripeObject = {
          id,
          object: 'checkout.session',
          mode: 'subscription',
          customer: form.customer,
          client_reference_id: form.client_reference_id ?? null,
          success_url: form.success_url,
          cancel_url: form.cancel_url,
          status: 'open',
          subscription: null,
          url: this.webhookUrl ? `${this.origin}/c/pay/${id}` : `https://checkout.stripe.com/c/pay/${id}`,
          livemode: false,
          // What the stand-in needs to play the payment; Stripe keeps these as line items.
          price: form['line_items[0][price]'],
          quantity: form['line_items[0][quantity]'],
          trialEnd: trialEnd || null,
        };
        this.sessions.set(id, session);
        return reply(200, session);
      }
      if (method === 'POST' && resource === 'billing_portal' && second === 'sessions') {
        if (!form.customer || !this.customers.has(form.customer)) return missing('customer', form.customer ?? '');
        const id = newId('bps');
        const url = this.webhookUrl ? `${this.origin}/p/session/${id}` : `https://billing.stripe.com/p/session/${id}`;
        const session: StripeObject = { id, object: 'billing_portal.session', customer: form.customer, return_url: form.return_url, url, livemode: false };
        this.portalSessions.set(id, session);
        return reply(200, session);
      }
      if (resource === 'subscriptions' && second) {
        const subscription = this.subscriptions.get(second);
        if (!subscription) return missing('subscription', second);
        if (method === 'DELETE') {
          Object.assign(subscription, { status: 'canceled', canceled_at: nowSeconds() });
          return reply(200, subscription);
        }
        if (method === 'POST') {
          const item = (subscription.items as { data: { id: string; quantity: number }[] }).data.find((entry) => entry.id === form['items[0][id]']);
          if (!item) return fail(400, 'invalid_request_error', 'No such subscription item', { param: 'items[0][id]' });
          if (form['items[0][quantity]']) item.quantity = Number(form['items[0][quantity]']);
        }
        return reply(200, subscription);
      }
      if (method === 'GET' && resource === 'invoices' && second && !third) {
        const invoice = this.invoices.get(second);
        return invoice ? reply(200, invoice) : missing('invoice', second);
      }
      if (method === 'GET' && resource === 'invoices' && !second) {
        const data = [...this.invoices.values()]
          .filter((invoice) => !form.customer || invoice.customer === form.customer)
          .reverse()
          .slice(0, Number(form.limit ?? 10));
        return reply(200, { object: 'list', data, has_more: false, url: '/v1/invoices' });
      }
      return missing('path', url.pathname);
    });
  }
}

function metadataOf(form: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(form).flatMap(([key, value]) => (key.startsWith('metadata[') ? [[key.slice(9, -1), value]] : [])));
}
