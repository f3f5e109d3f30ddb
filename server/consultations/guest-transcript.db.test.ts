import { inertName } from '../notify/inert-name';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import type { Mailer, MailMessage } from '../notify/mailer';
import { limits } from '../throttle/policy';
import type { ApiClient } from '../test-support/app';
import { MemoryMailer, MemorySms, SmtpCapture, SmtpMailer, startTestApp, type TestApp } from '../test-support/app';
import { connect, hostWithConsultation, readyGuest } from '../test-support/consultations';
import type { TestSocket } from '../test-support/signaling';

/**
 * P-11 for guests: an admitted guest invited by e-mail has the chat PDF mailed to the address the
 * invitation went to, through a real SMTP server; never to another address, never stored, a few
 * per invitation. A guest invited only by SMS gets a stable 403.
 */

/** Account confirmations come from memory (activeCustomer reads links there); every message also goes through SMTP. */
class TeeMailer implements Mailer {
  constructor(
    readonly memory: MemoryMailer,
    private readonly smtp: SmtpMailer,
  ) {}
  async send(message: MailMessage): Promise<void> {
    await this.memory.send(message);
    await this.smtp.send(message);
  }
  async close(): Promise<void> {
    await this.smtp.close();
  }
}

const ORIGIN = 'http://localhost:3000';
const pdfWith = (marker: string) => Buffer.concat([Buffer.from(`%PDF-1.4\n% ${marker}\n`), randomBytes(2048), Buffer.from('\n%%EOF\n')]);

describe('guests have the chat mailed to their invitation address', () => {
  const smtp = new SmtpCapture();
  const memory = new MemoryMailer();
  const sms = new MemorySms();
  let mailer: TeeMailer;
  let testApp: TestApp;
  let port = 0;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    mailer = new TeeMailer(memory, new SmtpMailer(await smtp.start(), 'Sprechzimmer <no-reply@example.org>'));
    testApp = await startTestApp({ mailer, sms });
    await testApp.app.http.listen({ host: '127.0.0.1', port: 0 });
    port = (testApp.app.http.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await testApp.close();
    await mailer.close();
    await smtp.stop();
  });

  /** A guest through the real path: link, name and consent, waiting room socket, admitted by the host. */
  async function admittedGuest(setup: Awaited<ReturnType<typeof hostWithConsultation>>, token: string, name: string) {
    const guest = await readyGuest(testApp, token, name);
    const socket = await connect(port, guest.client, ORIGIN);
    sockets.push(socket);
    await socket.hello();
    const before = await guest.client.get('/api/join/chat-transcript');
    const admitted = await setup.host.client.post(`/api/consultations/${setup.consultation.id}/waiting-room/${guest.participantId}/admit`);
    expect(admitted.statusCode).toBe(200);
    await socket.next('admitted');
    return { ...guest, before };
  }

  const sendPdf = (client: ApiClient, pdf: Buffer, query = '?lang=en') =>
    client.request({ method: 'POST', url: `/api/join/chat-transcript${query}`, payload: pdf, headers: { 'content-type': 'application/pdf' } });

  it('mails the PDF to the invitation address once admitted, shows that address masked, and stores nothing', async () => {
    const setup = await hostWithConsultation(testApp, memory, ['Dora Gast']);
    const address = setup.guests[0]!.email;
    const guest = await admittedGuest(setup, setup.tokenFor(address), 'Dora G.');
    // In the waiting room: nothing to mail yet, and no address revealed.
    expect(guest.before.json()).toEqual({ mail: 'notAdmitted', to: null });

    const target = await guest.client.get('/api/join/chat-transcript');
    expect(target.statusCode).toBe(200);
    expect(target.json()).toEqual({ mail: 'available', to: `g***@example.org` });
    expect(target.body).not.toContain(address);

    const marker = `GUESTPDF${randomBytes(8).toString('hex')}`;
    const pdf = pdfWith(marker);
    const sent = await sendPdf(guest.client, pdf);
    expect(sent.statusCode).toBe(202);
    const mail = await smtp.take(address, /Chat of your video appointment/);
    expect(mail.to).toEqual([address.toLowerCase()]);
    // The typed name is made inert (no dot a mail client could turn into a link), issue 16.
    expect(mail.text).toContain(`Hello ${inertName('Dora G.')},`);
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({ filename: 'chat.pdf', contentType: 'application/pdf' });
    expect(mail.attachments[0]!.content.equals(pdf)).toBe(true);

    // Nothing kept: no table holds the PDF's marker, no log line the marker or the address.
    const tables = await queryRows<{ table_name: string }>(
      testApp.database.db,
      sql`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`,
    );
    const names = tables.map((row) => row.table_name);
    expect(names).toContain('invitations');
    for (const name of names) {
      const rows = await queryRows<{ row: string }>(testApp.database.db, sql`select row_to_json(t)::text as row from ${sql.identifier(name)} t`);
      expect(JSON.stringify(rows), name).not.toContain(marker);
    }
    expect(testApp.logs()).not.toContain(marker);
    expect(testApp.logs()).not.toContain(address);
  });

  it('lets the guest choose no other address', async () => {
    const setup = await hostWithConsultation(testApp, memory, ['Eve Gast']);
    const address = setup.guests[0]!.email;
    const guest = await admittedGuest(setup, setup.tokenFor(address), 'Eve G.');
    const stranger = `stranger.${Date.now()}@example.org`;
    const before = smtp.messages.length;

    const inQuery = await sendPdf(guest.client, pdfWith('q'), `?lang=de&to=${encodeURIComponent(stranger)}`);
    expect(inQuery.statusCode).toBe(422);
    expect(inQuery.json().error.fields).toMatchObject({ to: { code: 'unknown_field' } });
    const asJson = await guest.client.post('/api/join/chat-transcript', { to: stranger, pdf: '%PDF-1.4' });
    expect(asJson.statusCode).toBe(415);
    // The host's route (own account address) is not a guest's.
    const hostRoute = await guest.client.request({
      method: 'POST',
      url: `/api/consultations/${setup.consultation.id}/chat-transcript`,
      payload: pdfWith('h'),
      headers: { 'content-type': 'application/pdf' },
    });
    expect(hostRoute.statusCode).toBe(401);

    // A header naming another recipient changes nothing either: the mail goes to the invitation's address.
    const withHeader = await guest.client.request({
      method: 'POST',
      url: '/api/join/chat-transcript?lang=de',
      payload: pdfWith('x'),
      headers: { 'content-type': 'application/pdf', to: stranger, 'x-to': stranger },
    });
    expect(withHeader.statusCode).toBe(202);
    const mail = await smtp.take(address, /Chatverlauf Ihres Videotermins/);
    expect(mail.to).toEqual([address.toLowerCase()]);
    expect(smtp.messages.slice(before).some((message) => message.to.includes(stranger))).toBe(false);
  });

  it('offers a guest invited only by SMS the download only: 403 invitation_without_email', async () => {
    const setup = await hostWithConsultation(testApp, memory, [], { guests: [{ name: 'Sam Sms', phone: '0171 2345678' }] });
    const invitation = setup.consultation.invitations[0]!;
    expect(invitation.guestName).toBe('Sam Sms');
    // The SMS carried the link (kept in memory by the test's SMS sender).
    const token = sms.sent.findLast((message) => message.to === '+491712345678')?.text.match(/#([\w-]{43})/)?.[1];
    expect(token).toBeDefined();
    const guest = await admittedGuest(setup, token!, 'Sam S.');
    expect((await guest.client.get('/api/join/chat-transcript')).json()).toEqual({ mail: 'smsOnly', to: null });
    const refused = await sendPdf(guest.client, pdfWith('sms'));
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('invitation_without_email');
  });

  it(`refuses a guest that is not admitted, and stops after ${limits.transcriptMailsPerInvitation.max} mails per invitation with 429 and Retry-After`, async () => {
    const setup = await hostWithConsultation(testApp, memory, ['Lena Limit', 'Other Guest']);
    const waiting = await readyGuest(testApp, setup.tokenFor(setup.guests[1]!.email), 'Other G.');
    const notYet = await sendPdf(waiting.client, pdfWith('w'));
    expect(notYet.statusCode).toBe(403);
    expect(notYet.json().error.code).toBe('forbidden');

    const address = setup.guests[0]!.email;
    const token = setup.tokenFor(address);
    const guest = await admittedGuest(setup, token, 'Lena L.');
    for (let n = 0; n < limits.transcriptMailsPerInvitation.max; n++) {
      expect((await sendPdf(guest.client, pdfWith(`n${n}`))).statusCode).toBe(202);
      await smtp.take(address, /Chat of your video appointment/);
    }
    const over = await sendPdf(guest.client, pdfWith('over'));
    expect(over.statusCode).toBe(429);
    expect(over.json().error.code).toBe('too_many_requests');
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    // The limit belongs to the invitation: opening the link again on another device does not reset it.
    const again = await readyGuest(testApp, token, 'Lena L.');
    expect((await sendPdf(again.client, pdfWith('again'))).statusCode).toBe(429);
  });
});
