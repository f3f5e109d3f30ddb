/**
 * Retention rules, in one place (P-15, P-09, Anlage 31b). Jobs read these; no job hard-codes a period.
 */
export interface RetentionRule {
  /** What the rule deletes, for receipts and the published privacy policy. */
  description: string;
  /** Months or hours after the reference time at which data is deleted. */
  after: { months: number } | { hours: number };
}

export const retentionRules = {
  loginSessions: {
    description: 'Login sessions, at their end (30 minutes idle or 12 hours after login)',
    after: { hours: 0 },
  },
  callMetadata: {
    description: 'Activity entries of ended consultations (who, when, how long), 3 months after the end',
    after: { months: 3 },
  },
  abandonedConsultation: {
    description: 'Open consultations whose window closed, with their guests’ contact data, 12 hours after the window',
    after: { hours: 12 },
  },
} satisfies Record<string, RetentionRule>;

/** Calendar months back, clamped to the month's last day (31 May − 3 months = 28/29 February). */
function monthsBefore(now: Date, months: number): Date {
  const target = new Date(now);
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(now.getUTCDate(), lastDay));
  return target;
}

/** Rows whose reference time lies before this cutoff are due for deletion. */
export function cutoffFor(rule: RetentionRule, now: Date): Date {
  if ('months' in rule.after) return monthsBefore(now, rule.after.months);
  return new Date(now.getTime() - rule.after.hours * 60 * 60 * 1000);
}
