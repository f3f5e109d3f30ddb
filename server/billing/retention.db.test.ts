import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billingEvents, billingInvoices } from '../db/schema';
import { ManualClock, startTestApp, type TestApp } from '../test-support/app';
import { FakeStripe } from '../test-support/stripe';

/**
 * § 147 Abs. 3, 4 AO and § 14b Abs. 1 UStG (as amended by BEG IV, in force 2025): invoices are kept
 * 8 years from the end of the calendar year they were issued in, so an invoice of 31 December 2026
 * goes in 2035 and one of 1 January 2027 only in 2036. Handled webhook ids go after 30 days.
 */
describe('retention of billing records', () => {
  const stripe = new FakeStripe();
  const clock = new ManualClock('2035-01-02T04:00:00Z');
  let testApp: TestApp;

  beforeAll(async () => {
    await stripe.start();
    testApp = await startTestApp({ clock, env: stripe.env() });
  });
  afterAll(async () => {
    await testApp.close();
    await stripe.stop();
  });

  it('deletes invoice references only once the 8 years after the end of their calendar year are over', async () => {
    const reference = (id: string, issuedAt: string) => ({
      id,
      billingCustomerId: null,
      stripeCustomerId: 'cus_erased',
      number: id.toUpperCase(),
      issuedAt: new Date(issuedAt),
      amount: 1900,
      currency: 'eur',
      status: 'paid',
      restrictedAt: new Date('2030-05-05T00:00:00Z'),
    });
    await testApp.database.db.insert(billingInvoices).values([reference('in_2026', '2026-12-31T22:00:00Z'), reference('in_2027', '2027-01-01T10:00:00Z')]);
    await testApp.app.retention.runJob('invoices');
    expect((await testApp.database.db.select().from(billingInvoices)).map((row) => row.id)).toEqual(['in_2027']);
    clock.advance(365 * 24 * 60 * 60 * 1000);
    await testApp.app.retention.runJob('invoices');
    expect(await testApp.database.db.select().from(billingInvoices)).toEqual([]);
  });

  it('forgets handled webhook ids 30 days after handling', async () => {
    const now = clock.now();
    await testApp.database.db.insert(billingEvents).values([
      { id: 'evt_old', type: 'invoice.paid', processedAt: new Date(now.getTime() - 31 * 86_400_000) },
      { id: 'evt_recent', type: 'invoice.paid', processedAt: new Date(now.getTime() - 29 * 86_400_000) },
    ]);
    await testApp.app.retention.runJob('billingEvents');
    expect((await testApp.database.db.select().from(billingEvents)).map((row) => row.id)).toEqual(['evt_recent']);
  });
});
