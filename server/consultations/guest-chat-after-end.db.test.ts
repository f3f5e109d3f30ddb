import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAT_TICKET_HEADER } from '../../common/api/consultations';
import type { ChatMailTicket } from '../../common/signaling';
import { ManualClock } from '../clock';
import { queryRows } from '../db/database';
import { inertName } from '../notify/inert-name';
import { limits } from '../throttle/policy';
import { MemoryMailer, MemorySms, startTestApp, type ApiClient, type TestApp } from '../test-support/app';
import { connect, hostWithConsultation, readyGuest } from '../test-support/consultations';
import type { TestSocket } from '../test-support/signaling';
import { CHAT_TICKET_LIFETIME_MS } from './chat-ticket';

/**
 * P-11 at the end of a call: ending deletes the invitation and its address, yet a guest invited by
 * e-mail can still have the chat mailed there — with the sealed ticket that only their own socket
 * received when the host ended. The per-invitation limit holds across the end and against replays;
 * altered and expired tickets get stable 4xx codes; nothing new is stored.
 */

const ORIGIN = 'http://localhost:3000';
const pdfWith = (marker: string) => Buffer.concat([Buffer.from(`%PDF-1.4\n% ${marker}\n`), randomBytes(1024), Buffer.from('\n%%EOF\n')]);

describe('guests have the chat mailed after the host ended the consultation', () => {
  const mailer = new MemoryMailer();
  const sms = new MemorySms();
  const clock = new ManualClock(new Date());
  let testApp: TestApp;
  let port = 0;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    testApp = await startTestApp({ mailer, sms, clock });
    await testApp.app.http.listen({ host: '127.0.0.1', port: 0 });
    port = (testApp.app.http.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await testApp.close();
  });

  async function admitted(setup: Awaited<ReturnType<typeof hostWithConsultation>>, token: string, name: string) {
    const guest = await readyGuest(testApp, token, name);
    const socket = await connect(port, guest.client, ORIGIN);
    sockets.push(socket);
    await socket.hello();
    const admit = await setup.host.client.post(`/api/consultations/${setup.consultation.id}/waiting-room/${guest.participantId}/admit`);
    expect(admit.statusCode).toBe(200);
    await socket.next('admitted');
    return { ...guest, socket };
  }

  const sendAfterEnd = (client: ApiClient, ticket: string | undefined, marker: string, query = '?lang=en') =>
    client.request({
      method: 'POST',
      url: `/api/join/chat-transcript/after-end${query}`,
      payload: pdfWith(marker),
      headers: { 'content-type': 'application/pdf', ...(ticket === undefined ? {} : { [CHAT_TICKET_HEADER]: ticket }) },
    });
  const mailsTo = (address: string) => mailer.sent.filter((mail) => mail.to === address && /Chat of your video appointment|Chatverlauf/.test(mail.subject));

  it('hands each e-mail guest their own ticket at the end; mails go to the invitation address until the limit, also against replays', async () => {
    const setup = await hostWithConsultation(testApp, mailer, ['Dora Gast', 'Emil Gast'], {
      guests: [
        { name: 'Dora Gast', email: `dora.${Date.now()}@example.org` },
        { name: 'Emil Gast', email: `emil.${Date.now()}@example.org` },
        { name: 'Sam Sms', phone: '0171 2345679' },
      ],
    });
    const [dora, emil] = setup.consultation.invitations.filter((invitation) => invitation.email).map((invitation) => invitation.email);
    const hostSocket = await connect(port, setup.host.client, ORIGIN, setup.consultation.id);
    sockets.push(hostSocket);
    await hostSocket.hello();
    const doraGuest = await admitted(setup, setup.tokenFor(dora!), 'Dora G.');
    const emilGuest = await admitted(setup, setup.tokenFor(emil!), 'Emil G.');
    const smsToken = sms.sent.findLast((message) => message.to === '+491712345679')?.text.match(/#([\w-]{43})/)?.[1];
    const samGuest = await admitted(setup, smsToken!, 'Sam S.');

    // One mail during the call already counts against Dora's invitation.
    const during = await doraGuest.client.request({
      method: 'POST',
      url: '/api/join/chat-transcript?lang=en',
      payload: pdfWith('during'),
      headers: { 'content-type': 'application/pdf' },
    });
    expect(during.statusCode).toBe(202);

    expect((await setup.host.client.post(`/api/consultations/${setup.consultation.id}/end`)).statusCode).toBe(200);
    const endedFor = async (socket: TestSocket) => (await socket.next('ended')).chatMail;
    const doraTicket = (await endedFor(doraGuest.socket)) as ChatMailTicket;
    const emilTicket = (await endedFor(emilGuest.socket)) as ChatMailTicket;
    expect(doraTicket).toMatchObject({ to: `d***@example.org`, remaining: limits.transcriptMailsPerInvitation.max - 1 });
    expect(emilTicket).toMatchObject({ to: `e***@example.org`, remaining: limits.transcriptMailsPerInvitation.max });
    expect(doraTicket.expiresAt).toBe(clock.now().getTime() + CHAT_TICKET_LIFETIME_MS);
    // The SMS guest and the host get the end without a ticket; nobody sees another's.
    expect(await endedFor(samGuest.socket)).toBeUndefined();
    expect(await endedFor(hostSocket)).toBeUndefined();
    for (const socket of [doraGuest.socket, emilGuest.socket, samGuest.socket, hostSocket]) {
      expect(JSON.stringify(socket.received)).not.toContain(dora!);
    }
    expect(JSON.stringify([...samGuest.socket.received, ...hostSocket.received, ...emilGuest.socket.received])).not.toContain(doraTicket.ticket);

    // The invitation is gone, so the cookie route no longer knows the guest; the ticket does.
    const withCookie = await doraGuest.client.request({
      method: 'POST',
      url: '/api/join/chat-transcript',
      payload: pdfWith('c'),
      headers: { 'content-type': 'application/pdf' },
    });
    expect(withCookie.statusCode).toBe(401);
    const sent = await sendAfterEnd(doraGuest.client, doraTicket.ticket, 'after-1');
    expect(sent.statusCode).toBe(202);
    const next = sent.json<{ ok: true; chatMail: ChatMailTicket }>().chatMail;
    expect(next).toMatchObject({ to: doraTicket.to, remaining: doraTicket.remaining - 1, expiresAt: doraTicket.expiresAt });
    const mail = mailsTo(dora!).at(-1)!;
    expect(mail.text).toContain(`Hello ${inertName('Dora G.')},`);
    expect(mail.attachments?.[0]?.content.toString('latin1')).toContain('after-1');

    // The last allowed mail, then the count is used up: the newest ticket and an older replayed one are refused.
    const last = await sendAfterEnd(doraGuest.client, next.ticket, 'after-2');
    expect(last.statusCode).toBe(202);
    const spent = last.json<{ chatMail: ChatMailTicket }>().chatMail;
    expect(spent.remaining).toBe(0);
    for (const ticket of [spent.ticket, next.ticket, doraTicket.ticket]) {
      const over = await sendAfterEnd(doraGuest.client, ticket, 'over');
      expect(over.statusCode).toBe(429);
      expect(over.json().error.code).toBe('too_many_requests');
      expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(mailsTo(dora!)).toHaveLength(limits.transcriptMailsPerInvitation.max);

    // Emil's ticket is his alone: it mails his address, whoever sends it.
    const emilSent = await sendAfterEnd(emilGuest.client, emilTicket.ticket, 'emil', '?lang=de');
    expect(emilSent.statusCode).toBe(202);
    expect(mailsTo(emil!).at(-1)?.subject).toMatch(/Chatverlauf/);

    // No trace: no invitation or participant left, the address and the ticket in no row and no log line.
    const tables = await queryRows<{ table_name: string }>(
      testApp.database.db,
      sql`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`,
    );
    for (const { table_name: name } of tables) {
      const rows = await queryRows<{ row: string }>(testApp.database.db, sql`select row_to_json(t)::text as row from ${sql.identifier(name)} t`);
      expect(JSON.stringify(rows), name).not.toContain(doraTicket.ticket);
      expect(JSON.stringify(rows), name).not.toContain('after-1');
    }
    expect(testApp.logs()).not.toContain(doraTicket.ticket);
    expect(testApp.logs()).not.toContain(dora!);
  });

  it('refuses a missing, altered or expired ticket with stable codes, and any address in the request', async () => {
    const setup = await hostWithConsultation(testApp, mailer, ['Fritz Gast']);
    const address = setup.guests[0]!.email;
    const guest = await admitted(setup, setup.tokenFor(address), 'Fritz G.');
    expect((await setup.host.client.post(`/api/consultations/${setup.consultation.id}/end`)).statusCode).toBe(200);
    const { ticket } = (await guest.socket.next('ended')).chatMail!;
    const before = mailer.sent.length;

    const missing = await sendAfterEnd(guest.client, undefined, 'none');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('chat_ticket_invalid');
    const altered = `${ticket.slice(0, -4)}${ticket.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    expect((await sendAfterEnd(guest.client, altered, 'altered')).json().error.code).toBe('chat_ticket_invalid');
    const stranger = await sendAfterEnd(guest.client, ticket, 'q', `?lang=de&to=${encodeURIComponent('stranger@example.org')}`);
    expect(stranger.statusCode).toBe(422);
    expect(mailer.sent.length).toBe(before);

    clock.advance(CHAT_TICKET_LIFETIME_MS);
    const expired = await sendAfterEnd(guest.client, ticket, 'late');
    expect(expired.statusCode).toBe(410);
    expect(expired.json().error.code).toBe('chat_ticket_expired');
    expect(mailer.sent.length).toBe(before);
  });
});
