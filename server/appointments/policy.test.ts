import { describe, expect, it } from 'vitest';
import { activityKindOf, normalizeReminders, remindersAfterMove, usefulUntilMinutesBefore } from './policy';

describe('reminders after a move', () => {
  const now = new Date('2026-03-02T08:00:00Z');
  const none = { reminderTwoDaysSentAt: null, reminderDaySentAt: null, reminderThreeHoursSentAt: null, reminderHourSentAt: null };
  it('sends all again for a new time more than two days ahead', () => {
    expect(remindersAfterMove(new Date('2026-03-05T08:00:00Z'), now)).toEqual(none);
  });
  it('counts the day reminders as handled when the new time is within a day: the change notice just went out', () => {
    expect(remindersAfterMove(new Date('2026-03-02T20:00:00Z'), now)).toEqual({ ...none, reminderTwoDaysSentAt: now, reminderDaySentAt: now });
  });
  it('counts all as handled when the new time is within the hour', () => {
    expect(remindersAfterMove(new Date('2026-03-02T08:30:00Z'), now)).toEqual({
      reminderTwoDaysSentAt: now,
      reminderDaySentAt: now,
      reminderThreeHoursSentAt: now,
      reminderHourSentAt: now,
    });
  });
});

describe('the practice’s choice of reminders', () => {
  it('keeps a missed reminder useful until the next chosen one is due, the last until the start', () => {
    expect(usefulUntilMinutesBefore('day', ['day', 'hour'])).toBe(60);
    expect(usefulUntilMinutesBefore('day', ['two_days', 'day', 'three_hours'])).toBe(180);
    expect(usefulUntilMinutesBefore('two_days', ['two_days'])).toBe(0);
    expect(usefulUntilMinutesBefore('hour', ['day', 'hour'])).toBe(0);
  });
  it('stores each kind once, in a fixed order', () => {
    expect(normalizeReminders(['hour', 'two_days', 'hour'])).toEqual(['two_days', 'hour']);
    expect(normalizeReminders([])).toEqual([]);
  });
});

describe('what an activity entry says', () => {
  it('calls a firm appointment whose consultation started "held", else "booked"', () => {
    expect(activityKindOf('booked', new Date())).toBe('held');
    expect(activityKindOf('booked', null)).toBe('booked');
    expect(activityKindOf('cancelled', null)).toBe('cancelled');
    expect(activityKindOf('no_show', null)).toBe('no_show');
  });
});
