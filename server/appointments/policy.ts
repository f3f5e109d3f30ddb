import { reminderKinds } from '../../common/api/appointments';
import type { AccountRow } from '../accounts/store';
import type { RoleFacts } from '../organizations/policy';
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
  managesAppointmentsOf: (actor: RoleFacts & Pick<AccountRow, 'id'>, professional: RoleFacts & Pick<AccountRow, 'id'>) =>
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
 * Reminders before a firm appointment (issue 10): the practice chooses which from this closed set,
 * by default a day and an hour before. A reminder missed while no server ran is still sent while it
 * is useful — until the next chosen reminder is due, the last one until the start — else dropped and
 * counted. An appointment booked inside a reminder's window gets no such reminder (its confirmation
 * has just gone out), nor does one whose window opened before the practice changed its choice.
 */
export { reminderKinds };
export type ReminderKind = (typeof reminderKinds)[number];
export const DEFAULT_REMINDERS: readonly ReminderKind[] = ['day', 'hour'];
export const reminderBeforeMinutes: Record<ReminderKind, number> = { two_days: 48 * 60, day: 24 * 60, three_hours: 3 * 60, hour: 60 };
/** Every minute: an hour reminder is at most a minute late. */
export const REMINDER_SCHEDULE = '* * * * *';

/** Until how many minutes before the start a missed `kind` reminder is still worth sending. */
export function usefulUntilMinutesBefore(kind: ReminderKind, chosen: readonly ReminderKind[]): number {
  const later = chosen.map((other) => reminderBeforeMinutes[other]).filter((minutes) => minutes < reminderBeforeMinutes[kind]);
  return later.length > 0 ? Math.max(...later) : 0;
}

/** The practice's choice as stored: each kind once, in the set's order. */
export function normalizeReminders(chosen: readonly ReminderKind[]): ReminderKind[] {
  return reminderKinds.filter((kind) => chosen.includes(kind));
}

export type ReminderSentColumns = {
  reminderTwoDaysSentAt: Date | null;
  reminderDaySentAt: Date | null;
  reminderThreeHoursSentAt: Date | null;
  reminderHourSentAt: Date | null;
};

/** Where each reminder is marked handled on the appointment. */
export const reminderSentColumn: Record<ReminderKind, keyof ReminderSentColumns> = {
  two_days: 'reminderTwoDaysSentAt',
  day: 'reminderDaySentAt',
  three_hours: 'reminderThreeHoursSentAt',
  hour: 'reminderHourSentAt',
};

/**
 * After a move the change notice carries the link, like a confirmation: a reminder whose window is
 * already open at the new time counts as handled (else it would follow the notice at once); one
 * still ahead goes out again for the new time.
 */
export function remindersAfterMove(startsAt: Date, now: Date): ReminderSentColumns {
  const handled = (kind: ReminderKind) => (now.getTime() >= startsAt.getTime() - reminderBeforeMinutes[kind] * 60_000 ? now : null);
  return {
    reminderTwoDaysSentAt: handled('two_days'),
    reminderDaySentAt: handled('day'),
    reminderThreeHoursSentAt: handled('three_hours'),
    reminderHourSentAt: handled('hour'),
  };
}

/** What an activity entry (P-14) says happened: a firm appointment that took place is "held". */
export type AppointmentActivityKind = 'booked' | 'held' | 'cancelled' | 'no_show';

export function activityKindOf(status: string, consultationStartedAt: Date | null): AppointmentActivityKind {
  if (status === 'cancelled') return 'cancelled';
  if (status === 'no_show') return 'no_show';
  return consultationStartedAt ? 'held' : 'booked';
}
