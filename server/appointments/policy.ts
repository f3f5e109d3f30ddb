import type { AccountRow } from '../accounts/store';
import { organizationRules, organizesFor } from '../organizations/policy';

/**
 * Who may do what with appointments (issue 10). A rule that fails answers 404 for another tenant's
 * professional (never 403, which would confirm it exists).
 */
export const appointmentRules = {
  /** Takes bookings: an active professional (never practice staff) whose processing is not restricted. */
  offersAppointments: (professional: AccountRow) =>
    professional.status === 'active' && organizationRules.holdsConsultations(professional) && professional.restrictedAt === null,
  /**
   * Sets hours, absences and types, books by phone, sees the day, cancels: the professional, and in an
   * organisation its staff and its representative.
   */
  managesAppointmentsOf: (actor: AccountRow, professional: AccountRow) =>
    actor.status === 'active' &&
    (actor.id === professional.id ||
      organizesFor(actor, professional) ||
      (organizationRules.managesMembers(actor) && actor.organizationId !== null && actor.organizationId === professional.organizationId)),
  /** The organisation's own booking page and practice-wide types: representative and staff. */
  managesOrganizationBooking: (actor: AccountRow) =>
    actor.status === 'active' && actor.organizationId !== null && (organizationRules.managesMembers(actor) || organizationRules.organizesConsultations(actor)),
} as const;

/** The patient's mail link cancels only up to the practice's deadline before the start. */
export function changeableUntil(startsAt: Date, cancelDeadlineMinutes: number): Date {
  return new Date(startsAt.getTime() - cancelDeadlineMinutes * 60_000);
}

/**
 * Reminders before a firm appointment (issue 10): a day and an hour before. A reminder missed while
 * no server ran is still sent while it is useful — the day reminder until the hour reminder is due,
 * the hour reminder until the start — else dropped and counted. An appointment booked inside a
 * reminder's window gets no such reminder: its confirmation has just gone out.
 */
export const reminders = [
  { kind: 'day', beforeMinutes: 24 * 60, usefulUntilMinutesBefore: 60 },
  { kind: 'hour', beforeMinutes: 60, usefulUntilMinutesBefore: 0 },
] as const;
export type ReminderKind = (typeof reminders)[number]['kind'];
/** Every minute: an hour reminder is at most a minute late. */
export const REMINDER_SCHEDULE = '* * * * *';

/**
 * After a move the change notice carries the link, like a confirmation: a reminder whose window is
 * already open at the new time counts as handled (else it would follow the notice at once); one
 * still ahead goes out again for the new time.
 */
export function remindersAfterMove(startsAt: Date, now: Date): { reminderDaySentAt: Date | null; reminderHourSentAt: Date | null } {
  const handled = (beforeMinutes: number) => (now.getTime() >= startsAt.getTime() - beforeMinutes * 60_000 ? now : null);
  const [day, hour] = reminders;
  return { reminderDaySentAt: handled(day.beforeMinutes), reminderHourSentAt: handled(hour.beforeMinutes) };
}

/** What an activity entry (P-14) says happened: a firm appointment that took place is "held". */
export type AppointmentActivityKind = 'booked' | 'held' | 'cancelled' | 'no_show';

export function activityKindOf(status: string, consultationStartedAt: Date | null): AppointmentActivityKind {
  if (status === 'cancelled') return 'cancelled';
  if (status === 'no_show') return 'no_show';
  return consultationStartedAt ? 'held' : 'booked';
}
