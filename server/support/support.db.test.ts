import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { leadingZeroBits, proofInput } from '../../common/proof-of-work';
import type { ContactChallenge, TicketDetail, TicketList } from '../../common/api/support';
import { contactReplies, contactRequests } from '../db/schema';
import { limits } from '../throttle/policy';
import { activeCustomer, ApiClient, ManualClock, MemoryMailer, startTestApp, type TestApp } from '../test-support/app';
import { signInOperator, type OperatorFactor } from '../test-support/operators';
import { TOTP_PERIOD_SECONDS } from '../second-factor/totp';
import { sendContactRequest, solve, solvedProof } from '../test-support/support';
import { CHALLENGE_LIFETIME_MS, PROOF_OF_WORK_BITS } from './policy';

const PASSWORD = 'operator staff passphrase';
let address = 0;
/** Each visitor from an address of its own, so the per-client limit is only met where a test wants it. */
const visitor = (testApp: TestApp) => new ApiClient(testApp, {}, `127.20.${Math.floor(++address / 250)}.${(address % 250) + 1}`).init();

describe('contact form and tickets (P-02, P-20)', () => {
  let testApp: TestApp;
  const mailer = new MemoryMailer();
  const clock = new ManualClock(new Date());
  let operator: ApiClient;

  beforeAll(async () => {
    testApp = await startTestApp({ mailer, clock });
    await testApp.app.operators.create({ email: 'olga@operator.example', name: 'Olga Operator', password: PASSWORD });
  });
  // Tests move the clock by hours: a fresh operator login each time, with the next step's code (codes work once).
  let factor: OperatorFactor | undefined;
  beforeEach(async () => {
    operator = await visitor(testApp);
    clock.advance(TOTP_PERIOD_SECONDS * 1000);
    factor = await signInOperator(testApp, operator, 'olga@operator.example', PASSWORD, factor);
  });
  afterAll(async () => testApp.close());

  const openTickets = async () => (await operator.get('/api/operator/tickets?status=open&limit=100')).json<TicketList>();

  it('turns a request into an open ticket for operator staff and mails nobody', async () => {
    const client = await visitor(testApp);
    const sent = await sendContactRequest(client, { email: 'Clara@Example.org', subject: 'Löschfristen', message: 'Wie lange bleibt was?' });
    expect(sent.statusCode).toBe(202);
    const listed = (await openTickets()).tickets.find((ticket) => ticket.email === 'clara@example.org');
    expect(listed).toMatchObject({ name: 'Clara Contact', subject: 'Löschfristen', status: 'open', closedAt: null, replies: 0 });
    const detail = (await operator.get(`/api/operator/tickets/${listed!.id}`)).json<TicketDetail>();
    expect(detail).toMatchObject({ message: 'Wie lange bleibt was?', locale: 'de', thread: [] });
    expect(mailer.sent.filter((mail) => mail.to === 'clara@example.org')).toEqual([]);
  });

  it('asks for about half a second of hashing, and its server check is one hash', async () => {
    const client = await visitor(testApp);
    const challenge = (await client.get('/api/contact/challenge')).json<ContactChallenge>();
    expect(challenge.bits).toBe(PROOF_OF_WORK_BITS);
    expect(challenge.bits).toBeGreaterThanOrEqual(12);
    expect(challenge.bits).toBeLessThanOrEqual(16);
    const nonce = solve(challenge);
    expect(leadingZeroBits(createHash('sha256').update(proofInput(challenge.challenge, nonce)).digest())).toBeGreaterThanOrEqual(challenge.bits);
  });

  it('refuses a missing, wrong, forged, reused or expired proof of work and keeps nothing', async () => {
    const before = (await testApp.database.db.select().from(contactRequests)).length;
    const client = await visitor(testApp);
    const refused = async (proof: { challenge: string; nonce: string }) => {
      // Every attempt counts against the per-client limit: each from a client of its own.
      const response = await sendContactRequest(await visitor(testApp), { proof });
      expect(response.statusCode, response.body).toBe(422);
      return response.json<{ error: { code: string } }>().error.code;
    };
    const fresh = (await client.get('/api/contact/challenge')).json<ContactChallenge>();
    const unsolved = ['0', '1', '2', '3'].find(
      (nonce) => leadingZeroBits(createHash('sha256').update(proofInput(fresh.challenge, nonce)).digest()) < fresh.bits,
    )!;
    expect(await refused({ challenge: fresh.challenge, nonce: unsolved })).toBe('spam_check_failed');
    // A challenge of our own making, with fewer bits asked for: its signature no longer fits.
    const [version, expiry, , id, signature] = fresh.challenge.split('.');
    const easier = { challenge: [version, expiry, '0', id, signature].join('.'), bits: 0 };
    expect(await refused({ challenge: easier.challenge, nonce: solve(easier) })).toBe('spam_check_failed');
    expect(await refused({ challenge: 'v1.9999999999999.0.abc.def', nonce: '0' })).toBe('spam_check_failed');

    const proof = await solvedProof(client);
    expect((await sendContactRequest(client, { proof })).statusCode).toBe(202);
    expect(await refused(proof)).toBe('spam_check_failed');

    const late = await solvedProof(client);
    clock.advance(CHALLENGE_LIFETIME_MS + 1000);
    expect(await refused(late)).toBe('spam_check_failed');
    expect((await testApp.database.db.select().from(contactRequests)).length).toBe(before + 1);
    const missing = await client.post('/api/contact', { name: 'A', email: 'a@example.org', subject: 'S', message: 'M' });
    expect(missing.statusCode).toBe(422);
  });

  it('answers a filled honeypot like a person and keeps nothing', async () => {
    const before = (await testApp.database.db.select().from(contactRequests)).length;
    const response = await sendContactRequest(await visitor(testApp), { website: 'https://spam.example', email: 'bot@spam.example' });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ ok: true });
    expect((await testApp.database.db.select().from(contactRequests)).length).toBe(before);
    expect((await openTickets()).tickets.map((ticket) => ticket.email)).not.toContain('bot@spam.example');
  });

  it(`takes ${limits.contactRequestsPerClient.max} requests an hour from one client, then says when to try again`, async () => {
    const client = await visitor(testApp);
    for (let sent = 0; sent < limits.contactRequestsPerClient.max; sent += 1) {
      expect((await sendContactRequest(client)).statusCode).toBe(202);
    }
    const blocked = await sendContactRequest(client);
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await sendContactRequest(await visitor(testApp))).statusCode).toBe(202);
    clock.advance(limits.contactRequestsPerClient.windowMs + 1000);
    expect((await sendContactRequest(client)).statusCode).toBe(202);
  });

  it('mails the answer to the requester in their language, keeps it in the thread, and closes the ticket', async () => {
    const sent = await sendContactRequest(await visitor(testApp), {
      email: 'ann@example.org',
      name: 'Ann Asker',
      subject: 'Data export',
      message: 'How do I export my data?',
      locale: 'en',
    });
    expect(sent.statusCode).toBe(202);
    const ticket = (await openTickets()).tickets.find((entry) => entry.email === 'ann@example.org')!;
    const answered = await operator.post(`/api/operator/tickets/${ticket.id}/replies`, { text: 'Open your profile and choose “Export”.' });
    expect(answered.statusCode).toBe(200);
    const mail = mailer.lastTo('ann@example.org')!;
    expect(mail.subject).toBe('Re: Data export');
    expect(mail.text).toContain('Hello Ann Asker,');
    expect(mail.text).toContain('Open your profile and choose “Export”.');
    expect(mail.text).toContain('> How do I export my data?');
    expect(mail.text).toContain('Olga Operator');
    expect(answered.json<TicketDetail>().thread).toEqual([
      expect.objectContaining({ operatorName: 'Olga Operator', text: 'Open your profile and choose “Export”.' }),
    ]);

    const closed = (await operator.post(`/api/operator/tickets/${ticket.id}/close`)).json<TicketDetail>();
    expect(closed.status).toBe('closed');
    expect(closed.closedAt).toBe(clock.now().toISOString());
    expect((await openTickets()).tickets.map((entry) => entry.id)).not.toContain(ticket.id);
    const closedList = (await operator.get('/api/operator/tickets?status=closed')).json<TicketList>();
    expect(closedList.tickets.map((entry) => entry.id)).toContain(ticket.id);

    const late = await operator.post(`/api/operator/tickets/${ticket.id}/replies`, { text: 'One more thing.' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('ticket_closed');
    clock.advance(60_000);
    // Closing again does not restart the two years.
    expect((await operator.post(`/api/operator/tickets/${ticket.id}/close`)).json<TicketDetail>().closedAt).toBe(closed.closedAt);
    expect(await testApp.database.db.select().from(contactReplies)).toHaveLength(1);
  });

  it('answers an unknown ticket with 404 and refuses a customer login', async () => {
    expect((await operator.get('/api/operator/tickets/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const { client } = await activeCustomer(testApp, mailer);
    const asCustomer = await client.get('/api/operator/tickets');
    expect(asCustomer.statusCode).toBe(401);
    expect(asCustomer.json().error.code).toBe('operator_login_required');
  });
});
