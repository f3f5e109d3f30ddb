import { onTestFinished, describe, expect, it } from 'vitest';
import { appointmentClaims, appointments } from '../db/schema';
import type { JobRuleName } from '../retention/policy';
import { activeCustomer, ApiClient, ManualClock, MemoryMailer, startTestApp } from '../test-support/app';

/**
 * Appointment data under its rules, each run writing a receipt: the patient's e-mail and phone go
 * once the appointment is over (P-09), bookings never confirmed a day after their hold lapsed, and
 * the record itself 10 years after the appointment (P-17) — each not a second earlier.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const START = '2026-01-15T10:00:00Z';
const MONDAY_0900 = '2026-01-19T08:00:00.000Z';

async function setup() {
  const mailer = new MemoryMailer();
  const clock = new ManualClock(START);
  const testApp = await startTestApp({ mailer, clock });
  onTestFinished(() => testApp.close());
  const { client: practice, email, password } = await activeCustomer(testApp, mailer);
  const professionalId = (await practice.get('/api/profile')).json().id as string;
  await practice.put(`/api/appointments/professionals/${professionalId}/hours`, {
    ranges: [{ weekday: 1, startMinute: 9 * 60, endMinute: 10 * 60 }],
    minimumNoticeMinutes: 0,
  });
  const typeId = (await practice.post('/api/appointment-types', { name: 'Folgetermin', durationMinutes: 30 })).json().id as string;
  await practice.put('/api/booking-page', { slug: 'praxis-frist', enabled: true });
  const run = async (rule: JobRuleName) => {
    const receipt = await testApp.app.retention.runJob(rule);
    if (!receipt) throw new Error(`${rule} did not run`);
    expect(receipt.outcome).toBe('completed');
    return receipt;
  };
  const setTime = (target: Date, offset: number) => clock.advance(target.getTime() + offset - clock.now().getTime());
  const rows = async () => testApp.sealer.openAll('appointments', await testApp.database.db.select().from(appointments));
  return { testApp, practice, email, password, professionalId, typeId, run, setTime, rows, clock };
}

describe('appointment retention', { timeout: 120_000 }, () => {
  it('deletes the patient’s e-mail and phone once the appointment is over, keeps the record, and deletes it 10 years later', async () => {
    const { practice, email, password, professionalId, typeId, run, setTime, rows } = await setup();
    const booked = await practice.post('/api/appointments', {
      professionalId,
      typeId,
      startsAt: MONDAY_0900,
      name: 'Rita Rente',
      email: 'rita@example.org',
      phone: '0171 2345678',
    });
    expect(booked.statusCode).toBe(201);
    const endsAt = new Date(booked.json().endsAt);

    setTime(endsAt, -SECOND);
    expect((await run('appointmentContacts')).rowsDeleted).toBe(0);
    expect((await rows())[0]).toMatchObject({ patientEmail: 'rita@example.org', patientPhone: '+491712345678' });
    setTime(endsAt, SECOND);
    const erased = await run('appointmentContacts');
    expect(erased).toMatchObject({ rowsDeleted: 1, period: 'PT0H' });
    expect((await rows())[0]).toMatchObject({ patientName: 'Rita Rente', patientEmail: null, patientPhone: null, status: 'booked', typeName: 'Folgetermin' });
    expect((await run('appointmentContacts')).rowsDeleted).toBe(0);
    // Nobody came: the practice records it after the start, and the record keeps it.
    expect((await practice.post('/api/session', { email, password })).statusCode).toBe(200);
    const missed = await practice.post(`/api/appointments/${booked.json().id}/no-show`);
    expect(missed.json()).toMatchObject({ status: 'no_show' });
    expect((await rows())[0]?.status).toBe('no_show');

    const tenYears = new Date(endsAt);
    tenYears.setUTCFullYear(tenYears.getUTCFullYear() + 10);
    setTime(tenYears, -SECOND);
    expect((await run('appointments')).rowsDeleted).toBe(0);
    expect(await rows()).toHaveLength(1);
    setTime(tenYears, SECOND);
    expect(await run('appointments')).toMatchObject({ rowsDeleted: 1, period: 'P10Y' });
    expect(await rows()).toEqual([]);
  });

  it('keeps the records restricted when the professional erases the account, and deletes them after their 10 years', async () => {
    const { testApp, practice, email, password, professionalId, typeId, run, setTime, rows, clock } = await setup();
    const past = await practice.post('/api/appointments', {
      professionalId,
      typeId,
      startsAt: MONDAY_0900,
      name: 'Frühere Patientin',
      email: 'frueher@example.org',
    });
    expect(past.statusCode).toBe(201);
    const ahead = await practice.post('/api/appointments', {
      professionalId,
      typeId,
      startsAt: '2026-01-26T08:00:00.000Z',
      name: 'Spätere Patientin',
      email: 'spaeter@example.org',
    });
    expect(ahead.statusCode).toBe(201);
    // A week later, between the two: the login of then has ended, the professional logs in again.
    setTime(new Date(past.json().endsAt), HOUR);
    expect((await practice.post('/api/session', { email, password })).statusCode).toBe(200);

    const erased = await practice.post('/api/privacy/delete-account', { currentPassword: password });
    expect(erased.statusCode).toBe(200);
    const kept = await rows();
    expect(kept).toHaveLength(2);
    for (const row of kept) {
      expect(row).toMatchObject({
        professionalAccountId: null,
        organizationId: null,
        patientEmail: null,
        patientPhone: null,
        restrictedAt: clock.now(),
        professionalName: 'Erika Mustermann',
      });
    }
    expect(kept.find((row) => row.patientName === 'Frühere Patientin')?.status).toBe('booked');
    expect(kept.find((row) => row.patientName === 'Spätere Patientin')?.status).toBe('cancelled');
    expect(await testApp.database.db.select().from(appointmentClaims)).toEqual([]);

    const tenYears = new Date(ahead.json().endsAt);
    tenYears.setUTCFullYear(tenYears.getUTCFullYear() + 10);
    setTime(tenYears, SECOND);
    expect((await run('appointments')).rowsDeleted).toBe(2);
    expect(await rows()).toEqual([]);
  });

  it('deletes a booking never confirmed a day after its hold lapsed, with the patient’s data', async () => {
    const { testApp, professionalId, typeId, run, setTime, rows, clock } = await setup();
    const patient = await new ApiClient(testApp, {}, '127.9.1.1').init();
    const held = await patient.post('/api/book/praxis-frist', {
      professionalId,
      typeId,
      startsAt: MONDAY_0900,
      name: 'Nie Bestätigt',
      email: 'nie@example.org',
      consent: true,
    });
    expect(held.statusCode).toBe(202);
    const lapsesAt = new Date(clock.now().getTime() + 15 * MINUTE);
    setTime(lapsesAt, DAY - SECOND);
    expect((await run('lapsedHolds')).rowsDeleted).toBe(0);
    expect(await rows()).toHaveLength(1);
    setTime(lapsesAt, DAY + SECOND);
    expect((await run('lapsedHolds')).rowsDeleted).toBe(1);
    expect(await rows()).toEqual([]);
  });
});
