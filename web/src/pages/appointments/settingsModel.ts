import type { HoursInput, HoursView } from '../../api/appointments';

/** Pure logic of the practice's set-up form (issue 10): weekly ranges as "HH:MM" fields and back. */

interface RangeFields {
  start: string;
  end: string;
}

/** Weekday 1 (Monday) … 7 (Sunday) → its ranges, in order. */
export type WeekFields = Record<number, RangeFields[]>;

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export function minutesToTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** "HH:MM" → minutes of the day; "24:00" is the day's end. Undefined when not a time. */
export function timeToMinutes(value: string): number | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(value.trim());
  if (!match) return undefined;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return Number(match[2]) < 60 && minutes <= 24 * 60 ? minutes : undefined;
}

export function weekFieldsOf(hours: Pick<HoursView, 'ranges'>): WeekFields {
  const week: WeekFields = Object.fromEntries(WEEKDAYS.map((weekday) => [weekday, [] as RangeFields[]]));
  for (const range of hours.ranges) week[range.weekday]?.push({ start: minutesToTime(range.startMinute), end: minutesToTime(range.endMinute) });
  return week;
}

export type RangeProblem = { weekday: number; index: number; problem: 'format' | 'order' | 'overlap' };

/** The ranges for the API, or the first problem a person should fix (before anything is sent). */
export function rangesOf(week: WeekFields): { ranges: HoursInput['ranges'] } | { problem: RangeProblem } {
  const ranges: HoursInput['ranges'] = [];
  for (const weekday of WEEKDAYS) {
    const day = (week[weekday] ?? []).map((fields, index) => ({ index, start: timeToMinutes(fields.start), end: timeToMinutes(fields.end) }));
    for (const range of day) {
      if (range.start === undefined || range.end === undefined || range.start % 5 !== 0 || range.end % 5 !== 0)
        return { problem: { weekday, index: range.index, problem: 'format' } };
      if (range.start >= range.end) return { problem: { weekday, index: range.index, problem: 'order' } };
    }
    const sorted = [...day].sort((a, b) => a.start! - b.start!);
    for (let index = 1; index < sorted.length; index += 1) {
      if (sorted[index]!.start! < sorted[index - 1]!.end!) return { problem: { weekday, index: sorted[index]!.index, problem: 'overlap' } };
    }
    for (const range of sorted) ranges.push({ weekday, startMinute: range.start!, endMinute: range.end! });
  }
  return { ranges };
}

/** Durations offered for a type: 5 to 120 minutes in steps of 5. */
export const DURATION_CHOICES = Array.from({ length: 24 }, (_, index) => (index + 1) * 5);
