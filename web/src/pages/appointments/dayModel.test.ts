import { describe, expect, it } from 'vitest';
import type { AppointmentView } from '../../api/appointments';
import { actionsFor, addDays, groupByDay, localDayOf, wallToInstant, weekStart } from './dayModel';

const appointment = (startsAt: string, minutes: number, overrides: Partial<AppointmentView> = {}): AppointmentView => ({
  id: '00000000-0000-4000-8000-000000000001',
  professionalId: '00000000-0000-4000-8000-000000000002',
  typeName: 'Follow-up',
  startsAt,
  endsAt: new Date(new Date(startsAt).getTime() + minutes * 60_000).toISOString(),
  status: 'booked',
  patientName: 'Paula',
  bookedBy: 'patient',
  consultationId: '00000000-0000-4000-8000-000000000003',
  ...overrides,
});

describe('local days of the practice', () => {
  it('finds the start of a Berlin day in winter, in summer and across the change to summer time', () => {
    expect(wallToInstant('2026-01-19', 0, 'Europe/Berlin').toISOString()).toBe('2026-01-18T23:00:00.000Z');
    expect(wallToInstant('2026-07-01', 0, 'Europe/Berlin').toISOString()).toBe('2026-06-30T22:00:00.000Z');
    // The last Sunday of March: 03:00 is the first hour after the change.
    expect(wallToInstant('2026-03-29', 3 * 60, 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(wallToInstant('2026-03-29', 0, 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z');
  });

  it('steps days and finds the Monday of a week', () => {
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(weekStart('2026-01-15')).toBe('2026-01-12');
    expect(weekStart('2026-01-18')).toBe('2026-01-12');
    expect(weekStart('2026-01-19')).toBe('2026-01-19');
    expect(localDayOf(new Date('2026-01-18T23:30:00Z'), 'Europe/Berlin')).toBe('2026-01-19');
  });

  it('groups a week by local day, keeping empty days and sorting each by time', () => {
    const late = appointment('2026-01-19T10:00:00Z', 30);
    const early = appointment('2026-01-19T08:00:00Z', 30);
    const sundayNight = appointment('2026-01-18T23:30:00Z', 15); // Monday 00:30 in Berlin
    const groups = groupByDay([late, early, sundayNight], '2026-01-19', 7, 'Europe/Berlin');
    expect(groups).toHaveLength(7);
    expect(groups[0]?.appointments.map((item) => item.startsAt)).toEqual([sundayNight.startsAt, early.startsAt, late.startsAt]);
    expect(groups.slice(1).every((group) => group.appointments.length === 0)).toBe(true);
  });
});

describe('what the practice can do with an appointment', () => {
  const booked = appointment('2026-01-19T08:00:00Z', 30);
  it('before the link opens: move or cancel, not start or no-show', () => {
    expect(actionsFor(booked, new Date('2026-01-19T07:40:00Z'))).toEqual({ start: false, noShow: false, cancel: true, move: true });
  });
  it('once the patient may wait: start', () => {
    expect(actionsFor(booked, new Date('2026-01-19T07:50:00Z'))).toMatchObject({ start: true, noShow: false });
  });
  it('after the start: no-show, no move', () => {
    expect(actionsFor(booked, new Date('2026-01-19T08:05:00Z'))).toEqual({ start: true, noShow: true, cancel: true, move: false });
  });
  it('nothing for a cancelled or missed one', () => {
    for (const status of ['cancelled', 'no_show'] as const) {
      expect(actionsFor({ ...booked, status }, new Date('2026-01-19T07:00:00Z'))).toEqual({ start: false, noShow: false, cancel: false, move: false });
    }
  });
});
