import { describe, expect, it } from 'vitest';
import { DURATION_CHOICES, minutesToTime, rangesOf, timeToMinutes, weekFieldsOf } from './settingsModel';

describe('weekly hours as form fields', () => {
  it('turns minutes into times and back, with 24:00 as the end of the day', () => {
    expect(minutesToTime(540)).toBe('09:00');
    expect(minutesToTime(1440)).toBe('24:00');
    expect(timeToMinutes('9:30')).toBe(570);
    expect(timeToMinutes('24:00')).toBe(1440);
    expect(timeToMinutes('12:60')).toBeUndefined();
    expect(timeToMinutes('noon')).toBeUndefined();
  });

  it('keeps several ranges a day and gives them back sorted', () => {
    const week = weekFieldsOf({
      ranges: [
        { weekday: 1, startMinute: 540, endMinute: 720 },
        { weekday: 1, startMinute: 840, endMinute: 1020 },
      ],
    });
    expect(week[1]).toEqual([
      { start: '09:00', end: '12:00' },
      { start: '14:00', end: '17:00' },
    ]);
    expect(week[2]).toEqual([]);
    week[1] = [week[1]![1]!, week[1]![0]!];
    expect(rangesOf(week)).toEqual({
      ranges: [
        { weekday: 1, startMinute: 540, endMinute: 720 },
        { weekday: 1, startMinute: 840, endMinute: 1020 },
      ],
    });
  });

  it('names the range to fix: not a time, end before start, overlapping', () => {
    const week = weekFieldsOf({ ranges: [] });
    week[3] = [{ start: '9', end: '10:00' }];
    expect(rangesOf(week)).toEqual({ problem: { weekday: 3, index: 0, problem: 'format' } });
    week[3] = [{ start: '10:00', end: '09:00' }];
    expect(rangesOf(week)).toEqual({ problem: { weekday: 3, index: 0, problem: 'order' } });
    week[3] = [
      { start: '09:00', end: '11:00' },
      { start: '10:30', end: '12:00' },
    ];
    expect(rangesOf(week)).toEqual({ problem: { weekday: 3, index: 1, problem: 'overlap' } });
    week[3] = [{ start: '09:02', end: '11:00' }];
    expect(rangesOf(week)).toEqual({ problem: { weekday: 3, index: 0, problem: 'format' } });
  });

  it('offers durations from 5 to 120 minutes', () => {
    expect(DURATION_CHOICES[0]).toBe(5);
    expect(DURATION_CHOICES.at(-1)).toBe(120);
  });
});
