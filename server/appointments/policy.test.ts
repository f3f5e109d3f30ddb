import { describe, expect, it } from 'vitest';
import { activityKindOf, remindersAfterMove } from './policy';

describe('reminders after a move', () => {
  const now = new Date('2026-03-02T08:00:00Z');
  it('sends both again for a new time more than a day ahead', () => {
    expect(remindersAfterMove(new Date('2026-03-05T08:00:00Z'), now)).toEqual({ reminderDaySentAt: null, reminderHourSentAt: null });
  });
  it('counts the day reminder as handled when the new time is within a day: the change notice just went out', () => {
    expect(remindersAfterMove(new Date('2026-03-02T20:00:00Z'), now)).toEqual({ reminderDaySentAt: now, reminderHourSentAt: null });
  });
  it('counts both as handled when the new time is within the hour', () => {
    expect(remindersAfterMove(new Date('2026-03-02T08:30:00Z'), now)).toEqual({ reminderDaySentAt: now, reminderHourSentAt: now });
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
