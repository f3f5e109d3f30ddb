import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billingInvoices } from '../db/schema';
import { activeCustomer, MemoryMailer, startTestApp, type TestApp } from '../test-support/app';
import { FakeStripe } from '../test-support/stripe';
import { organization } from '../test-support/world';
import { countRows, deliver, startConsultation, subscribe } from './test-helpers';

/**
 * What each billing state allows (issue 11): trial and active everything, past_due everything with a
 * banner, unpaid and canceled read-only (log in, activity, export, delete, subscribe again), and a
 * running call is never cut. Organisations: the representative subscribes, seats follow active members.
 */
describe('billing states and what they allow', () => {
  const stripe = new FakeStripe();
  const mailer = new MemoryMailer();
  let testApp: TestApp;
  /** The same deployment with no free trial: a new account must subscribe first. */
  let noTrial: TestApp;

  beforeAll(async () => {
    await stripe.start();
    testApp = await startTestApp({ mailer, env: stripe.env() });
    noTrial = await startTestApp({ mailer, env: { ...stripe.env(), BILLING_TRIAL_DAYS: '0' }, database: testApp.database });
  });
  afterAll(async () => {
    await noTrial.close();
    await testApp.close();
    await stripe.stop();
  });

  it('gives a new account the free trial: everything allowed, the page counts the days', async () => {
    const { client } = await activeCustomer(testApp, mailer);
    expect((await client.get('/api/billing')).json()).toMatchObject({
      scope: 'individual',
      state: 'trial',
      entitled: true,
      trialDaysLeft: 14,
      plan: null,
      invoices: [],
    });
    expect((await startConsultation(client)).statusCode).toBe(201);
  });

  it('sends Checkout the plan, one seat, our return addresses and the trial left, and answers Stripe’s URL to go to', async () => {
    const { client } = await activeCustomer(testApp, mailer);
    const started = await client.post('/api/billing/checkout', { period: 'yearly' });
    expect(started.statusCode).toBe(200);
    expect(started.json().url).toMatch(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_/);
    const request = stripe.requests.findLast((entry) => entry.path === '/v1/checkout/sessions');
    expect(request?.form).toMatchObject({
      mode: 'subscription',
      'line_items[0][price]': 'price_individualYearly',
      'line_items[0][quantity]': '1',
      success_url: 'http://localhost:3000/billing?checkout=done',
      cancel_url: 'http://localhost:3000/billing',
    });
    const trialEnd = Number(request?.form['subscription_data[trial_end]']) * 1000;
    expect(Math.round((trialEnd - Date.now()) / 86_400_000)).toBe(14);
    // The customer at Stripe carries our reference and the address for receipts; nothing else of the person.
    expect(Object.keys(stripe.requests.findLast((entry) => entry.path === '/v1/customers')?.form ?? {}).sort()).toEqual(['email', 'metadata[sprechzimmer]']);
  });

  it('after the trial without a plan: read-only, yet login, profile, export and subscribing still work', async () => {
    const { client } = await activeCustomer(noTrial, mailer);
    expect((await client.get('/api/billing')).json()).toMatchObject({ state: 'expired', entitled: false });
    const refused = await startConsultation(client);
    expect(refused.statusCode).toBe(402);
    expect(refused.json().error).toMatchObject({ code: 'subscription_required', details: { state: 'expired' } });
    expect((await client.get('/api/profile')).statusCode).toBe(200);
    expect((await client.get('/api/activity')).statusCode).toBeLessThan(400);
    expect((await client.get('/api/privacy/export')).statusCode).toBe(200);
    await subscribe(noTrial, stripe, client);
    expect((await client.get('/api/billing')).json()).toMatchObject({ state: 'active', entitled: true, invoices: [{ amount: 1900, currency: 'eur' }] });
    expect((await startConsultation(client)).statusCode).toBe(201);
    // Art. 15: the export holds the subscription and the invoice references, with Stripe as their recipient.
    const exported = (await client.get('/api/privacy/export')).json();
    expect(exported).toMatchObject({
      billing: { status: 'active', plan: 'individual_monthly', stripeCustomerId: expect.stringMatching(/^cus_/) },
      invoices: [{ amount: 1900, currency: 'eur' }],
    });
    expect(exported.processing.map((entry: { dataset: string }) => entry.dataset)).toEqual(expect.arrayContaining(['billing', 'invoices']));
    expect(exported.recipients).toContainEqual(
      expect.objectContaining({ recipient: 'payment', name: 'Stripe Payments Europe, Limited', datasets: ['billing', 'invoices'] }),
    );
  });

  it('past_due keeps everything and says so; unpaid and canceled refuse new consultations but never end a running one', async () => {
    const { client } = await activeCustomer(noTrial, mailer);
    const { subscriptionId } = await subscribe(noTrial, stripe, client);
    const running = (await startConsultation(client)).json<{ id: string }>();
    for (const event of stripe.failPayment(subscriptionId)) expect((await deliver(noTrial, stripe, event)).statusCode).toBe(200);
    expect((await client.get('/api/billing')).json()).toMatchObject({ state: 'past_due', entitled: true });
    expect((await startConsultation(client)).statusCode).toBe(201);
    // The declined renewal is listed among the invoices.
    expect((await client.get('/api/billing')).json().invoices).toHaveLength(2);

    expect((await deliver(noTrial, stripe, stripe.setStatus(subscriptionId, 'unpaid'))).statusCode).toBe(200);
    expect((await startConsultation(client)).json().error.code).toBe('subscription_required');
    expect((await deliver(noTrial, stripe, stripe.setStatus(subscriptionId, 'canceled'))).statusCode).toBe(200);
    expect((await client.get('/api/billing')).json()).toMatchObject({ state: 'canceled', entitled: false });
    expect((await startConsultation(client)).statusCode).toBe(402);
    expect((await client.get(`/api/consultations/${running.id}`)).json()).toMatchObject({ status: 'open' });
    // Subscribing again is always possible; a running plan is changed in Stripe's portal instead.
    expect((await client.post('/api/billing/checkout', { period: 'monthly' })).statusCode).toBe(200);
  });

  it('refuses a second checkout while a plan runs and opens Stripe’s portal instead', async () => {
    const { client } = await activeCustomer(noTrial, mailer);
    expect((await client.post('/api/billing/portal')).statusCode).toBe(404);
    await subscribe(noTrial, stripe, client);
    const again = await client.post('/api/billing/checkout', { period: 'monthly' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_subscribed');
    const portal = await client.post('/api/billing/portal');
    expect(portal.json().url).toMatch(/^https:\/\/billing\.stripe\.com\/p\/session\/bps_/);
    expect(stripe.requests.findLast((entry) => entry.path === '/v1/billing_portal/sessions')?.form.return_url).toBe('http://localhost:3000/billing');
  });

  it('lets the representative subscribe for the organisation; seats follow active members, prorated; members never see billing', async () => {
    const org = await organization(noTrial, mailer, `billing${Date.now()}`);
    const staff = await org.invite('staff');
    expect((await startConsultation(org.representative)).statusCode).toBe(402);
    const { subscriptionId } = await subscribe(noTrial, stripe, org.representative);
    expect(stripe.quantityOf(subscriptionId)).toBe(2);
    expect((await staff.client.get('/api/billing')).statusCode).toBe(404);
    expect((await staff.client.post('/api/billing/checkout', { period: 'monthly' })).statusCode).toBe(404);

    const added = stripe.nextRequest((request) => request.path === `/v1/subscriptions/${subscriptionId}` && request.method === 'POST');
    const member = await org.invite('member');
    expect((await added).form).toMatchObject({ 'items[0][quantity]': '3', proration_behavior: 'create_prorations' });
    expect((await startConsultation(member.client)).statusCode).toBe(201);

    const removed = stripe.nextRequest((request) => request.path === `/v1/subscriptions/${subscriptionId}` && request.method === 'POST');
    expect((await org.representative.post(`/api/organization/members/${member.id}/deactivate`)).statusCode).toBeLessThan(300);
    expect((await removed).form['items[0][quantity]']).toBe('2');
    expect(stripe.quantityOf(subscriptionId)).toBe(2);
    expect((await org.representative.get('/api/billing')).json()).toMatchObject({ scope: 'organisation', plan: { kind: 'organisation' } });
  });

  it('ends the subscription at Stripe on erasure, keeps invoice references restricted, deletes the rest, and says so', async () => {
    const { client, password, email } = await activeCustomer(noTrial, mailer);
    const { invoiceId, subscriptionId } = await subscribe(noTrial, stripe, client);
    stripe.failing = true;
    const unreachable = await client.post('/api/privacy/delete-account', { currentPassword: password });
    stripe.failing = false;
    // Nothing is erased while the subscription cannot be ended: the person would be charged for a deleted account.
    expect(unreachable.statusCode).toBe(503);
    expect((await client.get('/api/profile')).statusCode).toBe(200);
    const customers = await countRows(noTrial, 'billing_customers');
    expect((await client.post('/api/privacy/delete-account', { currentPassword: password })).statusCode).toBe(200);
    expect(await countRows(noTrial, 'billing_customers')).toBe(customers - 1);
    const [kept] = await noTrial.database.db.select().from(billingInvoices).where(eq(billingInvoices.id, invoiceId));
    expect(kept).toMatchObject({ billingCustomerId: null, restrictedAt: expect.any(Date), amount: 1900, stripeCustomerId: expect.stringMatching(/^cus_/) });
    expect(stripe.subscription(subscriptionId).status).toBe('canceled');
    expect(mailer.lastTo(email)?.text).toMatch(/Rechnungsangaben .* 8 Jahre .*§ 147 AO, § 14b UStG/);
  });
});

describe('billing off (no STRIPE_SECRET_KEY)', () => {
  const mailer = new MemoryMailer();
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp({ mailer });
  });
  afterAll(async () => testApp.close());

  it('has no billing routes, no page flag, no payment text in the privacy policy, and everyone may do everything', async () => {
    const { client } = await activeCustomer(testApp, mailer);
    expect((await client.get('/api/billing')).statusCode).toBe(404);
    // An unknown route refuses a body before it says "not found".
    expect((await client.post('/api/billing/checkout', { period: 'monthly' })).json().error.code).toBeOneOf(['not_found', 'invalid_body']);
    expect((await client.post('/api/billing/portal')).statusCode).toBe(404);
    expect(
      (await testApp.app.http.inject({ method: 'POST', url: '/api/billing/webhook', headers: { 'content-type': 'application/json' }, payload: '{}' }))
        .statusCode,
    ).toBeOneOf([403, 404]);
    expect((await client.get('/api/site')).json().billing).toBe(false);
    for (const language of ['de', 'en']) {
      const policy = (await client.get(`/api/site/privacy?lang=${language}`)).body;
      expect(policy).not.toMatch(/Stripe|Zahlungsdienst|payment provider|Rechnung|invoice|Kartendaten|card details/i);
    }
    expect((await startConsultation(client)).statusCode).toBe(201);
  });
});
