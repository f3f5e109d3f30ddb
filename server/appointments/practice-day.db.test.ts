import { eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointmentClaims, appointments, consultations } from '../db/schema';
import type { MailMessage } from '../notify/mailer';
import { activeCustomer, ApiClient, ManualClock, MemoryMailer, startTestApp, type TestApp } from '../test-support/app';
import { AppointmentChangeStore } from './change-store';
import { claimUnits } from './slots';

/**
 * The practice's day (issue 10): cancelling with a message, marking a no-show, moving an appointment
 * (by the practice and by the patient's link, with SEQUENCE+1 and a change notice, never onto another
 * appointment even when many try at once), the set-up lists, and the activity entries (P-14).
 */

// Thursday 15 January 2026, 10:00 UTC. The professional works Mondays 09:00–12:00 Berlin (08:00–11:00 UTC).
const START = '2026-01-15T10:00:00Z';
const at = (day: string, utcTime: string) => `2026-${day}T${utcTime}:00.000Z`;

let counter = 0;
const patientEmail = () => `day.patient.${++counter}@example.org`;
const tokenOf = (link: string) => new URL(link).hash.slice(1);
const linksIn = (message: MailMessage | undefined) => message?.text.match(/https?:\/\/\S+/g) ?? [];

function calendarOf(message: MailMessage | undefined) {
  const attachment = message?.attachments?.find((file) => file.contentType.startsWith('text/calendar'));
  if (!attachment) throw new Error('no calendar attachment');
  const calendar = new ICAL.Component(ICAL.parse(attachment.content.toString('utf8')));
  return { method: calendar.getFirstPropertyValue('method'), event: new ICAL.Event(calendar.getFirstSubcomponent('vevent')!) };
}

describe('the practice’s day', () => {
  let testApp: TestApp;
  const mailer = new MemoryMailer();
  const clock = new ManualClock(START);
  let practice: ApiClient;
  let professionalId: string;
  let typeId: string;
  let anonymous = 0;
  const patient = () => new ApiClient(testApp, {}, `127.8.${Math.floor(++anonymous / 250)}.${(anonymous % 250) + 1}`).init();
  const db = () => testApp.database.db;

  async function bookByPhone(startsAt: string, email = patientEmail()) {
    const response = await practice.post('/api/appointments', { professionalId, typeId, startsAt, name: 'Paula Termin', email, locale: 'en' });
    expect(response.statusCode, response.body).toBe(201);
    return { id: response.json<{ id: string }>().id, email };
  }

  beforeAll(async () => {
    testApp = await startTestApp({ mailer, clock });
    practice = (await activeCustomer(testApp, mailer)).client;
    professionalId = (await practice.get('/api/profile')).json().id;
    const hours = await practice.put(`/api/appointments/professionals/${professionalId}/hours`, {
      ranges: [
        { weekday: 1, startMinute: 9 * 60, endMinute: 12 * 60 },
        // This Thursday, for what happens today (the clock moves only minutes: sessions idle out after 30).
        { weekday: 4, startMinute: 11 * 60, endMinute: 13 * 60 },
      ],
      minimumNoticeMinutes: 60,
      horizonDays: 60,
      cancelDeadlineMinutes: 24 * 60,
    });
    expect(hours.statusCode).toBe(200);
    typeId = (await practice.post('/api/appointment-types', { name: 'Follow-up', durationMinutes: 30 })).json().id;
    expect((await practice.put('/api/booking-page', { slug: 'tagespraxis', enabled: true })).statusCode).toBe(200);
  });
  afterAll(async () => testApp.close());

  it('lists what the set-up page shows: the professionals, their types, the page; a type can be switched off', async () => {
    expect((await practice.get('/api/appointments/professionals')).json().professionals).toEqual([{ id: professionalId, name: expect.any(String) }]);
    const extra = (await practice.post('/api/appointment-types', { name: 'Kurz', durationMinutes: 10 })).json().id;
    const types = await practice.get(`/api/appointments/professionals/${professionalId}/types`);
    expect(types.json().types).toEqual([
      { id: extra, name: 'Kurz', durationMinutes: 10, organizationWide: false },
      { id: typeId, name: 'Follow-up', durationMinutes: 30, organizationWide: false },
    ]);
    expect((await practice.delete(`/api/appointment-types/${extra}`)).statusCode).toBe(200);
    expect((await practice.get(`/api/appointments/professionals/${professionalId}/types`)).json().types.map((type: { id: string }) => type.id)).toEqual([
      typeId,
    ]);
    expect((await practice.delete(`/api/appointment-types/${extra}`)).statusCode).toBe(404);
    expect((await practice.get('/api/booking-page')).json()).toEqual({ page: { slug: 'tagespraxis', enabled: true } });

    const other = await activeCustomer(testApp, mailer);
    expect((await other.client.get('/api/booking-page')).json()).toEqual({ page: null });
    expect((await other.client.delete(`/api/appointment-types/${typeId}`)).statusCode).toBe(404);
    expect((await other.client.get(`/api/appointments/professionals/${professionalId}/types`)).statusCode).toBe(404);
  });

  it('cancels with a message to the patient that is sent and not stored', async () => {
    const { id, email } = await bookByPhone(at('01-19', '08:00'));
    const tooLong = await practice.post(`/api/appointments/${id}/cancel`, { message: 'x'.repeat(501) });
    expect(tooLong.statusCode).toBe(422);
    const cancelled = await practice.post(`/api/appointments/${id}/cancel`, { message: 'Sorry, I am ill. Please book a new time.' });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    const notice = mailer.lastTo(email);
    expect(notice?.text).toContain('Message from the practice: Sorry, I am ill. Please book a new time.');
    expect(calendarOf(notice).method).toBe('CANCEL');
    const [row] = await db().select().from(appointments).where(eq(appointments.id, id));
    expect(JSON.stringify(row)).not.toContain('ill');
  });

  it('marks a no-show only once the appointment has started', async () => {
    const { id } = await bookByPhone(at('01-15', '10:05'));
    expect((await practice.post(`/api/appointments/${id}/no-show`)).statusCode).toBe(409);
    clock.advance(10 * 60_000);
    const missed = await practice.post(`/api/appointments/${id}/no-show`);
    expect(missed.statusCode).toBe(200);
    expect(missed.json().status).toBe('no_show');
    expect((await practice.post(`/api/appointments/${id}/no-show`)).statusCode).toBe(409);
    const day = await practice.get(`/api/appointments/professionals/${professionalId}`);
    expect(day.json().appointments).toEqual([expect.objectContaining({ id, status: 'no_show' })]);
  });

  it('moves an appointment for the practice: new time, SEQUENCE+1, a change notice, the link’s window follows, the old slot is free', async () => {
    const { id, email } = await bookByPhone(at('01-26', '08:00'));
    const first = calendarOf(mailer.lastTo(email));
    const [joinLink] = linksIn(mailer.lastTo(email));
    const moved = await practice.post(`/api/appointments/${id}/move`, { startsAt: at('01-26', '10:00') });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ startsAt: at('01-26', '10:00'), endsAt: at('01-26', '10:30'), status: 'booked' });

    const notice = mailer.lastTo(email);
    expect(notice?.subject).toBe('Your video appointment was moved');
    expect(notice?.text).toContain('Monday, 26 January 2026, 11:00–11:30');
    const [newJoin, manage] = linksIn(notice);
    expect(newJoin).toBe(joinLink);
    expect(manage).toMatch(/\/book\/manage#[\w-]{43}$/);
    const calendar = calendarOf(notice);
    expect(calendar.method).toBe('REQUEST');
    expect(calendar.event.uid).toBe(first.event.uid);
    expect(calendar.event.sequence).toBe(first.event.sequence + 1);
    expect(calendar.event.startDate.toJSDate().toISOString()).toBe(at('01-26', '10:00'));

    const [row] = await db().select().from(appointments).where(eq(appointments.id, id));
    expect(row?.sequence).toBe(1);
    const [consultation] = await db().select().from(consultations).where(eq(consultations.id, row!.consultationId!));
    expect(consultation?.validFrom.toISOString()).toBe(at('01-26', '09:50'));
    const claims = await db().select().from(appointmentClaims).where(eq(appointmentClaims.appointmentId, id));
    expect(claims.map((claim) => claim.unitStart.toISOString()).sort()[0]).toBe(at('01-26', '10:00'));

    const client = await patient();
    const slots = await client.get(`/api/book/tagespraxis/slots?professionalId=${professionalId}&typeId=${typeId}&from=2026-01-26&days=1`);
    const free = slots.json().slots.map((slot: { startsAt: string }) => slot.startsAt);
    expect(free).toContain(at('01-26', '08:00'));
    expect(free).not.toContain(at('01-26', '10:00'));

    // A half-hour later overlaps its own old time: that is no obstacle.
    expect((await practice.post(`/api/appointments/${id}/move`, { startsAt: at('01-26', '10:15') })).statusCode).toBe(200);
    // Outside the hours: a field error, nothing changed.
    const outside = await practice.post(`/api/appointments/${id}/move`, { startsAt: at('01-26', '14:00') });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().error.fields.startsAt.code).toBe('slot_outside_hours');
    const [after] = await db().select().from(appointments).where(eq(appointments.id, id));
    expect(after).toMatchObject({ sequence: 2, startsAt: new Date(at('01-26', '10:15')) });
  });

  it('moves by the patient’s link up to the deadline; the used link stops working, the new one works', async () => {
    const { email } = await bookByPhone(at('02-02', '08:00'));
    const [, manage] = linksIn(mailer.lastTo(email));
    const client = await patient();
    const slots = await client.post('/api/book/manage/slots', { token: tokenOf(manage!), from: '2026-02-02', days: 1 });
    expect(slots.statusCode).toBe(200);
    const free = slots.json().slots.map((slot: { startsAt: string }) => slot.startsAt);
    // Its own time is offered too: the appointment does not block itself.
    expect(free).toEqual([at('02-02', '08:00'), at('02-02', '08:30'), at('02-02', '09:00'), at('02-02', '09:30'), at('02-02', '10:00'), at('02-02', '10:30')]);

    const moved = await client.post('/api/book/move', { token: tokenOf(manage!), startsAt: at('02-02', '10:30') });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ status: 'booked', startsAt: at('02-02', '10:30') });
    expect((await client.post('/api/book/move', { token: tokenOf(manage!), startsAt: at('02-02', '09:00') })).statusCode).toBe(410);
    const notice = mailer.lastTo(email);
    expect(notice?.text).toContain('You moved your video appointment');
    expect(calendarOf(notice).event.sequence).toBe(1);
    const [, next] = linksIn(notice);
    expect((await client.post('/api/book/manage', { token: tokenOf(next!) })).json()).toMatchObject({ startsAt: at('02-02', '10:30'), status: 'booked' });

    // Within a day of the start the link no longer moves it.
    const soon = await bookByPhone(at('01-15', '11:00'));
    const [, soonManage] = linksIn(mailer.lastTo(soon.email));
    const late = await client.post('/api/book/move', { token: tokenOf(soonManage!), startsAt: at('02-09', '08:00') });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('appointment_not_changeable');
  });

  it('lets exactly one of 20 appointments move into the same slot at once; the others keep their time', async () => {
    const times = ['02-09', '02-16', '02-23'].flatMap((day) => ['08:00', '08:30', '09:00', '09:30', '10:00', '10:30'].map((time) => at(day, time)));
    const booked = [];
    for (const startsAt of [...times, at('03-02', '08:00'), at('03-02', '10:00')]) booked.push(await bookByPhone(startsAt));
    const responses = await Promise.all(booked.map(({ id }) => practice.post(`/api/appointments/${id}/move`, { startsAt: at('03-02', '09:00') })));
    const statuses = responses.map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    for (const response of responses.filter((candidate) => candidate.statusCode === 409)) expect(response.json().error.code).toBe('slot_taken');
    const claims = await db().select().from(appointmentClaims);
    const units = claims.map((claim) => `${claim.professionalAccountId} ${claim.unitStart.toISOString()}`);
    expect(new Set(units).size).toBe(units.length);
    const rows = await db()
      .select()
      .from(appointments)
      .where(eq(appointments.startsAt, new Date(at('03-02', '09:00'))));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.sequence).toBe(1);
  });

  it('moves an appointment only from the SEQUENCE it was read at: a change that came first wins', async () => {
    const { id } = await bookByPhone(at('03-09', '08:00'));
    const changes = new AppointmentChangeStore(db(), testApp.sealer);
    const change = (startsAt: string) => ({
      startsAt: new Date(startsAt),
      endsAt: new Date(new Date(startsAt).getTime() + 30 * 60_000),
      manageTokenHash: `hash-${startsAt}`,
      reminderDaySentAt: null,
      reminderHourSentAt: null,
    });
    const units = (startsAt: string) => claimUnits(new Date(startsAt), 30, 0);
    // Both read sequence 0 before either wrote: the second finds it changed and changes nothing.
    const first = await changes.move(id, professionalId, 0, change(at('03-09', '09:00')), units(at('03-09', '09:00')), clock.now());
    const second = await changes.move(id, professionalId, 0, change(at('03-09', '10:00')), units(at('03-09', '10:00')), clock.now());
    expect('moved' in first && first.moved.sequence).toBe(1);
    expect(second).toEqual({ changed: true });
    const [row] = await db().select().from(appointments).where(eq(appointments.id, id));
    expect(row).toMatchObject({ sequence: 1, startsAt: new Date(at('03-09', '09:00')) });
    const claims = await db().select().from(appointmentClaims).where(eq(appointmentClaims.appointmentId, id));
    expect(claims.map((claim) => claim.unitStart.toISOString()).sort()).toEqual(units(at('03-09', '09:00')).map((unit) => unit.toISOString()));
  });

  it('shows booked, held, cancelled and missed appointments in the activity list, never the patient’s address', async () => {
    const { id } = await bookByPhone(at('03-16', '08:00'));
    const [row] = await db().select().from(appointments).where(eq(appointments.id, id));
    await db()
      .update(consultations)
      .set({ startedAt: new Date(at('03-16', '08:01')) })
      .where(eq(consultations.id, row!.consultationId!));
    const activity = await practice.get('/api/activity/appointments');
    expect(activity.statusCode).toBe(200);
    const entries = activity.json().entries as { id: string; kind: string; startsAt: string }[];
    expect(entries.find((entry) => entry.id === id)).toMatchObject({ kind: 'held', typeName: 'Follow-up', patientName: 'Paula Termin' });
    expect(new Set(entries.map((entry) => entry.kind))).toEqual(new Set(['booked', 'held', 'cancelled', 'no_show']));
    expect(activity.body).not.toContain('@example.org');
    const ranged = await practice.get(`/api/activity/appointments?from=${at('03-16', '00:00')}&to=${at('03-17', '00:00')}`);
    expect(ranged.json().entries.map((entry: { id: string }) => entry.id)).toEqual([id]);
    const other = await activeCustomer(testApp, mailer);
    expect((await other.client.get('/api/activity/appointments')).json().entries).toEqual([]);
  });
});
