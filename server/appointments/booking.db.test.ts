import { eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointmentClaims, appointments, consultations } from '../db/schema';
import type { MailMessage } from '../notify/mailer';
import { activeCustomer, ApiClient, ManualClock, MemoryMailer, MemorySms, startTestApp, type TestApp } from '../test-support/app';

/**
 * Booking as a patient and a practice notice it (issue 10): the public page offers the hours, a hold
 * becomes firm from the mail, the calendar file is right, cancelling frees the slot, bad input stores
 * nothing, and of many patients taking the last slot at once exactly one gets it.
 */

const MINUTE = 60_000;
// Thursday 15 January 2026, 10:00 UTC; Monday 19 January is the next Monday (Berlin: UTC+1).
const START = '2026-01-15T10:00:00Z';
const MONDAY_0900 = '2026-01-19T08:00:00.000Z';
const MONDAY_0930 = '2026-01-19T08:30:00.000Z';
const NEXT_MONDAY_0900 = '2026-01-26T08:00:00.000Z';

let patientCounter = 0;
const patientEmail = () => `patient.${++patientCounter}@example.org`;
const tokenOf = (link: string) => new URL(link).hash.slice(1);

function linksIn(message: MailMessage | undefined): string[] {
  return message?.text.match(/https?:\/\/\S+/g) ?? [];
}

function calendarOf(message: MailMessage | undefined) {
  const attachment = message?.attachments?.find((file) => file.contentType.startsWith('text/calendar'));
  if (!attachment) throw new Error('no calendar attachment');
  const calendar = new ICAL.Component(ICAL.parse(attachment.content.toString('utf8')));
  const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
  return { method: calendar.getFirstPropertyValue('method'), event, contentType: attachment.contentType };
}

describe('appointment booking', () => {
  let testApp: TestApp;
  const mailer = new MemoryMailer();
  const sms = new MemorySms();
  const clock = new ManualClock(START);
  let practice: ApiClient;
  let professionalId: string;
  let typeId: string;
  let longTypeId: string;
  let anonymousCounter = 0;
  /** A patient's browser: its own client address, as many patients are. */
  const patient = () => new ApiClient(testApp, {}, `127.9.${Math.floor(++anonymousCounter / 250)}.${(anonymousCounter % 250) + 1}`).init();
  const db = () => testApp.database.db;

  async function book(client: ApiClient, startsAt: string, overrides: Record<string, unknown> = {}) {
    return client.post('/api/book/praxis-muster', {
      professionalId,
      typeId,
      startsAt,
      name: 'Petra Patientin',
      email: patientEmail(),
      consent: true,
      ...overrides,
    });
  }

  async function slotsOn(day: string, type = typeId) {
    const client = await patient();
    const response = await client.get(`/api/book/praxis-muster/slots?professionalId=${professionalId}&typeId=${type}&from=${day}&days=1`);
    expect(response.statusCode).toBe(200);
    return (response.json().slots as { startsAt: string }[]).map((slot) => slot.startsAt);
  }

  beforeAll(async () => {
    testApp = await startTestApp({ mailer, sms, clock });
    const customer = await activeCustomer(testApp, mailer);
    practice = customer.client;
    professionalId = (await practice.get('/api/profile')).json().id;
    const hours = await practice.put(`/api/appointments/professionals/${professionalId}/hours`, {
      ranges: [{ weekday: 1, startMinute: 9 * 60, endMinute: 10 * 60 }],
      minimumNoticeMinutes: 60,
      horizonDays: 28,
      cancelDeadlineMinutes: 24 * 60,
    });
    expect(hours.statusCode).toBe(200);
    typeId = (await practice.post('/api/appointment-types', { name: 'Folgetermin', durationMinutes: 30 })).json().id;
    longTypeId = (await practice.post('/api/appointment-types', { name: 'Erstgespräch', durationMinutes: 60 })).json().id;
    expect((await practice.put('/api/booking-page', { slug: 'praxis-muster', enabled: true })).statusCode).toBe(200);
  });
  afterAll(async () => testApp.close());

  it('shows the page with its types and the Monday hours as slots in Berlin time', async () => {
    const client = await patient();
    const page = await client.get('/api/book/praxis-muster');
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ slug: 'praxis-muster', timeZone: 'Europe/Berlin', professionals: [{ id: professionalId }] });
    expect(page.json().professionals[0].types.map((type: { name: string }) => type.name)).toEqual(['Folgetermin', 'Erstgespräch']);
    expect(await slotsOn('2026-01-19')).toEqual([MONDAY_0900, MONDAY_0930]);
    expect(await slotsOn('2026-01-20')).toEqual([]);
    expect((await client.get('/api/book/no-such-page')).statusCode).toBe(404);
  });

  it('refuses bad input with a field error and stores nothing', async () => {
    const client = await patient();
    const before = (await db().select().from(appointments)).length;
    const cases: [Record<string, unknown>, string, string][] = [
      [{ startsAt: '2026-01-19T12:00:00.000Z' }, 'startsAt', 'slot_outside_hours'],
      [{ startsAt: '2026-01-12T08:00:00.000Z' }, 'startsAt', 'slot_in_past'],
      [{ startsAt: '2026-02-16T08:00:00.000Z' }, 'startsAt', 'slot_beyond_horizon'],
      [{ startsAt: '2026-01-19T08:02:00.000Z' }, 'startsAt', 'slot_misaligned'],
      [{ typeId: '00000000-0000-4000-8000-000000000000' }, 'typeId', 'invalid_choice'],
      [{ consent: false }, 'consent', 'must_accept'],
      [{ email: undefined }, 'email', 'required'],
      [{ reason: 'Kopfschmerzen' }, 'reason', 'unknown_field'],
    ];
    for (const [overrides, field, code] of cases) {
      const response = await book(client, MONDAY_0900, overrides);
      expect(response.statusCode, `${field} ${code}`).toBe(422);
      expect(response.json().error.fields[field]?.code, `${field} ${code}`).toBe(code);
    }
    expect((await db().select().from(appointments)).length).toBe(before);
  });

  it('holds a booking for 15 minutes, makes it firm from the mail, with a calendar entry and a link that opens 10 minutes before', async () => {
    const client = await patient();
    const email = patientEmail();
    const held = await book(client, MONDAY_0900, { email, locale: 'en' });
    expect(held.statusCode).toBe(202);
    expect(held.json()).toMatchObject({ status: 'held', startsAt: MONDAY_0900, holdExpiresAt: new Date(clock.now().getTime() + 15 * MINUTE).toISOString() });
    // Held: nobody else sees the slot.
    expect(await slotsOn('2026-01-19')).toEqual([MONDAY_0930]);
    const holdMail = mailer.lastTo(email);
    expect(holdMail?.subject).toBe('Please confirm your appointment');
    const [confirmLink] = linksIn(holdMail);
    expect(confirmLink).toMatch(/\/book\/confirm#[\w-]{43}$/);

    const confirmed = await client.post('/api/book/confirm', { token: tokenOf(confirmLink!) });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({ status: 'booked', holdExpiresAt: null });
    // A second click changes nothing.
    expect((await client.post('/api/book/confirm', { token: tokenOf(confirmLink!) })).statusCode).toBe(410);

    const bookedMail = mailer.lastTo(email);
    expect(bookedMail?.subject).toBe('Your video appointment is confirmed');
    expect(bookedMail?.text).toContain('Monday, 19 January 2026, 09:00–09:30');
    expect(bookedMail?.text).not.toMatch(/reason|Grund/i);
    const [joinLink, cancelLink] = linksIn(bookedMail);
    expect(joinLink).toMatch(/\/join#[\w-]{43}$/);
    expect(cancelLink).toMatch(/\/book\/manage#[\w-]{43}$/);
    const calendar = calendarOf(bookedMail);
    expect(calendar.method).toBe('REQUEST');
    expect(calendar.contentType).toContain('method=REQUEST');
    expect(calendar.event.uid).toMatch(/^appointment-[0-9a-f-]{36}@localhost$/);
    expect(calendar.event.sequence).toBe(0);
    expect(calendar.event.startDate.toJSDate().toISOString()).toBe(MONDAY_0900);
    expect(calendar.event.endDate.toJSDate().toISOString()).toBe(MONDAY_0930);
    expect(calendar.event.summary).toContain('Erika Mustermann');
    expect(String(calendar.event.component.getFirstPropertyValue('url'))).toBe(joinLink);

    // The invitation opens 10 minutes before the start, not earlier.
    const guest = await patient();
    const early = await guest.post('/api/join', { token: tokenOf(joinLink!) });
    expect(early.statusCode).toBe(403);
    expect(early.json().error).toMatchObject({ code: 'link_not_yet_valid', details: { opensAt: '2026-01-19T07:50:00.000Z' } });
    const [row] = await db()
      .select()
      .from(appointments)
      .where(eq(appointments.startsAt, new Date(MONDAY_0900)));
    const [consultation] = await db().select().from(consultations).where(eq(consultations.id, row!.consultationId!));
    expect(consultation?.validUntil.toISOString()).toBe('2026-01-19T09:00:00.000Z');
    // Sealed at rest (P-21): the stored name and address are not what the patient typed.
    expect(row?.patientName).not.toContain('Petra');
    expect(row?.patientEmail).not.toContain('@');
    expect(row?.manageTokenHash).not.toBe(tokenOf(cancelLink!));

    // The practice sees it in its day.
    const day = await practice.get(`/api/appointments/professionals/${professionalId}?from=2026-01-18T23:00:00.000Z&days=1`);
    expect(day.json().appointments).toEqual([
      expect.objectContaining({ startsAt: MONDAY_0900, status: 'booked', patientName: 'Petra Patientin', typeName: 'Folgetermin' }),
    ]);
  });

  it('frees a hold that was not confirmed in time, and the late link says so', async () => {
    const client = await patient();
    const email = patientEmail();
    expect((await book(client, MONDAY_0930, { email })).statusCode).toBe(202);
    expect(await slotsOn('2026-01-19')).toEqual([]);
    clock.advance(15 * MINUTE + 1000);
    expect(await slotsOn('2026-01-19')).toEqual([MONDAY_0930]);
    const late = await client.post('/api/book/confirm', { token: tokenOf(linksIn(mailer.lastTo(email))[0]!) });
    expect(late.statusCode).toBe(410);
    expect(late.json().error.code).toBe('token_expired');
  });

  it('gives the last slot to exactly one of 24 patients at once; the others get 409 with the next free slots', async () => {
    const clients = await Promise.all(Array.from({ length: 24 }, () => patient()));
    const responses = await Promise.all(clients.map((client) => book(client, MONDAY_0930)));
    const statuses = responses.map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 202)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(23);
    for (const response of responses.filter((candidate) => candidate.statusCode === 409)) {
      expect(response.json().error.code).toBe('slot_taken');
      expect(response.json().error.details.nextSlots.split(',')).toEqual([NEXT_MONDAY_0900, '2026-01-26T08:30:00.000Z', '2026-02-02T08:00:00.000Z']);
    }
    const stored = await db()
      .select()
      .from(appointments)
      .where(eq(appointments.startsAt, new Date(MONDAY_0930)));
    expect(stored.filter((row) => row.status === 'held')).toHaveLength(1);
  });

  it('keeps overlapping bookings of different durations apart in the database', async () => {
    // Next Monday: a 60-minute and a 30-minute booking that overlap, at once, many times over.
    const clients = await Promise.all(Array.from({ length: 20 }, () => patient()));
    const responses = await Promise.all(
      clients.map((client, index) => (index % 2 === 0 ? book(client, NEXT_MONDAY_0900, { typeId: longTypeId }) : book(client, '2026-01-26T08:30:00.000Z'))),
    );
    expect(responses.filter((response) => response.statusCode === 202)).toHaveLength(1);
    const claims = await db().select().from(appointmentClaims);
    const units = claims.map((claim) => `${claim.professionalAccountId} ${claim.unitStart.toISOString()}`);
    expect(new Set(units).size).toBe(units.length);
  });

  it('lets the practice book by phone (firm at once) and cancel; the patient cancels from the mail and the slot is free again', async () => {
    const email = patientEmail();
    const phoneBooking = await practice.post('/api/appointments', {
      professionalId,
      typeId,
      startsAt: '2026-02-02T08:00:00.000Z',
      name: 'Paul Telefon',
      email,
    });
    expect(phoneBooking.statusCode).toBe(201);
    expect(phoneBooking.json()).toMatchObject({ status: 'booked', bookedBy: 'practice' });
    const bookedMail = mailer.lastTo(email);
    expect(bookedMail?.subject).toBe('Ihr Videotermin ist bestätigt');
    const first = calendarOf(bookedMail);
    const [joinLink, cancelLink] = linksIn(bookedMail);

    const client = await patient();
    const shown = await client.post('/api/book/manage', { token: tokenOf(cancelLink!) });
    expect(shown.json()).toMatchObject({ status: 'booked', typeName: 'Folgetermin', changeableUntil: '2026-02-01T08:00:00.000Z' });
    const cancelled = await client.post('/api/book/cancel', { token: tokenOf(cancelLink!) });
    expect(cancelled.statusCode).toBe(200);
    expect(await slotsOn('2026-02-02')).toContain('2026-02-02T08:00:00.000Z');
    // Single use: the link is spent.
    expect((await client.post('/api/book/cancel', { token: tokenOf(cancelLink!) })).statusCode).toBe(410);
    const notice = calendarOf(mailer.lastTo(email));
    expect(notice.method).toBe('CANCEL');
    expect(notice.event.uid).toBe(first.event.uid);
    expect(notice.event.sequence).toBe(1);
    expect(notice.event.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    // The invitation no longer opens.
    expect((await client.post('/api/join', { token: tokenOf(joinLink!) })).statusCode).toBeGreaterThanOrEqual(400);

    const again = await practice.post('/api/appointments', { professionalId, typeId, startsAt: '2026-02-02T08:00:00.000Z', name: 'Paul Telefon', email });
    expect(again.statusCode).toBe(201);
    expect((await practice.post(`/api/appointments/${again.json().id}/no-show`)).statusCode).toBe(409);
    const byPractice = await practice.post(`/api/appointments/${again.json().id}/cancel`);
    expect(byPractice.json()).toMatchObject({ status: 'cancelled' });
    expect(mailer.lastTo(email)?.text).toContain('musste Ihren Videotermin absagen');
  });

  it('confirms a booking with only a mobile number by the code from the SMS, and refuses a wrong code', async () => {
    const client = await patient();
    const held = await book(client, '2026-02-09T08:00:00.000Z', { email: undefined, phone: '0171 5550123' });
    expect(held.statusCode).toBe(202);
    const text = sms.sent.findLast((message) => message.to === '+491715550123')?.text ?? '';
    const code = text.match(/\b(\d{6})\b/)?.[1];
    expect(code).toBeDefined();
    expect(text).not.toMatch(/Petra/);
    const wrong = await client.post('/api/book/confirm-code', { holdId: held.json().holdId, code: code === '000000' ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(422);
    const confirmed = await client.post('/api/book/confirm-code', { holdId: held.json().holdId, code });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().status).toBe('booked');
    expect(sms.sent.at(-1)?.text).toMatch(/\/join#[\w-]{43}/);
  });

  it('lists the professional’s appointments and booking rules in the data export (P-24)', async () => {
    const exported = (await practice.get('/api/privacy/export')).json();
    expect(exported.appointments).toEqual(
      expect.arrayContaining([expect.objectContaining({ startsAt: MONDAY_0900, typeName: 'Folgetermin', patientName: 'Petra Patientin', status: 'booked' })]),
    );
    expect(exported.bookingRules).toMatchObject({ hours: [{ weekday: 1, startMinute: 540, endMinute: 600 }], minimumNoticeMinutes: 60, horizonDays: 28 });
    const datasets = exported.processing.map((entry: { dataset: string }) => entry.dataset);
    expect(datasets).toEqual(expect.arrayContaining(['appointments', 'bookingRules']));
    const appointmentsProcessing = exported.processing.find((entry: { dataset: string }) => entry.dataset === 'appointments');
    expect(appointmentsProcessing.retention.map((rule: { rule: string }) => rule.rule)).toEqual(
      expect.arrayContaining(['appointments', 'appointmentContacts']),
    );
  });

  it('answers another customer as if the professional did not exist', async () => {
    const other = await activeCustomer(testApp, mailer);
    expect((await other.client.get(`/api/appointments/professionals/${professionalId}/hours`)).statusCode).toBe(404);
    expect(
      (await other.client.post('/api/appointments', { professionalId, typeId, startsAt: NEXT_MONDAY_0900, name: 'X', email: patientEmail() })).statusCode,
    ).toBe(404);
    const taken = await other.client.put('/api/booking-page', { slug: 'praxis-muster', enabled: true });
    expect(taken.statusCode).toBe(422);
    expect(taken.json().error.fields.slug.code).toBe('invalid_choice');
  });
});
