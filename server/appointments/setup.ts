import type * as z from 'zod';
import type { absenceRequest, appointmentTypeRequest, bookingPageRequest, hoursRequest } from '../../common/api/appointments';
import { isUniqueViolation, type AccountRow, type AccountStore } from '../accounts/store';
import type { Clock } from '../clock';
import { AppError, fieldError } from '../http/errors';
import { appointmentRules, normalizeReminders } from './policy';
import { localDayOf, wallToInstant } from './slots';
import type { AppointmentService } from './service';
import type { AbsenceRow, AppointmentListRow, AppointmentStore, AppointmentTypeRow, BookingPageRow, RangeRow, SettingsRow } from './store';

export interface AppointmentSetupDeps {
  store: AppointmentStore;
  accounts: AccountStore;
  appointments: AppointmentService;
  clock: Clock;
}

const DAY = 24 * 60 * 60_000;

/**
 * What the practice sets (issue 10): weekly hours and booking rules, absences, appointment types and
 * booking pages, and the day and week of appointments. The professional, and in an organisation
 * its staff and representative (appointmentRules.managesAppointmentsOf).
 */
export class AppointmentSetup {
  constructor(private readonly deps: AppointmentSetupDeps) {}

  async hours(actorId: string, professionalId: string): Promise<{ settings: SettingsRow; ranges: RangeRow[]; timeZone: string }> {
    const professional = await this.deps.appointments.managed(actorId, professionalId);
    const [settings, ranges] = await Promise.all([this.deps.store.settingsOf(professional.id), this.deps.store.rangesOf([professional.id])]);
    return { settings, ranges, timeZone: await this.deps.appointments.timeZoneOf(professional) };
  }

  async saveHours(actorId: string, professionalId: string, input: z.output<typeof hoursRequest>) {
    const professional = await this.deps.appointments.managed(actorId, professionalId);
    const { ranges, reminders, ...settings } = input;
    const now = this.deps.clock.now();
    const current = await this.deps.store.settingsOf(professional.id);
    const reminderKinds = normalizeReminders(reminders);
    const changed = reminderKinds.join() !== current.reminderKinds.join();
    await this.deps.store.saveHours(
      professional.id,
      { ...settings, reminderKinds, remindersChangedAt: changed ? now : current.remindersChangedAt },
      ranges,
      now,
    );
    return this.hours(actorId, professionalId);
  }

  async absences(actorId: string, professionalId: string): Promise<AbsenceRow[]> {
    const professional = await this.deps.appointments.managed(actorId, professionalId);
    return this.deps.store.absencesOf(professional.id, this.deps.clock.now());
  }

  /** An absence hides slots; appointments already booked in it stay until the practice cancels them. */
  async addAbsence(actorId: string, professionalId: string, input: z.output<typeof absenceRequest>): Promise<AbsenceRow> {
    const professional = await this.deps.appointments.managed(actorId, professionalId);
    const now = this.deps.clock.now();
    const endsAt = new Date(input.endsAt);
    if (endsAt <= now) throw fieldError('endsAt', { code: 'invalid_date', message: 'The absence is already over.' });
    return this.deps.store.addAbsence({ professionalAccountId: professional.id, startsAt: new Date(input.startsAt), endsAt, createdAt: now });
  }

  async deleteAbsence(actorId: string, professionalId: string, absenceId: string): Promise<void> {
    const professional = await this.deps.appointments.managed(actorId, professionalId);
    if (!(await this.deps.store.deleteAbsence(professional.id, absenceId))) throw new AppError('not_found', 'No such absence.');
  }

  /** A type for one professional, or (representative or staff) for every professional of the organisation. */
  async addType(actorId: string, input: z.output<typeof appointmentTypeRequest>): Promise<AppointmentTypeRow> {
    const actor = await this.deps.accounts.findById(actorId);
    if (!actor) throw new AppError('unauthenticated', 'Please log in.');
    const now = this.deps.clock.now();
    if (input.professionalId) {
      const professional = await this.deps.appointments.managed(actorId, input.professionalId);
      return this.deps.store.addType({
        organizationId: professional.organizationId,
        professionalAccountId: professional.id,
        name: input.name,
        durationMinutes: input.durationMinutes,
        createdAt: now,
      });
    }
    if (actor.organizationId && appointmentRules.managesOrganizationBooking(actor)) {
      return this.deps.store.addType({ organizationId: actor.organizationId, name: input.name, durationMinutes: input.durationMinutes, createdAt: now });
    }
    // A professional's own type (an individual customer's, or a member's for themselves).
    if (appointmentRules.offersAppointments(actor)) {
      return this.deps.store.addType({
        organizationId: actor.organizationId,
        professionalAccountId: actor.id,
        name: input.name,
        durationMinutes: input.durationMinutes,
        createdAt: now,
      });
    }
    throw new AppError('forbidden', 'Choose the professional this type is for.');
  }

  /** Whose appointments the actor manages: themselves if they take appointments, and the organisation's professionals. */
  async professionals(actorId: string): Promise<AccountRow[]> {
    const actor = await this.deps.accounts.findById(actorId);
    if (!actor) throw new AppError('unauthenticated', 'Please log in.');
    const candidates = actor.organizationId ? await this.deps.accounts.ofOrganization(actor.organizationId) : [actor];
    return candidates.filter((candidate) => appointmentRules.offersAppointments(candidate) && appointmentRules.managesAppointmentsOf(actor, candidate));
  }

  async types(actorId: string, professionalId: string): Promise<AppointmentTypeRow[]> {
    return this.deps.store.typesOffered(await this.deps.appointments.managed(actorId, professionalId));
  }

  /** A professional's own type by whoever manages them; an organisation's by its representative or staff. */
  async deactivateType(actorId: string, typeId: string): Promise<void> {
    const [actor, type] = await Promise.all([this.deps.accounts.findById(actorId), this.deps.store.findType(typeId)]);
    const missing = () => new AppError('not_found', 'No such appointment type.');
    if (!actor || !type || !type.active) throw missing();
    if (type.professionalAccountId) await this.deps.appointments.managed(actorId, type.professionalAccountId, missing);
    else if (!(type.organizationId && type.organizationId === actor.organizationId && appointmentRules.managesOrganizationBooking(actor))) throw missing();
    await this.deps.store.deactivateType(type.id);
  }

  /** The page of one professional, or (no id) the organisation's for its representative and staff, else the actor's own. */
  async page(actorId: string, professionalId: string | undefined): Promise<BookingPageRow | undefined> {
    const actor = await this.deps.accounts.findById(actorId);
    if (!actor) throw new AppError('unauthenticated', 'Please log in.');
    if (professionalId) return this.deps.store.pageOf({ professionalAccountId: (await this.deps.appointments.managed(actorId, professionalId)).id });
    if (actor.organizationId && appointmentRules.managesOrganizationBooking(actor)) return this.deps.store.pageOf({ organizationId: actor.organizationId });
    return this.deps.store.pageOf({ professionalAccountId: actor.id });
  }

  /** The page's slug is the practice's choice; a taken slug is a field error, never another's page. */
  async savePage(actorId: string, input: z.output<typeof bookingPageRequest>): Promise<BookingPageRow> {
    const actor = await this.deps.accounts.findById(actorId);
    if (!actor) throw new AppError('unauthenticated', 'Please log in.');
    let owner: { organizationId: string } | { professionalAccountId: string };
    if (input.professionalId) owner = { professionalAccountId: (await this.deps.appointments.managed(actorId, input.professionalId)).id };
    else if (actor.organizationId && appointmentRules.managesOrganizationBooking(actor)) owner = { organizationId: actor.organizationId };
    else if (appointmentRules.offersAppointments(actor)) owner = { professionalAccountId: actor.id };
    else throw new AppError('forbidden', 'Choose the professional this page is for.');
    try {
      return await this.deps.store.savePage(owner, input.slug, input.enabled);
    } catch (error) {
      if (isUniqueViolation(error)) throw fieldError('slug', { code: 'invalid_choice', message: 'This address is taken. Please choose another one.' });
      throw error;
    }
  }

  /** A professional's appointments from `from` for `days` days (the day and week view). */
  async list(
    actorId: string,
    professionalId: string,
    given: Date | undefined,
    days: number,
  ): Promise<{ timeZone: string; appointments: AppointmentListRow[] }> {
    const { id, timeZone } = await this.deps.appointments.managedCalendar(actorId, professionalId);
    const now = this.deps.clock.now();
    const from = given ?? wallToInstant(localDayOf(now, timeZone), 0, timeZone);
    const rows = await this.deps.store.listOf(id, from, new Date(from.getTime() + days * DAY));
    // Holds that lapsed never became appointments: the practice does not see them.
    const visible = rows.filter((row) => row.status !== 'lapsed' && !(row.status === 'held' && row.holdExpiresAt && row.holdExpiresAt <= now));
    return { timeZone, appointments: visible };
  }
}
