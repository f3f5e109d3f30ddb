import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { Api, chromiumSuite, createHost, PHONES, uniqueEmail, type ReceivedMail } from './support';
import { expectVideoDecoding } from './support/media';
import { admitByName, enterWaitingRoom, waitForSnapshot } from './support/room';

/**
 * Issue 10 end to end, in Chromium against the real server and a real SMTP capture: a patient books
 * on the public page (phone-sized), confirms from the mail, the .ics is parsed and checked, the
 * patient opens the link and waits, the professional sees them waiting in the day view (/appointments),
 * opens the consultation from there and admits them, and both see each other; another patient
 * cancels from the mail link and the slot is free again.
 *
 * The server runs on the real clock: the professional's hours are the coming hour (Berlin time) and
 * the type lasts 5 minutes, so a slot starts within minutes and its link (open from 10 minutes
 * before) works at once.
 */

const SLUG_PREFIX = 'e2e-praxis';

function comingHourInBerlin(): { weekday: number; startMinute: number; endMinute: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Berlin',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date());
  const part = (type: string) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(part('weekday')) + 1;
  const minute = Number(part('hour')) * 60 + Number(part('minute'));
  const startMinute = Math.floor(minute / 5) * 5;
  return { weekday, startMinute, endMinute: Math.min(1440, startMinute + 60) };
}

function calendarOf(mail: ReceivedMail) {
  const attachment = mail.attachments.find((file) => file.contentType.startsWith('text/calendar'));
  if (!attachment) throw new Error(`no calendar file in: ${mail.subject}`);
  const calendar = new ICAL.Component(ICAL.parse(attachment.content.toString('utf8')));
  return { method: calendar.getFirstPropertyValue('method'), event: new ICAL.Event(calendar.getFirstSubcomponent('vevent')!) };
}

describe('appointments: book online, confirm, meet; cancel from the mail', () => {
  const suite = chromiumSuite();
  const { smtp } = suite;

  it('a patient books on the page, confirms from the mail, gets the calendar entry, waits and talks with the professional', async () => {
    const host = await suite.open();
    const patient = await suite.open({ phone: PHONES.small });
    const hostApi = new Api(host.context.request, suite.server.origin);
    await createHost(hostApi, smtp);
    const profile = await hostApi.expect<{ id: string }>(200, 'GET', '/api/profile');
    await hostApi.expect(200, 'PUT', `/api/appointments/professionals/${profile.id}/hours`, { ranges: [comingHourInBerlin()], minimumNoticeMinutes: 0 });
    await hostApi.expect(201, 'POST', '/api/appointment-types', { name: 'Kurztermin', durationMinutes: 5 });
    const slug = `${SLUG_PREFIX}-${Date.now().toString(36)}`;
    await hostApi.expect(200, 'PUT', '/api/booking-page', { slug, enabled: true });

    // The patient books on a phone: a slot, name, address, consent.
    await patient.page.goto(`/book/${slug}`);
    await patient.page.getByRole('heading', { name: 'Hanna Hausarzt', level: 1 }).waitFor();
    const slots = patient.page.getByRole('region', { name: 'Freie Termine' }).getByRole('button');
    await slots.first().waitFor();
    // The second slot: still ahead when the form is sent, and within 10 minutes, so the link opens.
    const chosen = slots.nth(1);
    const chosenTime = await chosen.innerText();
    await chosen.click();
    const email = uniqueEmail('petra');
    await patient.page.getByRole('textbox', { name: 'Ihr Name' }).fill('Petra Patientin');
    await patient.page.getByRole('textbox', { name: 'E-Mail-Adresse' }).fill(email);
    await patient.page.getByRole('checkbox', { name: /Ich willige ein/ }).check();
    await patient.page.getByRole('button', { name: 'Termin buchen' }).click();
    await patient.page.getByRole('heading', { name: 'Bitte bestätigen Sie Ihren Termin' }).waitFor();

    const hold = await smtp.take(email, /^Bitte bestätigen Sie Ihren Termin$/);
    const confirmLink = hold.links.find((link) => new URL(link).pathname === '/book/confirm');
    expect(confirmLink).toBeTruthy();
    await patient.page.goto(confirmLink!);
    await patient.page.getByRole('heading', { name: 'Ihr Termin ist bestätigt' }).waitFor();

    const booked = await smtp.take(email, /^Ihr Videotermin ist bestätigt$/);
    expect(booked.text).toContain(`${chosenTime}–`);
    expect(booked.text).toContain('Kurztermin');
    const joinLink = booked.links.find((link) => new URL(link).pathname === '/join');
    expect(joinLink).toBeTruthy();
    const { method, event } = calendarOf(booked);
    expect(method).toBe('REQUEST');
    expect(event.uid).toMatch(/^appointment-[0-9a-f-]{36}@/);
    expect(event.sequence).toBe(0);
    expect(event.duration.toSeconds()).toBe(5 * 60);
    expect(event.startDate.toJSDate().toLocaleTimeString('de-DE', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' })).toBe(chosenTime);

    // The day view knows the consultation; the professional opens it and lets the patient in.
    const day = await hostApi.expect<{ appointments: { consultationId: string; patientName: string }[] }>(
      200,
      'GET',
      `/api/appointments/professionals/${profile.id}`,
    );
    const appointment = day.appointments.find((entry) => entry.patientName === 'Petra Patientin');
    expect(appointment?.consultationId).toBeTruthy();
    await patient.page.goto(joinLink!);
    await enterWaitingRoom(patient.page);
    // The professional's day view shows the patient waiting and opens the consultation from there.
    await host.page.goto('/appointments');
    const item = host.page.getByRole('article', { name: /Petra Patientin/ });
    // The view refreshes every 10 seconds: the badge appears by the next refresh at the latest.
    await item.getByText('Wartet im Wartezimmer').waitFor({ timeout: 20_000 });
    await item.getByRole('link', { name: 'Sprechstunde mit Petra Patientin öffnen' }).click();
    await host.page.waitForURL(`**/consultations/${appointment!.consultationId}/room`);
    await waitForSnapshot(host.page, (snapshot) => snapshot.signaling === 'open' && snapshot.self?.role === 'host');
    await admitByName(host.page, 'Petra Patientin');
    await expectVideoDecoding(patient.page, 1, 'patient');
    await expectVideoDecoding(host.page, 1, 'professional');
    expect(patient.problems()).toEqual([]);
    expect(host.problems()).toEqual([]);
  });

  it('a patient cancels from the mail link and the slot is free again', async () => {
    const host = await suite.open();
    const patient = await suite.open({ phone: PHONES.tall });
    const hostApi = new Api(host.context.request, suite.server.origin);
    await createHost(hostApi, smtp, { firstName: 'Carla', lastName: 'Cardio' });
    const profile = await hostApi.expect<{ id: string }>(200, 'GET', '/api/profile');
    await hostApi.expect(200, 'PUT', `/api/appointments/professionals/${profile.id}/hours`, {
      ranges: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: 8 * 60, endMinute: 12 * 60 })),
      minimumNoticeMinutes: 0,
      cancelDeadlineMinutes: 60,
    });
    const type = await hostApi.expect<{ id: string }>(201, 'POST', '/api/appointment-types', { name: 'Beratung', durationMinutes: 30 });
    const slug = `${SLUG_PREFIX}-c-${Date.now().toString(36)}`;
    await hostApi.expect(200, 'PUT', '/api/booking-page', { slug, enabled: true });
    const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date(Date.now() + 24 * 60 * 60_000));
    const freeSlots = async () =>
      (
        await hostApi.expect<{ slots: { startsAt: string }[] }>(
          200,
          'GET',
          `/api/book/${slug}/slots?professionalId=${profile.id}&typeId=${type.id}&from=${tomorrow}&days=1`,
        )
      ).slots.map((slot) => slot.startsAt);
    const [startsAt] = await freeSlots();

    // Booked by the practice on the phone: firm at once, the patient gets the mail with the cancel link.
    const email = uniqueEmail('otto');
    await hostApi.expect(201, 'POST', '/api/appointments', { professionalId: profile.id, typeId: type.id, startsAt, name: 'Otto Absager', email });
    expect(await freeSlots()).not.toContain(startsAt);
    const booked = await smtp.take(email, /^Ihr Videotermin ist bestätigt$/);
    const first = calendarOf(booked);
    const cancelLink = booked.links.find((link) => new URL(link).pathname === '/book/manage');

    await patient.page.goto(cancelLink!);
    await patient.page.getByRole('heading', { name: 'Ihr Termin' }).waitFor();
    await patient.page.getByText('Beratung bei Carla Cardio', { exact: false }).waitFor();
    await patient.page.getByRole('button', { name: 'Termin absagen' }).click();
    await patient.page.getByRole('heading', { name: 'Ihr Termin ist abgesagt' }).waitFor();

    const notice = await smtp.take(email, /^Ihr Videotermin wurde abgesagt$/);
    const cancelled = calendarOf(notice);
    expect(cancelled.method).toBe('CANCEL');
    expect(cancelled.event.uid).toBe(first.event.uid);
    expect(cancelled.event.sequence).toBe(1);
    expect(await freeSlots()).toContain(startsAt);
    // The link is single-use: opened again (a fresh load, as from the mail), it is no longer valid.
    await patient.page.goto('/');
    await patient.page.goto(cancelLink!);
    await patient.page.getByRole('heading', { name: 'Dieser Link ist ungültig' }).waitFor();
    expect(patient.problems([/status of 410/])).toEqual([]);
  });
  it('a patient moves the appointment from the mail link and gets the calendar entry updated (SEQUENCE 1)', async () => {
    const host = await suite.open();
    const patient = await suite.open({ phone: PHONES.small });
    const hostApi = new Api(host.context.request, suite.server.origin);
    await createHost(hostApi, smtp, { firstName: 'Mara', lastName: 'Mobil' });
    const profile = await hostApi.expect<{ id: string }>(200, 'GET', '/api/profile');
    // Hours all day every day: the appointment a day ahead and the times to move to need no arithmetic of zones.
    await hostApi.expect(200, 'PUT', `/api/appointments/professionals/${profile.id}/hours`, {
      ranges: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: 0, endMinute: 1440 })),
      minimumNoticeMinutes: 0,
      cancelDeadlineMinutes: 60,
    });
    const type = await hostApi.expect<{ id: string }>(201, 'POST', '/api/appointment-types', { name: 'Verlauf', durationMinutes: 30 });
    const hour = 60 * 60_000;
    const startsAt = new Date(Math.ceil((Date.now() + 24 * hour) / hour) * hour).toISOString();
    const email = uniqueEmail('mona');
    await hostApi.expect(201, 'POST', '/api/appointments', { professionalId: profile.id, typeId: type.id, startsAt, name: 'Mona Verschieber', email });
    const booked = await smtp.take(email, /^Ihr Videotermin ist bestätigt$/);
    const first = calendarOf(booked);
    const manageLink = booked.links.find((link) => new URL(link).pathname === '/book/manage');

    await patient.page.goto(manageLink!);
    await patient.page.getByRole('heading', { name: 'Ihr Termin' }).waitFor();
    await patient.page.getByRole('button', { name: 'Termin verschieben' }).click();
    const move = patient.page.getByRole('region', { name: 'Termin verschieben' });
    const later = move.getByRole('list').getByRole('button').last();
    await later.waitFor();
    await later.click();
    await move.getByRole('button', { name: /^Auf .* verschieben$/ }).click();
    await patient.page.getByRole('heading', { name: 'Ihr Termin ist verschoben' }).waitFor();

    const notice = await smtp.take(email, /^Ihr Videotermin wurde verschoben$/);
    const changed = calendarOf(notice);
    expect(changed.method).toBe('REQUEST');
    expect(changed.event.uid).toBe(first.event.uid);
    expect(changed.event.sequence).toBe(1);
    const movedTo = changed.event.startDate.toJSDate().toISOString();
    expect(movedTo).not.toBe(startsAt);
    const week = await hostApi.expect<{ appointments: { startsAt: string; status: string }[] }>(
      200,
      'GET',
      `/api/appointments/professionals/${profile.id}?days=7`,
    );
    expect(week.appointments.filter((entry) => entry.status === 'booked').map((entry) => entry.startsAt)).toEqual([movedTo]);
    expect(patient.problems()).toEqual([]);
  });
});
