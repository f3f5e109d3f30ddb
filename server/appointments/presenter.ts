import type * as z from 'zod';
import type {
  absenceView,
  appointmentActivityEntry,
  appointmentTypeSettingView,
  appointmentTypeView,
  appointmentView,
  bookingHeld,
  bookingPageSettingsView,
  hoursView,
  slotView,
} from '../../common/api/appointments';
import type { AbsenceRow, AppointmentListRow, AppointmentRow, AppointmentTypeRow, BookingPageRow, RangeRow, SettingsRow } from './store';
import type { AppointmentActivityEntry } from './activity';
import { activityKindOf } from './policy';
import type { Interval } from './slots';

/** Every field the appointment routes return, named; the patient's e-mail and phone never leave in a list. */

export function presentType(type: AppointmentTypeRow): z.infer<typeof appointmentTypeView> {
  return { id: type.id, name: type.name, durationMinutes: type.durationMinutes };
}

export function presentSlot(slot: Interval): z.infer<typeof slotView> {
  return { startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString() };
}

/** What the patient learns after booking: the state and the time, nothing stored about them. */
export function presentHeld(appointment: AppointmentRow): z.infer<typeof bookingHeld> {
  const status = appointment.status === 'held' || appointment.status === 'requested' ? appointment.status : 'booked';
  return {
    status,
    startsAt: appointment.startsAt.toISOString(),
    endsAt: appointment.endsAt.toISOString(),
    holdExpiresAt: appointment.holdExpiresAt?.toISOString() ?? null,
  };
}

export function presentAppointment(appointment: AppointmentListRow): z.infer<typeof appointmentView> {
  return {
    id: appointment.id,
    professionalId: appointment.professionalAccountId,
    typeName: appointment.typeName,
    startsAt: appointment.startsAt.toISOString(),
    endsAt: appointment.endsAt.toISOString(),
    status: appointment.status,
    patientName: appointment.patientName,
    bookedBy: appointment.bookedBy,
    consultationId: appointment.consultationId,
  };
}

export function presentHours(settings: SettingsRow, ranges: RangeRow[], timeZone: string): z.infer<typeof hoursView> {
  return {
    ranges: ranges.map((range) => ({ weekday: range.weekday, startMinute: range.startMinute, endMinute: range.endMinute })),
    bufferMinutes: settings.bufferMinutes,
    minimumNoticeMinutes: settings.minimumNoticeMinutes,
    horizonDays: settings.horizonDays,
    cancelDeadlineMinutes: settings.cancelDeadlineMinutes,
    linkGraceMinutes: settings.linkGraceMinutes,
    practiceConfirms: settings.practiceConfirms,
    reminders: settings.reminderKinds,
    timeZone,
  };
}

export function presentAbsence(absence: AbsenceRow): z.infer<typeof absenceView> {
  return { id: absence.id, startsAt: absence.startsAt.toISOString(), endsAt: absence.endsAt.toISOString() };
}

export function presentPage(page: BookingPageRow): z.infer<typeof bookingPageSettingsView> {
  return { slug: page.slug, enabled: page.enabled };
}

export function presentTypeSetting(type: AppointmentTypeRow): z.infer<typeof appointmentTypeSettingView> {
  return { ...presentType(type), organizationWide: type.professionalAccountId === null };
}

/** P-14: who, when, which type, what became of it; never the patient's e-mail or phone. */
export function presentAppointmentActivity(entry: AppointmentActivityEntry): z.infer<typeof appointmentActivityEntry> {
  const { appointment } = entry;
  return {
    id: appointment.id,
    kind: activityKindOf(appointment.status, entry.consultationStartedAt),
    startsAt: appointment.startsAt.toISOString(),
    endsAt: appointment.endsAt.toISOString(),
    typeName: appointment.typeName,
    patientName: appointment.patientName,
    professionalName: entry.professionalName,
    bookedBy: appointment.bookedBy,
    cancelledBy: appointment.cancelledBy,
  };
}
