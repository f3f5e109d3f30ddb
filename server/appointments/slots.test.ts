import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { claimUnits, freeSlots, isTimeZone, nextFreeSlots, slotProblem, wallToInstant, type Interval, type SlotRules } from './slots';

/**
 * What a patient sees on the booking page, computed from the practice's rules: the slot times
 * (in UTC here, so that a wrong offset shows) and why a chosen start is refused.
 */

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const berlin = 'Europe/Berlin';

function rules(overrides: Partial<SlotRules> = {}): SlotRules {
  return {
    timeZone: berlin,
    ranges: [{ weekday: 1, startMinute: 9 * 60, endMinute: 12 * 60 }],
    durationMinutes: 30,
    bufferMinutes: 0,
    minimumNoticeMinutes: 0,
    horizonDays: 56,
    absences: [],
    busy: [],
    ...overrides,
  };
}

const iso = (slots: Interval[]) => slots.map((slot) => slot.startsAt.toISOString().slice(0, 16));
const at = (text: string) => new Date(text);
const interval = (from: string, to: string): Interval => ({ startsAt: at(from), endsAt: at(to) });
/** The local wall time a patient in Berlin reads for each slot. */
const berlinTimes = (slots: Interval[]) =>
  slots.map((slot) => slot.startsAt.toLocaleTimeString('de-DE', { timeZone: berlin, hour: '2-digit', minute: '2-digit' }));

// Friday 16 January 2026, 10:00 UTC; Monday 19 January is the next Monday (winter time, UTC+1).
const friday = '2026-01-16T10:00:00Z';
const monday = { from: at('2026-01-19T00:00:00Z'), to: at('2026-01-20T00:00:00Z') };

describe('free slots from weekly hours', () => {
  it('offers the hours of a Monday in Berlin winter time, one slot after the other', () => {
    const clock = new ManualClock(friday);
    const slots = freeSlots(rules(), clock.now(), monday.from, monday.to);
    expect(berlinTimes(slots)).toEqual(['09:00', '09:30', '10:00', '10:30', '11:00', '11:30']);
    expect(iso(slots)[0]).toBe('2026-01-19T08:00');
    expect(slots[0]!.endsAt.toISOString()).toBe('2026-01-19T08:30:00.000Z');
  });

  it('offers several ranges a day and nothing on days without hours', () => {
    const clock = new ManualClock(friday);
    const ranges = [
      { weekday: 1, startMinute: 9 * 60, endMinute: 10 * 60 },
      { weekday: 1, startMinute: 14 * 60, endMinute: 15 * 60 },
    ];
    expect(berlinTimes(freeSlots(rules({ ranges }), clock.now(), monday.from, monday.to))).toEqual(['09:00', '09:30', '14:00', '14:30']);
    expect(freeSlots(rules({ ranges }), clock.now(), at('2026-01-20T00:00:00Z'), at('2026-01-25T00:00:00Z'))).toEqual([]);
  });

  it('offers a start only once when two ranges of a day overlap', () => {
    const ranges = [
      { weekday: 1, startMinute: 9 * 60, endMinute: 10 * 60 },
      { weekday: 1, startMinute: 9 * 60, endMinute: 10 * 60 + 30 },
    ];
    expect(berlinTimes(freeSlots(rules({ ranges }), at(friday), monday.from, monday.to))).toEqual(['09:00', '09:30', '10:00']);
  });

  it('keeps the buffer free after each slot and drops a slot that would end after the hours', () => {
    const slots = freeSlots(rules({ bufferMinutes: 10 }), at(friday), monday.from, monday.to);
    expect(berlinTimes(slots)).toEqual(['09:00', '09:40', '10:20', '11:00']);
    const short = freeSlots(rules({ durationMinutes: 45 }), at(friday), monday.from, monday.to);
    expect(berlinTimes(short)).toEqual(['09:00', '09:45', '10:30', '11:15']);
  });

  it('hides what an existing booking and its buffer occupy, whatever its duration, and continues right after it', () => {
    // A 35-minute appointment at 09:20 local with a 5-minute buffer occupies 08:20–09:00 UTC.
    const busy = [interval('2026-01-19T08:20:00Z', '2026-01-19T09:00:00Z')];
    const fifteen = freeSlots(rules({ durationMinutes: 15, busy }), at(friday), monday.from, monday.to);
    expect(berlinTimes(fifteen)).toEqual(['09:00', '10:00', '10:15', '10:30', '10:45', '11:00', '11:15', '11:30', '11:45']);
    // With a buffer of its own, the 09:00 slot would run into the booking: not offered.
    const buffered = freeSlots(rules({ durationMinutes: 15, bufferMinutes: 10, busy }), at(friday), monday.from, monday.to);
    // The buffer after the day's last slot may run past the hours: nothing follows it.
    expect(berlinTimes(buffered)).toEqual(['10:00', '10:25', '10:50', '11:15', '11:40']);
  });

  it('hides slots during an absence, including one that starts before and one that reaches into it', () => {
    const absences = [interval('2026-01-19T08:45:00Z', '2026-01-19T10:00:00Z')];
    expect(berlinTimes(freeSlots(rules({ absences }), at(friday), monday.from, monday.to))).toEqual(['09:00', '11:00', '11:30']);
    const wholeDay = [interval('2026-01-18T23:00:00Z', '2026-01-19T23:00:00Z')];
    expect(freeSlots(rules({ absences: wholeDay }), at(friday), monday.from, monday.to)).toEqual([]);
  });

  it('respects the minimum notice and moves with the clock', () => {
    // Monday 08:40 local: with two hours' notice the first slot is 11:00.
    const clock = new ManualClock('2026-01-19T07:40:00Z');
    const early = freeSlots(rules({ minimumNoticeMinutes: 120 }), clock.now(), monday.from, monday.to);
    expect(berlinTimes(early)).toEqual(['11:00', '11:30']);
    clock.advance(30 * 60 * 1000);
    expect(berlinTimes(freeSlots(rules({ minimumNoticeMinutes: 120 }), clock.now(), monday.from, monday.to))).toEqual(['11:30']);
  });

  it('offers nothing beyond the booking horizon', () => {
    const clock = new ManualClock(friday);
    const horizon = rules({ horizonDays: 10 });
    const slots = freeSlots(horizon, clock.now(), clock.now(), new Date(clock.now().getTime() + 30 * DAY));
    // Mondays 19 and 26 January lie within 10 days of Friday 16 January; 2 February does not.
    expect([...new Set(iso(slots).map((text) => text.slice(0, 10)))]).toEqual(['2026-01-19', '2026-01-26']);
  });
});

describe('daylight-saving changes in Europe/Berlin', () => {
  it('the last Sunday of March: a range across 02:00 is an hour shorter, and later hours are in summer time', () => {
    const clock = new ManualClock('2026-03-27T12:00:00Z');
    const sunday = { weekday: 7, startMinute: 60, endMinute: 4 * 60 };
    const morning = { weekday: 7, startMinute: 9 * 60, endMinute: 10 * 60 };
    const saturday = { weekday: 6, startMinute: 9 * 60, endMinute: 10 * 60 };
    const slots = freeSlots(rules({ ranges: [sunday, morning, saturday] }), clock.now(), at('2026-03-28T00:00:00Z'), at('2026-03-30T00:00:00Z'));
    expect(berlinTimes(slots)).toEqual(['09:00', '09:30', '01:00', '01:30', '03:00', '03:30', '09:00', '09:30']);
    expect(iso(slots)).toEqual([
      '2026-03-28T08:00',
      '2026-03-28T08:30',
      '2026-03-29T00:00',
      '2026-03-29T00:30',
      '2026-03-29T01:00',
      '2026-03-29T01:30',
      '2026-03-29T07:00',
      '2026-03-29T07:30',
    ]);
  });

  it('the last Sunday of October: a range across 03:00 is an hour longer and 02:00 comes twice', () => {
    const clock = new ManualClock('2026-10-23T12:00:00Z');
    const sunday = { weekday: 7, startMinute: 60, endMinute: 4 * 60 };
    const morning = { weekday: 7, startMinute: 9 * 60, endMinute: 10 * 60 };
    const slots = freeSlots(rules({ ranges: [sunday, morning], durationMinutes: 60 }), clock.now(), at('2026-10-24T00:00:00Z'), at('2026-10-26T00:00:00Z'));
    expect(berlinTimes(slots)).toEqual(['01:00', '02:00', '02:00', '03:00', '09:00']);
    expect(iso(slots)).toEqual(['2026-10-24T23:00', '2026-10-25T00:00', '2026-10-25T01:00', '2026-10-25T02:00', '2026-10-25T08:00']);
  });

  it('a range that starts in the skipped hour starts when the clock reads the same minutes an hour later', () => {
    expect(wallToInstant({ year: 2026, month: 3, day: 29 }, 2 * 60 + 30, berlin).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(wallToInstant({ year: 2026, month: 10, day: 25 }, 2 * 60 + 30, berlin).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    const ranges = [{ weekday: 7, startMinute: 2 * 60 + 30, endMinute: 4 * 60 }];
    const slots = freeSlots(rules({ ranges }), at('2026-03-27T12:00:00Z'), at('2026-03-29T00:00:00Z'), at('2026-03-30T00:00:00Z'));
    expect(berlinTimes(slots)).toEqual(['03:30']);
  });

  it('a weekly Monday 09:00 stays 09:00 on the wall while the clock moves across both changes', () => {
    const clock = new ManualClock('2026-03-20T12:00:00Z');
    const weeks = (from: Date) => freeSlots(rules({ durationMinutes: 180 }), clock.now(), from, new Date(from.getTime() + 14 * DAY));
    expect(iso(weeks(clock.now()))).toEqual(['2026-03-23T08:00', '2026-03-30T07:00']);
    clock.advance(210 * DAY);
    expect(iso(weeks(clock.now()))).toEqual(['2026-10-19T07:00', '2026-10-26T08:00']);
  });

  it('shows the practice’s hours in other zones too (a practice in New York, US changes on other Sundays)', () => {
    const newYork = rules({ timeZone: 'America/New_York', durationMinutes: 180 });
    const slots = freeSlots(newYork, at('2026-03-01T12:00:00Z'), at('2026-03-02T00:00:00Z'), at('2026-03-17T00:00:00Z'));
    expect(iso(slots)).toEqual(['2026-03-02T14:00', '2026-03-09T13:00', '2026-03-16T13:00']);
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});

describe('why a chosen start is refused', () => {
  const now = at(friday);
  it('names each reason', () => {
    const base = rules({
      minimumNoticeMinutes: 60,
      horizonDays: 14,
      absences: [interval('2026-01-26T08:00:00Z', '2026-01-26T11:00:00Z')],
      busy: [interval('2026-01-19T09:00:00Z', '2026-01-19T09:30:00Z')],
    });
    expect(slotProblem(at('2026-01-19T08:00:00Z'), base, now)).toBeUndefined();
    expect(slotProblem(at('2026-01-19T08:03:00Z'), base, now)).toBe('misaligned');
    expect(slotProblem(at('2026-01-16T09:00:00Z'), base, now)).toBe('in_past');
    expect(slotProblem(at('2026-01-16T10:30:00Z'), base, now)).toBe('short_notice');
    expect(slotProblem(at('2026-02-02T08:00:00Z'), base, now)).toBe('beyond_horizon');
    expect(slotProblem(at('2026-01-19T07:30:00Z'), base, now)).toBe('outside_hours');
    expect(slotProblem(at('2026-01-19T10:45:00Z'), base, now)).toBe('outside_hours');
    expect(slotProblem(at('2026-01-20T08:00:00Z'), base, now)).toBe('outside_hours');
    expect(slotProblem(at('2026-01-26T08:00:00Z'), base, now)).toBe('absent');
    expect(slotProblem(at('2026-01-19T08:45:00Z'), base, now)).toBe('taken');
    expect(slotProblem(at('2026-01-19T09:30:00Z'), base, now)).toBeUndefined();
  });

  it('claims one 5-minute unit per minute of the appointment and its buffer', () => {
    const units = claimUnits(at('2026-01-19T08:00:00Z'), 15, 10);
    expect(units.map((unit) => unit.toISOString().slice(11, 16))).toEqual(['08:00', '08:05', '08:10', '08:15', '08:20']);
  });

  it('offers the next free slots after a taken one, across days', () => {
    const busy = [interval('2026-01-19T08:00:00Z', '2026-01-19T11:00:00Z')];
    const next = nextFreeSlots(rules({ busy }), now, at('2026-01-19T08:00:00Z'), 3);
    expect(iso(next)).toEqual(['2026-01-26T08:00', '2026-01-26T08:30', '2026-01-26T09:00']);
  });
});
