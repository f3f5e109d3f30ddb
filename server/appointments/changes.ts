import { NEXT_SLOTS_OFFERED, LINK_OPENS_MINUTES_BEFORE } from '../../common/api/appointments';
import type { AccountRow } from '../accounts/store';
import type { Clock } from '../clock';
import type { ConsultationStore } from '../consultations/store';
import { AppError } from '../http/errors';
import { randomToken, sha256 } from '../security/tokens';
import type { AppointmentChangeStore } from './change-store';
import { remindersAfterMove } from './policy';
import { slotTaken, type AppointmentService } from './service';
import { claimUnits, freeSlots, nextFreeSlots, wallToInstant, type Interval } from './slots';
import type { AppointmentRow, AppointmentStore } from './store';

export interface AppointmentChangeDeps {
  store: AppointmentStore;
  changes: AppointmentChangeStore;
  appointments: AppointmentService;
  consultationStore: ConsultationStore;
  clock: Clock;
}

const MINUTE = 60_000;

const deadlinePassed = () => new AppError('appointment_not_changeable', 'The deadline for changing through this link has passed. Please contact the practice.');
const notMovable = () => new AppError('appointment_not_changeable', 'Only a booked appointment can be moved; it was changed meanwhile or is no longer booked.');

/**
 * Moving a firm appointment (issue 10), by the practice or by the patient's link up to the deadline:
 * the new time is checked like a booking (the patient's with the practice's notice and horizon), the
 * claims move in one transaction, the SEQUENCE rises and the patient gets a change notice with the
 * updated calendar entry. The invitation link stays; its window follows the new time.
 */
export class AppointmentChanges {
  constructor(private readonly deps: AppointmentChangeDeps) {}

  async moveByPractice(actorId: string, appointmentId: string, startsAt: Date): Promise<AppointmentRow> {
    const appointment = await this.deps.appointments.managedAppointment(actorId, appointmentId);
    return this.move(appointment, startsAt, 'practice');
  }

  /** Free slots for the patient's move link: the practice's hours and rules, its own time counted free. */
  async slotsByLink(token: string, fromDay: string, days: number): Promise<{ timeZone: string; slots: Interval[] }> {
    const { appointment, professional } = await this.changeableByLink(token);
    const now = this.deps.clock.now();
    const rules = await this.deps.appointments.rulesFor(professional, { durationMinutes: durationOf(appointment) }, now, 'patient', appointment.id);
    const [year, month, day] = fromDay.split('-').map(Number) as [number, number, number];
    const from = wallToInstant({ year, month, day }, 0, rules.timeZone);
    const to = wallToInstant({ year, month, day: day + days }, 0, rules.timeZone);
    return { timeZone: rules.timeZone, slots: freeSlots(rules, now, from, to) };
  }

  async moveByLink(token: string, startsAt: Date): Promise<AppointmentRow> {
    const { appointment } = await this.changeableByLink(token);
    return this.move(appointment, startsAt, 'patient');
  }

  private async changeableByLink(token: string): Promise<{ appointment: AppointmentRow; professional: AccountRow }> {
    const managed = await this.deps.appointments.managedByLink(token);
    if (this.deps.clock.now() > managed.changeableUntil) throw deadlinePassed();
    if (managed.appointment.status !== 'booked') throw notMovable();
    return managed;
  }

  private async move(appointment: AppointmentRow, wanted: Date, by: 'patient' | 'practice'): Promise<AppointmentRow> {
    const { appointments, changes, store, clock } = this.deps;
    if (appointment.status !== 'booked') throw notMovable();
    const professional = await appointments.professionalOf(appointment);
    if (!professional || !appointment.professionalAccountId) throw new AppError('not_found', 'No such appointment.');
    const now = clock.now();
    const durationMinutes = durationOf(appointment);
    const rules = await appointments.rulesFor(professional, { durationMinutes }, now, by, appointment.id);
    const startsAt = appointments.checkSlot(wanted, rules, now);
    const endsAt = new Date(startsAt.getTime() + durationMinutes * MINUTE);
    const manageToken = randomToken();
    const outcome = await changes.move(
      appointment.id,
      appointment.professionalAccountId,
      appointment.sequence,
      { startsAt, endsAt, manageTokenHash: sha256(manageToken), ...remindersAfterMove(startsAt, now) },
      claimUnits(startsAt, durationMinutes, rules.bufferMinutes),
      now,
    );
    if ('changed' in outcome) throw notMovable();
    if ('taken' in outcome) {
      const fresh = await appointments.rulesFor(professional, { durationMinutes }, now, by, appointment.id);
      throw slotTaken(nextFreeSlots(fresh, now, startsAt, NEXT_SLOTS_OFFERED));
    }
    const moved = outcome.moved;
    const settings = await store.settingsOf(professional.id);
    if (moved.consultationId) {
      await this.deps.consultationStore.update(moved.consultationId, {
        validFrom: new Date(startsAt.getTime() - LINK_OPENS_MINUTES_BEFORE * MINUTE),
        validUntil: new Date(endsAt.getTime() + settings.linkGraceMinutes * MINUTE),
      });
    }
    await appointments.messages.changed(moved, appointment, professional, by, manageToken, settings.cancelDeadlineMinutes);
    return moved;
  }
}

function durationOf(appointment: AppointmentRow): number {
  return Math.round((appointment.endsAt.getTime() - appointment.startsAt.getTime()) / MINUTE);
}
