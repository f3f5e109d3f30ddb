import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeCustomer, ApiClient, ManualClock, MemoryMailer, registrationBody, startTestApp, type TestApp } from '../test-support/app';
import { organization } from '../test-support/world';
import { limits } from './policy';

/**
 * The mail and SMS bombing of issue 16 (item 5), replayed: before the limits, 30 resends sent 30
 * mails, 20 member-invitation resends sent 21 and 20 consultations were created in 0.6 s.
 */
describe('limits on requests that send a message or create something', () => {
  let testApp: TestApp;
  const mailer = new MemoryMailer();
  const clock = new ManualClock(new Date());
  let clientCounter = 0;
  // Every request from another address, as an attacker with many would: the per-address and
  // per-account limits must hold on their own.
  const stranger = () => new ApiClient(testApp, {}, `127.9.${Math.floor(++clientCounter / 250)}.${(clientCounter % 250) + 1}`).init();
  const mailsTo = (address: string) => mailer.sent.filter((mail) => mail.to === address).length;

  beforeAll(async () => {
    testApp = await startTestApp({ mailer, clock });
  });
  afterAll(async () => testApp.close());

  it('30 "resend confirmation" requests for one address send at most the per-address cap, then answer 429', async () => {
    const body = registrationBody();
    await (await stranger()).post('/api/accounts', body);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 30; attempt += 1) {
      const response = await (await stranger()).post('/api/accounts/resend-confirmation', { email: body.email });
      statuses.push(response.statusCode);
      if (response.statusCode === 429) expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    }
    // The registration's own confirmation mail, then at most the cap of resends.
    expect(mailsTo(body.email)).toBeLessThanOrEqual(1 + limits.mailsPerAddress.max);
    // The registration itself mailed that address and counts against the same limit.
    expect(statuses.filter((status) => status === 202)).toHaveLength(limits.mailRequestsPerAddress.max - 1);
    expect(statuses.at(-1)).toBe(429);
    // An unknown address is limited the same way: the answer tells nothing about who has an account.
    const unknown: number[] = [];
    for (let attempt = 0; attempt <= limits.mailRequestsPerAddress.max; attempt += 1) {
      unknown.push((await (await stranger()).post('/api/accounts/resend-confirmation', { email: `nobody.${Date.now()}@example.org` })).statusCode);
    }
    expect(unknown.every((status) => status === 202)).toBe(true);
  });

  it('30 password-reset requests for one address send at most the cap', async () => {
    const { email } = await activeCustomer(testApp, mailer);
    const before = mailsTo(email);
    for (let attempt = 0; attempt < 30; attempt += 1) await (await stranger()).post('/api/password-reset', { email });
    expect(mailsTo(email) - before).toBeLessThanOrEqual(limits.mailsPerAddress.max);
  });

  it('20 member-invitation resends reach the address at most memberInvitationsPerAddress times, then 429', async () => {
    const { representative } = await organization(testApp, mailer, `resend${Date.now()}`);
    const address = `invitee.${Date.now()}@example.org`;
    const invited = await representative.post('/api/organization/members', { email: address, role: 'member' });
    expect(invited.statusCode).toBe(201);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 20; attempt += 1) {
      statuses.push((await representative.post(`/api/organization/members/${invited.json().id}/resend`)).statusCode);
    }
    expect(mailsTo(address)).toBe(limits.memberInvitationsPerAddress.max);
    expect(statuses.at(-1)).toBe(429);
  });

  it('20 consultations at once: at most the burst limit is created, the rest get 429 with Retry-After', async () => {
    const host = await activeCustomer(testApp, mailer);
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        host.client.post('/api/consultations', { guests: [{ name: `Guest ${index}`, email: `burst.${index}.${Date.now()}@example.org` }] }),
      ),
    );
    const created = responses.filter((response) => response.statusCode === 201);
    const refused = responses.filter((response) => response.statusCode === 429);
    expect(created).toHaveLength(limits.consultationBurstPerAccount.max);
    expect(refused).toHaveLength(20 - limits.consultationBurstPerAccount.max);
    expect(Number(refused[0]?.headers['retry-after'])).toBeGreaterThan(0);
    expect((await host.client.get('/api/consultations')).json().consultations).toHaveLength(limits.consultationBurstPerAccount.max);
    clock.advance(limits.consultationBurstPerAccount.windowMs + 1000);
    expect((await host.client.post('/api/consultations', { guests: [{ name: 'Later', email: 'later@example.org' }] })).statusCode).toBe(201);
  });

  it('20 invitation resends to one guest reach the guest at most guestInvitationsPerAddress times', async () => {
    const host = await activeCustomer(testApp, mailer);
    const guest = `guest.${Date.now()}@example.org`;
    const created = (await host.client.post('/api/consultations', { guests: [{ name: 'Gast', email: guest }] })).json();
    const path = `/api/consultations/${created.id}/invitations/${created.invitations[0].id}/resend`;
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 20; attempt += 1) statuses.push((await host.client.post(path)).statusCode);
    expect(mailsTo(guest)).toBe(limits.guestInvitationsPerAddress.max);
    expect(statuses.at(-1)).toBe(429);
    // Another host inviting the same person is counted against the same address.
    const other = await activeCustomer(testApp, mailer);
    const again = await other.client.post('/api/consultations', { guests: [{ name: 'Gast', email: guest }] });
    expect(again.statusCode).toBe(429);
  });

  it('answers an invitation of an existing account like a new one and tells its owner by e-mail', async () => {
    const { representative } = await organization(testApp, mailer, `oracle${Date.now()}`);
    const existing = await activeCustomer(testApp, mailer);
    const fresh = `fresh.${Date.now()}@example.org`;
    const forNew = await representative.post('/api/organization/members', { email: fresh, role: 'member' });
    const forExisting = await representative.post('/api/organization/members', { email: existing.email, role: 'member' });
    expect(forExisting.statusCode).toBe(forNew.statusCode);
    expect(forExisting.statusCode).toBe(201);
    const shape = (body: Record<string, unknown>) => ({ ...body, id: typeof body.id, email: typeof body.email, createdAt: typeof body.createdAt });
    expect(shape(forExisting.json())).toEqual(shape(forNew.json()));
    expect(forExisting.body).not.toContain('email_taken');
    const notice = mailer.lastTo(existing.email);
    expect(notice?.subject).toBe('Einladung zu einer Organisation bei Sprechzimmer');
    expect(notice?.text).toContain('bereits ein Sprechzimmer-Konto');
    expect(notice?.text).not.toMatch(/https?:\/\//);
    // The existing account is untouched: it still logs in as before.
    const login = await (await stranger()).post('/api/session', { email: existing.email, password: existing.password });
    expect(login.statusCode).toBe(200);
  });
});
