import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consultations, invitations, participants } from '../db/schema';
import { SmsDeliveryError, type SmsMessage, type SmsSender } from '../notify/sms';
import { activeCustomer, ApiClient, ManualClock, MemoryMailer, startTestApp, type TestApp } from '../test-support/app';
import { hostWithConsultation, readyGuest } from '../test-support/consultations';

const MINUTE = 60_000;

/** Fails for numbers that start with +4915 so a test can see a provider failure reach the host. */
class SelectiveSms implements SmsSender {
  readonly sent: SmsMessage[] = [];
  async send(message: SmsMessage) {
    if (message.to.startsWith('+4915')) throw new SmsDeliveryError('The SMS provider refused the message (HTTP 400, code 21211: invalid To).');
    this.sent.push(message);
  }
}

describe('consultations and invitations', () => {
  let testApp: TestApp;
  const mailer = new MemoryMailer();
  const sms = new SelectiveSms();
  const clock = new ManualClock(new Date());

  beforeAll(async () => {
    testApp = await startTestApp({ mailer, sms, clock });
  });
  afterAll(async () => testApp.close());

  it('invites by e-mail and SMS with a personal link; the texts hold no health data', async () => {
    const host = await activeCustomer(testApp, mailer);
    const response = await host.client.post('/api/consultations', {
      windowMinutes: 30,
      guests: [{ name: 'Max Muster', email: 'max@example.org', phone: '0171 2345678' }],
    });
    expect(response.statusCode).toBe(201);
    const view = response.json();
    expect(view.invitations[0]).toMatchObject({
      guestName: 'Max Muster',
      phone: '+491712345678',
      emailDelivery: 'sent',
      smsDelivery: 'sent',
      deliveryError: null,
      participantStatus: null,
    });
    expect(new Date(view.validUntil).getTime() - new Date(view.validFrom).getTime()).toBe(30 * MINUTE);
    const mail = mailer.lastTo('max@example.org');
    const text = sms.sent.at(-1)?.text ?? '';
    // Names people typed stay out of subjects (issue 16); the text names who invites.
    expect(mail?.subject).toBe('Einladung zu einem Videotermin');
    expect(mail?.text).toContain('Erika Mustermann lädt Sie');
    expect(mail?.text).toMatch(/\/join#[\w-]{43}\b/);
    expect(text).toMatch(/\/join#[\w-]{43}\b/);
    // One invitation, one link, whichever channel carried it.
    expect(new URL(mailer.linkTo('max@example.org')).hash).toBe(text.match(/#[\w-]+/)?.[0]);
    const stored = await testApp.database.db.select().from(invitations).where(eq(invitations.consultationId, view.id));
    expect(stored[0]?.tokenHash).not.toContain(new URL(mailer.linkTo('max@example.org')).hash.slice(1));
  });

  it('records every channel used across all guests for the activity entry', async () => {
    const host = await activeCustomer(testApp, mailer);
    const response = await host.client.post('/api/consultations', {
      guests: [
        { name: 'Mail Only', email: `mail.only.${Date.now()}@example.org` },
        { name: 'Sms Only', phone: '0171 7654321' },
      ],
    });
    const [row] = await testApp.database.db.select().from(consultations).where(eq(consultations.id, response.json().id));
    expect(row?.invitationChannels).toEqual(['email', 'sms']);
  });

  it('shows a failing SMS provider to the host instead of swallowing it', async () => {
    const host = await activeCustomer(testApp, mailer);
    const response = await host.client.post('/api/consultations', { guests: [{ name: 'Sam', phone: '+49 151 23456789' }] });
    expect(response.statusCode).toBe(201);
    expect(response.json().invitations[0]).toMatchObject({ smsDelivery: 'failed', deliveryError: expect.stringContaining('21211') });
  });

  it('validates windows, guests and phone numbers', async () => {
    const host = await activeCustomer(testApp, mailer);
    const tooShort = await host.client.post('/api/consultations', { windowMinutes: 5, guests: [{ name: 'A', email: 'a@example.org' }] });
    expect(tooShort.json().error.fields.windowMinutes.code).toBe('too_short');
    const noContact = await host.client.post('/api/consultations', { guests: [{ name: 'A' }] });
    expect(noContact.json().error.fields['guests.0.email'].code).toBe('required');
    const badPhone = await host.client.post('/api/consultations', { guests: [{ name: 'A', phone: '12345' }] });
    expect(badPhone.json().error.fields['guests.0.phone'].code).toBe('invalid_phone');
  });

  it('lets the guest in only inside the window, with one answer for every unusable link', async () => {
    const later = new Date(clock.now().getTime() + 60 * MINUTE).toISOString();
    const { guests, tokenFor } = await hostWithConsultation(testApp, mailer, ['Early Bird'], { startsAt: later, windowMinutes: 15 });
    const token = tokenFor(guests[0]!.email);
    const guest = await new ApiClient(testApp).init();
    const early = await guest.post('/api/join', { token });
    expect(early.statusCode).toBe(403);
    expect(early.json().error).toMatchObject({ code: 'link_not_yet_valid', details: { opensAt: later } });

    clock.advance(61 * MINUTE);
    expect((await guest.post('/api/join', { token })).statusCode).toBe(200);
    clock.advance(15 * MINUTE);
    const expired = await guest.post('/api/join', { token });
    const unknown = await guest.post('/api/join', { token: 'x'.repeat(43) });
    expect(expired.statusCode).toBe(410);
    expect(unknown.json()).toEqual(expired.json());
    expect(JSON.stringify(expired.json())).not.toMatch(/Erika|Mustermann|Early/);

    const revokedCase = await hostWithConsultation(testApp, mailer, ['Revoked Guest']);
    const revokedToken = revokedCase.tokenFor(revokedCase.guests[0]!.email);
    await revokedCase.host.client.delete(`/api/consultations/${revokedCase.consultation.id}/invitations/${revokedCase.consultation.invitations[0]!.id}`);
    expect((await guest.post('/api/join', { token: revokedToken })).json()).toEqual(expired.json());
  });

  it('shows the guest the practice name and a prefilled name, and records consent', async () => {
    const { consultation, guests, tokenFor } = await hostWithConsultation(testApp, mailer, ['Grete Gast']);
    const guest = await new ApiClient(testApp).init();
    const joined = await guest.post('/api/join', { token: tokenFor(guests[0]!.email) });
    expect(joined.json()).toMatchObject({ hostName: 'Erika Mustermann', suggestedName: 'Grete Gast', consented: false, status: 'invited' });
    expect(JSON.stringify(joined.json())).not.toContain(guests[0]!.email);
    const noConsent = await guest.put('/api/join/details', { displayName: 'Grete G.', consent: false });
    expect(noConsent.statusCode).toBe(422);
    const details = await guest.put('/api/join/details', { displayName: 'Grete G.', consent: true });
    expect(details.json()).toMatchObject({ displayName: 'Grete G.', consented: true });
    const [row] = await testApp.database.db
      .select()
      .from(participants)
      .where(and(eq(participants.consultationId, consultation.id), eq(participants.role, 'guest')));
    expect(row?.consentedAt).not.toBeNull();
    expect((await guest.get('/api/join/ice')).statusCode).toBe(403);
  });

  it('gives a link opened on two devices at the same moment one place, held by one of them, and no error', async () => {
    const { consultation, guests, tokenFor } = await hostWithConsultation(testApp, mailer, ['Doppel Gerät']);
    const token = tokenFor(guests[0]!.email);
    const devices = await Promise.all([0, 1, 2].map(async () => new ApiClient(testApp).init()));
    const answers = await Promise.all(devices.map(async (device) => device.post('/api/join', { token })));
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 200]);
    const places = await testApp.database.db
      .select()
      .from(participants)
      .where(and(eq(participants.consultationId, consultation.id), eq(participants.role, 'guest')));
    expect(places).toHaveLength(1);
    // The newest device holds the place: exactly one of them still gets its join state.
    const states = await Promise.all(devices.map(async (device) => (await device.get('/api/join')).statusCode));
    expect(states.filter((status) => status === 200)).toHaveLength(1);
  });

  it('ends the consultation: links stop working, guest data is deleted, the activity entry remains', async () => {
    const { host, consultation, guests, tokenFor } = await hostWithConsultation(testApp, mailer, ['Anna Ende', 'Bert Ende']);
    const token = tokenFor(guests[0]!.email);
    const guest = await readyGuest(testApp, token, 'Anna E.');
    await testApp.database.db.update(participants).set({ status: 'admitted', admittedAt: clock.now() }).where(eq(participants.id, guest.participantId));
    await testApp.database.db.update(consultations).set({ startedAt: clock.now() }).where(eq(consultations.id, consultation.id));
    clock.advance(12 * MINUTE);
    expect((await host.client.post(`/api/consultations/${consultation.id}/end`)).statusCode).toBe(200);
    expect((await guest.client.get('/api/join')).statusCode).toBe(401);
    expect((await guest.client.post('/api/join', { token })).statusCode).toBe(410);
    expect(await testApp.database.db.select().from(invitations).where(eq(invitations.consultationId, consultation.id))).toEqual([]);
    expect(await testApp.database.db.select().from(participants).where(eq(participants.consultationId, consultation.id))).toEqual([]);
    const activity = (await host.client.get('/api/activity')).json().entries;
    expect(activity[0]).toMatchObject({ id: consultation.id, participantNames: ['Anna E.'], durationSeconds: 720, invitationChannels: ['email'] });
    expect(JSON.stringify(activity)).not.toContain(guests[0]!.email);
    expect((await host.client.get('/api/consultations')).json().consultations.map((c: { id: string }) => c.id)).not.toContain(consultation.id);
  });

  it('answers another host’s consultation exactly like an unknown one and changes nothing', async () => {
    const { consultation } = await hostWithConsultation(testApp, mailer, ['Private Guest']);
    const stranger = await activeCustomer(testApp, mailer);
    const unknownId = '00000000-0000-4000-8000-000000000000';
    for (const [method, suffix] of [
      ['GET', ''],
      ['POST', '/end'],
      ['GET', '/ice'],
      ['DELETE', `/invitations/${consultation.invitations[0]!.id}`],
      ['POST', `/invitations/${consultation.invitations[0]!.id}/resend`],
    ] as const) {
      const theirs = await stranger.client.request({ method, url: `/api/consultations/${consultation.id}${suffix}` });
      const unknown = await stranger.client.request({ method, url: `/api/consultations/${unknownId}${suffix}` });
      expect(theirs.statusCode, `${method} ${suffix}`).toBe(404);
      expect(theirs.json(), `${method} ${suffix}`).toEqual(unknown.json());
    }
    const [row] = await testApp.database.db.select().from(consultations).where(eq(consultations.id, consultation.id));
    expect(row?.status).toBe('open');
    const [invitation] = await testApp.database.db.select().from(invitations).where(eq(invitations.consultationId, consultation.id));
    expect(invitation?.status).toBe('active');
  });

  it('resends a new link that replaces the old one, and adds guests while the consultation runs', async () => {
    const { host, consultation, guests, tokenFor } = await hostWithConsultation(testApp, mailer, ['Resend Me']);
    const oldToken = tokenFor(guests[0]!.email);
    const resent = await host.client.post(`/api/consultations/${consultation.id}/invitations/${consultation.invitations[0]!.id}/resend`);
    expect(resent.statusCode).toBe(200);
    const newToken = tokenFor(guests[0]!.email);
    expect(newToken).not.toBe(oldToken);
    const guest = await new ApiClient(testApp).init();
    expect((await guest.post('/api/join', { token: oldToken })).statusCode).toBe(410);
    expect((await guest.post('/api/join', { token: newToken })).statusCode).toBe(200);
    // Invitations are listed in the order they were made; the manual clock would otherwise tie them.
    clock.advance(1000);
    const added = await host.client.post(`/api/consultations/${consultation.id}/invitations`, { guest: { name: 'Late Comer', email: 'late@example.org' } });
    expect(added.statusCode).toBe(201);
    expect(added.json().invitations.map((invitation: { guestName: string }) => invitation.guestName)).toEqual(['Resend Me', 'Late Comer']);
  });

  it('relays the chat PDF to the host’s own address without keeping it', async () => {
    const { host, consultation } = await hostWithConsultation(testApp, mailer, ['Chat Partner']);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(300_000, 0x41), Buffer.from('\n%%EOF\n')]);
    const url = `/api/consultations/${consultation.id}/chat-transcript`;
    const sent = await host.client.request({ method: 'POST', url, payload: pdf, headers: { 'content-type': 'application/pdf' } });
    expect(sent.statusCode).toBe(202);
    const mail = mailer.lastTo(host.email);
    expect(mail?.attachments?.[0]?.content.equals(pdf)).toBe(true);
    const notPdf = await host.client.request({ method: 'POST', url, payload: Buffer.from('hello'), headers: { 'content-type': 'application/pdf' } });
    expect(notPdf.statusCode).toBe(415);
    const stranger = await activeCustomer(testApp, mailer);
    const foreign = await stranger.client.request({ method: 'POST', url, payload: pdf, headers: { 'content-type': 'application/pdf' } });
    expect(foreign.statusCode).toBe(404);
    expect(mailer.lastTo(stranger.email)?.attachments).toBeUndefined();
  });
});
