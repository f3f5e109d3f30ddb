import { tzOffset } from '@date-fns/tz';

/**
 * Free slots of one professional for one appointment type: pure, so that hours, buffers, absences,
 * notice, horizon, existing bookings and daylight-saving changes can be tested at their boundaries.
 *
 * Weekly hours are wall-clock minutes in the practice's zone; everything else is an instant. A range
 * is turned into the instants of its start and end on each local day and walked in real minutes, so
 * a range across the spring change is an hour shorter and one across the autumn change an hour longer,
 * as the clock on the practice's wall says. A wall time that does not exist (02:30 on the last Sunday
 * of March in Berlin) means the instant an hour later by the clock (03:30), one that exists twice
 * (02:30 in October) its first occurrence — the "compatible" choice of JavaScript's Temporal.
 */

export const UNIT_MINUTES = 5;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

interface WeeklyRange {
  /** ISO weekday, 1 Monday … 7 Sunday. */
  weekday: number;
  startMinute: number;
  /** Exclusive, up to 1440 (the next midnight). */
  endMinute: number;
}

export interface Interval {
  startsAt: Date;
  endsAt: Date;
}

export interface SlotRules {
  timeZone: string;
  ranges: readonly WeeklyRange[];
  durationMinutes: number;
  /** Kept free after each appointment: a slot needs its own buffer free too. */
  bufferMinutes: number;
  minimumNoticeMinutes: number;
  horizonDays: number;
  absences: readonly Interval[];
  /** What existing appointments occupy, each with its buffer (their claims). */
  busy: readonly Interval[];
}

export type SlotProblem = 'misaligned' | 'in_past' | 'short_notice' | 'beyond_horizon' | 'outside_hours' | 'absent' | 'taken';

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

interface LocalDay {
  year: number;
  month: number;
  day: number;
}

/** The local calendar day of an instant in a zone. */
export function localDayOf(instant: Date, timeZone: string): LocalDay {
  const shifted = new Date(instant.getTime() + tzOffset(timeZone, instant) * MINUTE);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

function addDays(day: LocalDay, days: number): LocalDay {
  const date = new Date(Date.UTC(day.year, day.month - 1, day.day + days));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function isoWeekday(day: LocalDay): number {
  const weekday = new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** The instant of a wall-clock minute of a local day (see the file comment for gaps and repeats). */
export function wallToInstant(day: LocalDay, minute: number, timeZone: string): Date {
  const wall = Date.UTC(day.year, day.month - 1, day.day) + minute * MINUTE;
  const before = tzOffset(timeZone, new Date(wall - DAY));
  const after = tzOffset(timeZone, new Date(wall + DAY));
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset * MINUTE)
    .filter((instant) => tzOffset(timeZone, new Date(instant)) * MINUTE === wall - instant)
    .sort((a, b) => a - b);
  // No candidate: the wall time falls in a gap; the offset before it moves it forward by the gap.
  return new Date(candidates[0] ?? wall - before * MINUTE);
}

function overlaps(startsAt: number, endsAt: number, intervals: readonly Interval[]): boolean {
  return intervals.some((interval) => startsAt < interval.endsAt.getTime() && interval.startsAt.getTime() < endsAt);
}

/** The 5-minute units an appointment occupies with its buffer: what its claims hold. */
export function claimUnits(startsAt: Date, durationMinutes: number, bufferMinutes: number): Date[] {
  const units: Date[] = [];
  for (let minute = 0; minute < durationMinutes + bufferMinutes; minute += UNIT_MINUTES) {
    units.push(new Date(startsAt.getTime() + minute * MINUTE));
  }
  return units;
}

/** The real-time extent of each weekly range on the local days that touch [from, to). */
function openings(rules: SlotRules, from: Date, to: Date): Interval[] {
  const result: Interval[] = [];
  // A day earlier and later than the instants' own days: a range's local day may start before `from`.
  for (let day = addDays(localDayOf(from, rules.timeZone), -1); ; day = addDays(day, 1)) {
    const dayStart = wallToInstant(day, 0, rules.timeZone);
    if (dayStart.getTime() >= to.getTime()) break;
    const weekday = isoWeekday(day);
    for (const range of rules.ranges) {
      if (range.weekday !== weekday) continue;
      result.push({ startsAt: wallToInstant(day, range.startMinute, rules.timeZone), endsAt: wallToInstant(day, range.endMinute, rules.timeZone) });
    }
  }
  return result.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/** Why a start cannot be booked at `now` (a start between offered slots only needs to fit the hours). */
export function slotProblem(startsAt: Date, rules: SlotRules, now: Date): SlotProblem | undefined {
  const start = startsAt.getTime();
  const end = start + rules.durationMinutes * MINUTE;
  const timing = timingProblem(start, rules, now);
  if (timing) return timing;
  const inHours = openings(rules, startsAt, new Date(end)).some((opening) => opening.startsAt.getTime() <= start && end <= opening.endsAt.getTime());
  if (!inHours) return 'outside_hours';
  return occupancyProblem(start, end, rules);
}

function timingProblem(start: number, rules: SlotRules, now: Date): SlotProblem | undefined {
  if (start % (UNIT_MINUTES * MINUTE) !== 0) return 'misaligned';
  if (start < now.getTime()) return 'in_past';
  if (start < now.getTime() + rules.minimumNoticeMinutes * MINUTE) return 'short_notice';
  if (start >= now.getTime() + rules.horizonDays * DAY) return 'beyond_horizon';
  return undefined;
}

function occupancyProblem(start: number, end: number, rules: SlotRules): SlotProblem | undefined {
  if (overlaps(start, end, rules.absences)) return 'absent';
  if (overlaps(start, end + rules.bufferMinutes * MINUTE, rules.busy)) return 'taken';
  return undefined;
}

/**
 * Offered slots starting in [from, to): from each range's start, one after the other (duration plus
 * buffer apart); where a booking is in the way, the next candidate starts right after its claims, so
 * an appointment booked at an odd time leaves no unusable gap behind it.
 */
export function freeSlots(rules: SlotRules, now: Date, from: Date, to: Date): Interval[] {
  const slots: Interval[] = [];
  const duration = rules.durationMinutes * MINUTE;
  const step = duration + rules.bufferMinutes * MINUTE;
  const busy = [...rules.busy].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  for (const opening of openings(rules, from, to)) {
    let start = opening.startsAt.getTime();
    while (start + duration <= opening.endsAt.getTime() && start < to.getTime()) {
      const blocker = busy.find((interval) => start < interval.endsAt.getTime() && interval.startsAt.getTime() < start + step);
      if (blocker) {
        start = Math.max(start + UNIT_MINUTES * MINUTE, blocker.endsAt.getTime());
        continue;
      }
      // Inside its opening by construction: the hours need no second look, which would turn the
      // range's wall-clock times into instants again for every candidate (the time-zone lookups were
      // nearly all of a week's search).
      if (start >= from.getTime() && !timingProblem(start, rules, now) && !occupancyProblem(start, start + duration, rules)) {
        slots.push({ startsAt: new Date(start), endsAt: new Date(start + duration) });
      }
      start += step;
    }
  }
  return dedupe(slots);
}

/** Two ranges of one day that touch or overlap may offer the same start twice. */
function dedupe(slots: Interval[]): Interval[] {
  const seen = new Set<number>();
  return slots
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
    .filter((slot) => !seen.has(slot.startsAt.getTime()) && seen.add(slot.startsAt.getTime()));
}

/** The next `count` free slots from `after` on, for a 409 that offers alternatives. */
export function nextFreeSlots(rules: SlotRules, now: Date, after: Date, count: number): Interval[] {
  const horizonEnd = new Date(now.getTime() + rules.horizonDays * DAY);
  const found: Interval[] = [];
  // A week at a time, so a busy practice is not searched to the horizon for three slots.
  for (let from = after; from < horizonEnd && found.length < count; from = new Date(from.getTime() + 7 * DAY)) {
    const to = new Date(Math.min(from.getTime() + 7 * DAY, horizonEnd.getTime()));
    found.push(...freeSlots(rules, now, from, to));
  }
  return found.slice(0, count);
}
