import type { AppointmentView } from '../../api/appointments';

/**
 * Pure logic of the practice's day and week (issue 10): local days in the practice's zone, the
 * appointments grouped by day, and what can be done with each at a given moment.
 */

const MINUTE = 60_000;
/** The invitation opens this long before the start (LINK_OPENS_MINUTES_BEFORE on the server). */
const OPENS_BEFORE_MINUTES = 10;

export type LocalDay = string; // YYYY-MM-DD

/** The local day of an instant in a zone. */
export function localDayOf(instant: Date, timeZone: string): LocalDay {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

export function addDays(day: LocalDay, days: number): LocalDay {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

/** Monday of the ISO week the day lies in. */
export function weekStart(day: LocalDay): LocalDay {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const weekday = (new Date(Date.UTC(year, month - 1, date)).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

function offsetMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(instant);
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const wall = Date.UTC(value('year'), value('month') - 1, value('day'), value('hour'), value('minute'));
  return Math.round((wall - Math.floor(instant.getTime() / MINUTE) * MINUTE) / MINUTE);
}

/** A wall-clock time of a local day in the zone as an instant (right across daylight-saving changes). */
export function wallToInstant(day: LocalDay, minuteOfDay: number, timeZone: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(year, month - 1, date) + minuteOfDay * MINUTE;
  const first = wall - offsetMinutes(new Date(wall), timeZone) * MINUTE;
  return new Date(wall - offsetMinutes(new Date(first), timeZone) * MINUTE);
}

/** The appointments of each local day from `from` for `days` days; empty days are kept (a week shows them). */
export function groupByDay(
  appointments: readonly AppointmentView[],
  from: LocalDay,
  days: number,
  timeZone: string,
): { day: LocalDay; appointments: AppointmentView[] }[] {
  const groups = Array.from({ length: days }, (_, index) => ({ day: addDays(from, index), appointments: [] as AppointmentView[] }));
  for (const appointment of [...appointments].sort((a, b) => a.startsAt.localeCompare(b.startsAt))) {
    groups.find((group) => group.day === localDayOf(new Date(appointment.startsAt), timeZone))?.appointments.push(appointment);
  }
  return groups;
}

export interface AppointmentActions {
  /** Open the consultation (the waiting room): from the moment the link opens. */
  start: boolean;
  noShow: boolean;
  cancel: boolean;
  move: boolean;
}

export function actionsFor(appointment: AppointmentView, now: Date): AppointmentActions {
  const startsAt = new Date(appointment.startsAt).getTime();
  const endsAt = new Date(appointment.endsAt).getTime();
  const booked = appointment.status === 'booked';
  return {
    start: booked && appointment.consultationId !== null && now.getTime() >= startsAt - OPENS_BEFORE_MINUTES * MINUTE,
    noShow: booked && now.getTime() >= startsAt,
    cancel: (booked || appointment.status === 'requested' || appointment.status === 'held') && now.getTime() < endsAt,
    move: booked && now.getTime() < startsAt,
  };
}

/** A `datetime-local` value (the browser's wall clock) as an ISO instant; undefined when incomplete. */
export function localInputToIso(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
