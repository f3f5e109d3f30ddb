import { sql } from 'drizzle-orm';
import { queryRows } from '../db/database';
import type { ApiClient, TestApp } from '../test-support/app';
import type { FakeStripe } from '../test-support/stripe';

type StripeEvent = ReturnType<FakeStripe['event']>;

/** Stripe delivering one webhook: the raw body and its Stripe-Signature header, no cookie, no CSRF token. */
export async function deliver(
  testApp: TestApp,
  stripe: FakeStripe,
  event: StripeEvent,
  options: { timestamp?: number; secret?: string; tamper?: (payload: string) => string } = {},
) {
  const { payload, signature } = stripe.signed(event, options);
  return testApp.app.http.inject({
    method: 'POST',
    url: '/api/billing/webhook',
    headers: { 'content-type': 'application/json', 'stripe-signature': signature, 'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' },
    payload: options.tamper ? options.tamper(payload) : payload,
  });
}

/** Checkout as the person does it: our redirect, payment at Stripe, Stripe's webhooks back to us. */
export async function subscribe(testApp: TestApp, stripe: FakeStripe, client: ApiClient, period: 'monthly' | 'yearly' = 'monthly') {
  const started = await client.post('/api/billing/checkout', { period });
  if (started.statusCode !== 200) throw new Error(`checkout: ${started.body}`);
  const sessionId = new URL(started.json<{ url: string }>().url).pathname.split('/').pop() ?? '';
  const completed = stripe.completeCheckout(sessionId);
  for (const event of completed.events) {
    const response = await deliver(testApp, stripe, event);
    if (response.statusCode !== 200) throw new Error(`webhook ${event.type as string}: ${response.body}`);
  }
  return { sessionId, subscriptionId: completed.subscription.id, invoiceId: completed.invoice.id };
}

export async function countRows(testApp: TestApp, table: 'billing_events' | 'billing_customers' | 'billing_invoices'): Promise<number> {
  const [row] = await queryRows<{ n: number | string }>(testApp.database.db, sql.raw(`select count(*) as n from ${table}`));
  return Number(row?.n);
}

export async function startConsultation(client: ApiClient) {
  return client.post('/api/consultations', { guests: [{ name: 'Gast Billing', email: `gast.${Date.now()}.${Math.random()}@example.org` }] });
}
