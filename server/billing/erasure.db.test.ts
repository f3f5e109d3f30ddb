import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billingInvoices } from '../db/schema';
import { activeCustomer, MemoryMailer, startTestApp, type TestApp } from '../test-support/app';
import { FakeStripe } from '../test-support/stripe';
import { organization, WORLD_PASSWORD } from '../test-support/world';
import { countRows, subscribe } from './test-helpers';

/**
 * An erased account or organisation leaves nothing of itself at Stripe for us (issue 11, P-24): the
 * subscription ends at once and the Stripe customer (e-mail address, metadata, card) is deleted;
 * Stripe keeps its invoices under its own duties, we keep our invoice references under legal hold.
 */
describe('billing: the Stripe customer on erasure', () => {
  const stripe = new FakeStripe();
  const mailer = new MemoryMailer();
  let testApp: TestApp;

  const stripeCustomerOf = (email: string) => [...stripe.customers.values()].find((customer) => customer.email === email);

  beforeAll(async () => {
    await stripe.start();
    testApp = await startTestApp({ mailer, env: { ...stripe.env(), BILLING_TRIAL_DAYS: '0' } });
  });
  afterAll(async () => {
    await testApp.close();
    await stripe.stop();
  });

  it('cancels the subscription and deletes the customer; a failure part-way erases nothing and the retry completes', async () => {
    const { client, password, email } = await activeCustomer(testApp, mailer);
    const { subscriptionId, invoiceId } = await subscribe(testApp, stripe, client);
    const customer = stripeCustomerOf(email);
    expect(customer).toBeDefined();

    // The subscription is cancelled, then Stripe fails to delete the customer: nothing of ours is erased.
    stripe.failingWhen = (request) => request.method === 'DELETE' && request.path.startsWith('/v1/customers/');
    const failed = await client.post('/api/privacy/delete-account', { currentPassword: password });
    stripe.failingWhen = undefined;
    expect(failed.statusCode).toBe(503);
    expect(stripe.subscription(subscriptionId).status).toBe('canceled');
    expect((await client.get('/api/profile')).statusCode).toBe(200);

    // The retry does not cancel twice (Stripe refuses that) and deletes the customer.
    const before = stripe.requests.length;
    const customers = await countRows(testApp, 'billing_customers');
    expect((await client.post('/api/privacy/delete-account', { currentPassword: password })).statusCode).toBe(200);
    const retried = stripe.requests.slice(before).map((request) => `${request.method} ${request.path}`);
    expect(retried).toEqual([`GET /v1/subscriptions/${subscriptionId}`, `DELETE /v1/customers/${customer?.id}`]);
    expect(customer?.deleted).toBe(true);
    expect(await countRows(testApp, 'billing_customers')).toBe(customers - 1);
    const [kept] = await testApp.database.db.select().from(billingInvoices).where(eq(billingInvoices.id, invoiceId));
    expect(kept).toMatchObject({ billingCustomerId: null, restrictedAt: expect.any(Date), stripeCustomerId: customer?.id });
  });

  it('deletes the customer of a checkout never completed, which has no subscription to end', async () => {
    const { client, password, email } = await activeCustomer(testApp, mailer);
    expect((await client.post('/api/billing/checkout', { period: 'monthly' })).statusCode).toBe(200);
    const before = stripe.requests.length;
    expect((await client.post('/api/privacy/delete-account', { currentPassword: password })).statusCode).toBe(200);
    expect(stripe.requests.slice(before).map((request) => request.method)).toEqual(['DELETE']);
    expect(stripeCustomerOf(email)?.deleted).toBe(true);
  });

  it('ends the organisation’s subscription and deletes its customer when the representative deletes the organisation', async () => {
    const label = `erase${Date.now()}`;
    const org = await organization(testApp, mailer, label);
    await org.invite('member');
    const { subscriptionId } = await subscribe(testApp, stripe, org.representative);
    const customerId = stripe.subscription(subscriptionId).customer as string;
    const before = stripe.requests.length;
    expect((await org.representative.post('/api/privacy/delete-organization', { currentPassword: WORLD_PASSWORD })).statusCode).toBe(200);
    expect(stripe.requests.slice(before).map((request) => `${request.method} ${request.path}`)).toEqual([
      `GET /v1/subscriptions/${subscriptionId}`,
      `DELETE /v1/subscriptions/${subscriptionId}`,
      `DELETE /v1/customers/${customerId}`,
    ]);
    expect(stripe.subscription(subscriptionId).status).toBe('canceled');
    expect(stripe.customers.get(customerId)?.deleted).toBe(true);
  });
});
