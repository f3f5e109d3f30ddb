import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailMessage } from '../notify/mailer';
import { activeCustomer, ApiClient, ManualClock, MemoryMailer, startTestApp, type TestApp } from '../test-support/app';
import { openTestDatabase } from '../test-support/database';

/**
 * Reminders a day and an hour before (issue 10), with two server processes on one database and a
 * clock the test moves: each reminder reaches the patient exactly once, carries the link from the
 * confirmation, and one missed while no server ran is sent while still useful, else dropped and counted.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const MONDAY_0900 = new Date('2026-01-19T08:00:00.000Z');
const NEXT_MONDAY_0900 = new Date('2026-01-26T08:00:00.000Z');
const FEBRUARY_2_0900 = new Date('2026-02-02T08:00:00.000Z');
const FEBRUARY_9_0900 = new Date('2026-02-09T08:00:00.000Z');

describe('appointment reminders', { timeout: 120_000 }, () => {
  const clock = new ManualClock('2026-01-15T10:00:00Z');
  const mailers = [new MemoryMailer(), new MemoryMailer()];
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let here: TestApp;
  let there: TestApp;
  let practice: ApiClient;
  let login: { email: string; password: string };
  let professionalId: string;
  let typeId: string;

  const mailsTo = (address: string): MailMessage[] => mailers.flatMap((mailer) => mailer.sent.filter((message) => message.to === address));
  const reminders = (address: string) => mailsTo(address).filter((message) => message.subject.startsWith('Erinnerung'));
  const linksIn = (message: MailMessage | undefined) => message?.text.match(/https?:\/\/\S+/g) ?? [];
  const setTime = (target: Date) => clock.advance(target.getTime() - clock.now().getTime());
  /** Both processes at once, as their crons would fire. */
  const bothRun = async () => (await Promise.all([here.app.reminders.runOnce(), there.app.reminders.runOnce()])).filter((run) => run !== undefined);

  async function loggedIn() {
    if ((await practice.get('/api/profile')).statusCode === 401) await practice.post('/api/session', login);
  }

  async function chooseReminders(reminders: string[]) {
    await loggedIn();
    const response = await practice.put(`/api/appointments/professionals/${professionalId}/hours`, {
      ranges: [{ weekday: 1, startMinute: 9 * 60, endMinute: 10 * 60 }],
      minimumNoticeMinutes: 0,
      reminders,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().reminders).toEqual(reminders);
  }

  async function book(startsAt: Date, email: string) {
    await loggedIn();
    const response = await practice.post('/api/appointments', { professionalId, typeId, startsAt: startsAt.toISOString(), name: 'Rosa Erinnert', email });
    expect(response.statusCode).toBe(201);
  }

  beforeAll(async () => {
    database = await openTestDatabase();
    here = await startTestApp({ database, clock, mailer: mailers[0] });
    there = await startTestApp({ database, clock, mailer: mailers[1] });
    const customer = await activeCustomer(here, mailers[0]!);
    practice = customer.client;
    login = { email: customer.email, password: customer.password };
    professionalId = (await practice.get('/api/profile')).json().id;
    await practice.put(`/api/appointments/professionals/${professionalId}/hours`, {
      ranges: [{ weekday: 1, startMinute: 9 * 60, endMinute: 10 * 60 }],
      minimumNoticeMinutes: 0,
    });
    typeId = (await practice.post('/api/appointment-types', { name: 'Kontrolle', durationMinutes: 30 })).json().id;
  });
  afterAll(async () => {
    await here?.close();
    await there?.close();
    await database?.close();
  });

  it('sends the day and the hour reminder once each, from either process, with the link of the confirmation', async () => {
    const email = 'rosa.once@example.org';
    await book(MONDAY_0900, email);
    const [joinLink] = linksIn(mailsTo(email).at(-1));

    setTime(new Date(MONDAY_0900.getTime() - 24 * HOUR - MINUTE));
    await bothRun();
    expect(reminders(email)).toEqual([]);

    setTime(new Date(MONDAY_0900.getTime() - 24 * HOUR + MINUTE));
    const runs = await bothRun();
    expect(runs.reduce((sum, run) => sum + run.sent, 0)).toBe(1);
    await bothRun();
    expect(reminders(email).map((message) => message.subject)).toEqual(['Erinnerung: Ihr Videotermin morgen']);
    const [dayJoin, dayCancel] = linksIn(reminders(email)[0]);
    expect(dayJoin).toBe(joinLink);
    expect(dayCancel).toMatch(/\/book\/manage#/);

    setTime(new Date(MONDAY_0900.getTime() - HOUR + MINUTE));
    await Promise.all([bothRun(), bothRun()]);
    // Each process has its own mailer: the two reminders may have gone out through either.
    expect(
      reminders(email)
        .map((message) => message.subject)
        .sort(),
    ).toEqual(['Erinnerung: Ihr Videotermin in einer Stunde', 'Erinnerung: Ihr Videotermin morgen']);
    const hourReminder = reminders(email).find((message) => message.subject.endsWith('in einer Stunde'));
    expect(linksIn(hourReminder)[0]).toBe(joinLink);
    expect(hourReminder?.text).toContain('Kontrolle');
    // The newest message's cancel link works; the earlier one was replaced.
    const patient = await new ApiClient(here, {}, '127.9.2.1').init();
    expect((await patient.post('/api/book/manage', { token: new URL(dayCancel!).hash.slice(1) })).statusCode).toBe(410);
    expect((await patient.post('/api/book/manage', { token: new URL(linksIn(hourReminder)[1]!).hash.slice(1) })).statusCode).toBe(200);
  });

  it('after downtime sends what is still useful, drops and counts the rest, and skips reminders for late bookings', async () => {
    const email = 'rosa.missed@example.org';
    await book(NEXT_MONDAY_0900, email);
    // No server ran from Thursday to a quarter of an hour before the start.
    setTime(new Date(NEXT_MONDAY_0900.getTime() - 15 * MINUTE));
    const late = 'rosa.late@example.org';
    await book(new Date(NEXT_MONDAY_0900.getTime() + 30 * MINUTE), late);
    const [run] = await bothRun();
    // Missed: the day reminder is dropped, the hour reminder goes; the late booking needs neither.
    expect(run).toEqual({ sent: 1, dropped: 1, skipped: 2 });
    expect(reminders(email).map((message) => message.subject)).toEqual(['Erinnerung: Ihr Videotermin in einer Stunde']);
    expect(reminders(late)).toEqual([]);
    expect(await bothRun()).toEqual([{ sent: 0, dropped: 0, skipped: 0 }]);
  });

  it('sends the reminders the practice chose, and a change applies to reminders still ahead', async () => {
    const subjects = (address: string) => reminders(address).map((message) => message.subject);
    await chooseReminders(['two_days', 'three_hours']);
    const first = 'rosa.chosen@example.org';
    const second = 'rosa.changed@example.org';
    await book(FEBRUARY_2_0900, first);
    await book(FEBRUARY_9_0900, second);

    for (const [before, expected] of [
      [48 * HOUR, ['Erinnerung: Ihr Videotermin übermorgen']],
      [24 * HOUR, ['Erinnerung: Ihr Videotermin übermorgen']],
      [3 * HOUR, ['Erinnerung: Ihr Videotermin übermorgen', 'Erinnerung: Ihr Videotermin in drei Stunden']],
      [HOUR, ['Erinnerung: Ihr Videotermin übermorgen', 'Erinnerung: Ihr Videotermin in drei Stunden']],
    ] as const) {
      setTime(new Date(FEBRUARY_2_0900.getTime() - before + MINUTE));
      await bothRun();
      await bothRun();
      expect(subjects(first).sort()).toEqual([...expected].sort());
    }

    // The practice now wants only the hour reminder: the second appointment's 48-hour one is not sent.
    await chooseReminders(['hour']);
    for (const before of [48 * HOUR, 3 * HOUR]) {
      setTime(new Date(FEBRUARY_9_0900.getTime() - before + MINUTE));
      await bothRun();
      expect(subjects(second)).toEqual([]);
    }
    setTime(new Date(FEBRUARY_9_0900.getTime() - HOUR + MINUTE));
    await bothRun();
    await bothRun();
    expect(subjects(second)).toEqual(['Erinnerung: Ihr Videotermin in einer Stunde']);

    // No reminders at all is a choice too.
    await chooseReminders([]);
  });
});
