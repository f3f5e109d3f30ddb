import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeCustomer, ManualClock, MemoryMailer, startTestApp, type TestApp } from '../test-support/app';

/** The activity filter takes instants, so that a range means the user's own days, not UTC days. */
describe('activity filter by instants (P-14)', () => {
  let testApp: TestApp;
  const mailer = new MemoryMailer();
  // 00:30 on 13 March in Berlin (UTC+1) is still 12 March in UTC.
  const clock = new ManualClock('2026-03-12T23:30:00Z');

  beforeAll(async () => {
    testApp = await startTestApp({ mailer, clock });
  });
  afterAll(async () => testApp.close());

  it('counts a consultation ended just after midnight on the user’s local day, not on the UTC one', async () => {
    const host = await activeCustomer(testApp, mailer);
    const created = await host.client.post('/api/consultations', { guests: [{ name: 'Spät Gast', email: 'late@example.org' }] });
    expect((await host.client.post(`/api/consultations/${created.json().id}/end`)).statusCode).toBe(200);

    const ids = async (from: string, to: string) => {
      const response = await host.client.get(`/api/activity?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
      expect(response.statusCode).toBe(200);
      return response.json().entries.map((entry: { id: string }) => entry.id);
    };
    // Berlin's 13 March, from its midnight (inclusive) to the next (exclusive), holds it …
    expect(await ids('2026-03-13T00:00:00+01:00', '2026-03-14T00:00:00+01:00')).toEqual([created.json().id]);
    // … and Berlin's 12 March does not, although the UTC date of the end is the 12th.
    expect(await ids('2026-03-12T00:00:00+01:00', '2026-03-13T00:00:00+01:00')).toEqual([]);
    // For a user in New York (UTC-4 since 8 March) it ended on the evening of the 12th.
    expect(await ids('2026-03-12T00:00:00-04:00', '2026-03-13T00:00:00-04:00')).toEqual([created.json().id]);
    // `to` is exclusive: a range ending at the very instant of the end leaves it out.
    expect(await ids('2026-03-12T00:00:00Z', '2026-03-12T23:30:00Z')).toEqual([]);
  });

  it('refuses a bare date, which would silently mean a UTC day', async () => {
    const host = await activeCustomer(testApp, mailer);
    const response = await host.client.get('/api/activity?from=2026-03-12');
    expect(response.statusCode).toBe(422);
    expect(response.json().error.fields.from).toBeDefined();
  });
});
