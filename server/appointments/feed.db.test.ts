import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailMessage } from '../notify/mailer';
import { activeCustomer, ApiClient, ManualClock, MemoryMailer, startTestApp, type TestApp } from '../test-support/app';

/**
 * The calendar subscription (issue 10): the feed a professional's calendar app polls, parsed as a
 * calendar app would. No patient names by default, initials only when chosen, the same UID as the
 * .ics in the patient's mail, never another professional's appointments, and a replaced or revoked
 * URL answers 404 at once.
 */

// Thursday 15 January 2026, 10:00 UTC; both professionals work Mondays 09:00–12:00 Berlin (08:00–11:00 UTC).
const START = '2026-01-15T10:00:00Z';
const monday = (utcTime: string) => `2026-01-19T${utcTime}:00.000Z`;

let counter = 0;
const patientEmail = () => `feed.patient.${++counter}@example.org`;

function eventsOf(body: string) {
  const calendar = new ICAL.Component(ICAL.parse(body));
  return calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
}

function uidInMail(message: MailMessage | undefined): string {
  const attachment = message?.attachments?.find((file) => file.contentType.startsWith('text/calendar'));
  if (!attachment) throw new Error('no calendar attachment');
  return eventsOf(attachment.content.toString('utf8'))[0]!.uid;
}

describe('the calendar subscription', () => {
  let testApp: TestApp;
  const mailer = new MemoryMailer();
  const clock = new ManualClock(START);
  const professionals: { client: ApiClient; id: string; typeId: string }[] = [];
  let calendarApp: ApiClient;
  const pathOf = (url: string) => new URL(url).pathname;

  async function setUp(typeName: string) {
    const { client } = await activeCustomer(testApp, mailer);
    const id = (await client.get('/api/profile')).json().id as string;
    const hours = await client.put(`/api/appointments/professionals/${id}/hours`, {
      ranges: [{ weekday: 1, startMinute: 9 * 60, endMinute: 12 * 60 }],
      minimumNoticeMinutes: 60,
      horizonDays: 60,
    });
    expect(hours.statusCode).toBe(200);
    const typeId = (await client.post('/api/appointment-types', { name: typeName, durationMinutes: 15 })).json().id as string;
    return { client, id, typeId };
  }

  async function book(professional: { client: ApiClient; id: string; typeId: string }, startsAt: string, name = 'Paula Zander') {
    const email = patientEmail();
    const response = await professional.client.post('/api/appointments', {
      professionalId: professional.id,
      typeId: professional.typeId,
      startsAt,
      name,
      email,
      locale: 'en',
    });
    expect(response.statusCode, response.body).toBe(201);
    return { id: response.json<{ id: string }>().id, uid: uidInMail(mailer.lastTo(email)) };
  }

  beforeAll(async () => {
    testApp = await startTestApp({ mailer, clock });
    professionals.push(await setUp('Videosprechstunde'), await setUp('Erstgespräch'));
    calendarApp = await new ApiClient(testApp, {}, '127.9.0.1').init();
  });
  afterAll(async () => testApp.close());

  it('shows the professional’s firm appointments without names, with the mail’s UIDs; cancelled ones and others’ are absent', async () => {
    const [a, b] = professionals as [(typeof professionals)[0], (typeof professionals)[0]];
    const kept = await book(a, monday('08:00'));
    const cancelled = await book(a, monday('09:00'));
    expect((await a.client.post(`/api/appointments/${cancelled.id}/cancel`, {})).statusCode).toBe(200);
    const others = await book(b, monday('08:00'), 'Otto Fremd');

    expect((await a.client.get('/api/calendar-feed')).json()).toEqual({ active: false, createdAt: null, showInitials: false });
    const created = await a.client.post('/api/calendar-feed');
    expect(created.statusCode).toBe(201);
    const { url, webcalUrl } = created.json<{ url: string; webcalUrl: string }>();
    expect(webcalUrl).toBe(url.replace(/^https?:/, 'webcal:'));
    expect((await a.client.get('/api/calendar-feed')).json()).toMatchObject({ active: true, showInitials: false });

    const feed = await calendarApp.get(pathOf(url));
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
    expect(feed.headers['cache-control']).toBe('no-store');
    expect(feed.headers['x-robots-tag']).toBe('noindex');
    expect(feed.headers['set-cookie']).toBeUndefined();
    const events = eventsOf(feed.body);
    expect(events.map((event) => event.uid)).toEqual([kept.uid]);
    expect(events[0]!.summary).toBe('Videosprechstunde, 15 Min.');
    expect(events[0]!.startDate.toJSDate().toISOString()).toBe(monday('08:00'));
    expect(events[0]!.endDate.toJSDate().toISOString()).toBe(monday('08:15'));
    expect(feed.body).not.toMatch(/Paula|Zander|P\. Z\.|@example\.org/);
    expect(feed.body).not.toContain(others.uid);
    expect(feed.body).not.toContain(cancelled.uid);
  });

  it('shows initials only after the professional chose them', async () => {
    const a = professionals[0]!;
    const { url } = (await a.client.post('/api/calendar-feed')).json<{ url: string }>();
    expect((await a.client.put('/api/calendar-feed', { showInitials: true })).json()).toMatchObject({ active: true, showInitials: true });
    const events = eventsOf((await calendarApp.get(pathOf(url))).body);
    expect(events.map((event) => event.summary)).toEqual(['Videosprechstunde, 15 Min. – P. Z.']);
    expect((await a.client.put('/api/calendar-feed', { showInitials: false })).statusCode).toBe(200);
    expect((await calendarApp.get(pathOf(url))).body).not.toContain('P. Z.');
  });

  it('stops answering a replaced or revoked URL at once, with a stable code', async () => {
    const [a, b] = professionals as [(typeof professionals)[0], (typeof professionals)[0]];
    const old = (await a.client.post('/api/calendar-feed')).json<{ url: string }>().url;
    const replaced = (await a.client.post('/api/calendar-feed')).json<{ url: string }>().url;
    const gone = await calendarApp.get(pathOf(old));
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('calendar_feed_unknown');
    expect((await calendarApp.get(pathOf(replaced))).statusCode).toBe(200);

    // Another professional's own feed shows only their appointment, and their revoking leaves A's alone.
    const bUrl = (await b.client.post('/api/calendar-feed')).json<{ url: string }>().url;
    const bFeed = (await calendarApp.get(pathOf(bUrl))).body;
    expect(eventsOf(bFeed).map((event) => event.summary)).toEqual(['Erstgespräch, 15 Min.']);
    expect((await b.client.delete('/api/calendar-feed')).json()).toMatchObject({ active: false });
    expect((await calendarApp.get(pathOf(bUrl))).statusCode).toBe(404);
    expect((await calendarApp.get(pathOf(replaced))).statusCode).toBe(200);

    expect((await a.client.delete('/api/calendar-feed')).statusCode).toBe(200);
    expect((await calendarApp.get(pathOf(replaced))).json().error.code).toBe('calendar_feed_unknown');
    expect((await calendarApp.get('/api/calendar-feed/' + 'x'.repeat(43))).statusCode).toBe(404);
  });
});
