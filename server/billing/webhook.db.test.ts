import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billingCustomers } from '../db/schema';
import { activeCustomer, MemoryMailer, startTestApp, type ApiClient, type TestApp } from '../test-support/app';
import { FakeStripe } from '../test-support/stripe';
import { countRows, deliver, subscribe } from './test-helpers';

/**
 * Stripe's webhook (issue 11): signed exactly as Stripe signs (the SDK's test header), checked with
 * the official library; refused with 400 and nothing stored when it is not ours; each event once,
 * also across two server processes; order-independent; a failure answers 5xx for Stripe to retry.
 */
describe('Stripe webhook', () => {
  const stripe = new FakeStripe();
  const mailer = new MemoryMailer();
  let testApp: TestApp;
  let customer: ApiClient;
  let subscriptionId: string;

  beforeAll(async () => {
    await stripe.start();
    testApp = await startTestApp({ mailer, env: stripe.env() });
    customer = (await activeCustomer(testApp, mailer)).client;
    ({ subscriptionId } = await subscribe(testApp, stripe, customer));
  });
  afterAll(async () => {
    await testApp.close();
    await stripe.stop();
  });

  const state = async () => (await customer.get('/api/billing')).json<{ state: string }>().state;

  it('takes the events of a checkout: the plan is running, its first invoice listed with Stripe’s PDF', async () => {
    const view = (await customer.get('/api/billing')).json();
    expect(view).toMatchObject({
      state: 'trialing',
      entitled: true,
      plan: { kind: 'individual', period: 'monthly' },
      quantity: 1,
      invoices: [{ currency: 'eur', pdfUrl: expect.stringMatching(/^https:\/\/pay\.stripe\.com\//) }],
    });
    // Only ids, state and invoice references are kept: no card, no e-mail.
    expect(JSON.stringify(await testApp.database.db.select().from(billingCustomers))).not.toMatch(/card|@/);
  });

  it('refuses an unsigned, tampered, foreign-signed or replayed event with 400 and stores nothing', async () => {
    const before = { events: await countRows(testApp, 'billing_events'), status: await state() };
    const event = stripe.setStatus(subscriptionId, 'unpaid');
    const unsigned = await testApp.app.http.inject({
      method: 'POST',
      url: '/api/billing/webhook',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(event),
    });
    const tampered = await deliver(testApp, stripe, event, { tamper: (payload) => payload.replace('"unpaid"', '"active"') });
    const foreign = await deliver(testApp, stripe, event, { secret: 'whsec_someoneelse000000000000' });
    // Stripe's tolerance is 5 minutes: a captured request replayed later is refused.
    const replayed = await deliver(testApp, stripe, event, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    const unknownType = await deliver(testApp, stripe, stripe.event('charge.succeeded', { id: 'ch_1', object: 'charge', customer: 'cus_x' }));
    const unknownCustomer = await deliver(
      testApp,
      stripe,
      stripe.event('customer.subscription.updated', { ...stripe.subscription(subscriptionId), customer: 'cus_notours' }),
    );
    for (const response of [unsigned, tampered, foreign, replayed, unknownType, unknownCustomer]) {
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code, response.body).toBe('webhook_refused');
    }
    expect(await countRows(testApp, 'billing_events')).toBe(before.events);
    expect(await state()).toBe(before.status);
    stripe.setStatus(subscriptionId, 'trialing');
  });

  it('handles an event once, also when it arrives twice at two processes at the same moment', async () => {
    const second = await startTestApp({ mailer, env: stripe.env(), database: testApp.database });
    try {
      const event = stripe.setStatus(subscriptionId, 'active');
      const before = await countRows(testApp, 'billing_events');
      const answers = await Promise.all([deliver(testApp, stripe, event), deliver(second, stripe, event), deliver(testApp, stripe, event)]);
      expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 200]);
      expect(await countRows(testApp, 'billing_events')).toBe(before + 1);
      expect(await state()).toBe('active');
    } finally {
      await second.close();
    }
  });

  it('reads the subscription from Stripe, so an old event arriving late does not undo a newer state', async () => {
    const stale = stripe.event('customer.subscription.updated', stripe.subscription(subscriptionId));
    stripe.failPayment(subscriptionId);
    const failed = stripe.setStatus(subscriptionId, 'past_due');
    expect((await deliver(testApp, stripe, failed)).statusCode).toBe(200);
    expect(await state()).toBe('past_due');
    // The snapshot in this event still says active; Stripe says past_due.
    expect((await deliver(testApp, stripe, stale)).statusCode).toBe(200);
    expect(await state()).toBe('past_due');
  });

  it('answers 5xx while Stripe cannot be asked, stores nothing, and takes Stripe’s retry of the same event', async () => {
    const event = stripe.setStatus(subscriptionId, 'active');
    const before = await countRows(testApp, 'billing_events');
    stripe.failing = true;
    const failed = await deliver(testApp, stripe, event);
    stripe.failing = false;
    expect(failed.statusCode).toBe(503);
    expect(failed.headers['retry-after']).toBeDefined();
    expect(await countRows(testApp, 'billing_events')).toBe(before);
    expect(await state()).toBe('past_due');
    expect((await deliver(testApp, stripe, event)).statusCode).toBe(200);
    expect(await state()).toBe('active');
  });

  it('keeps a new subscription when the old one’s cancellation arrives after it', async () => {
    const [row] = await testApp.database.db.select().from(billingCustomers).where(eq(billingCustomers.stripeSubscriptionId, subscriptionId));
    expect(row).toBeDefined();
    const cancelled = stripe.setStatus(subscriptionId, 'canceled');
    expect((await deliver(testApp, stripe, cancelled)).statusCode).toBe(200);
    expect(await state()).toBe('canceled');
    const lateCancellation = stripe.event('customer.subscription.deleted', stripe.subscription(subscriptionId));
    const renewed = await subscribe(testApp, stripe, customer, 'yearly');
    expect(await state()).toBe('active');
    expect((await deliver(testApp, stripe, lateCancellation)).statusCode).toBe(200);
    expect((await customer.get('/api/billing')).json()).toMatchObject({ state: 'active', plan: { period: 'yearly' } });
    expect(renewed.subscriptionId).not.toBe(subscriptionId);
  });
});
