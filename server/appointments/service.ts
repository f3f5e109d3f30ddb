import type { Entitlement } from '../billing/policy';
import { randomInt } from 'node:crypto';
import type * as z from 'zod';
import { HOLD_MINUTES, LINK_OPENS_MINUTES_BEFORE, NEXT_SLOTS_OFFERED, type practiceBookingRequest, type slotQuery } from '../../common/api/appointments';
import type { FieldErrorCode } from '../../common/errors';
import { displayNameOf } from '../accounts/display-name';
import type { AccountRow, AccountStore } from '../accounts/store';
import type { Clock } from '../clock';
import type { ConsultationService } from '../consultations/service';
import type { ConsultationStore } from '../consultations/store';
import { AppError, fieldError } from '../http/errors';
import type { Mailer } from '../notify/mailer';
import type { SmsSender } from '../notify/sms';
import type { OrganizationStore } from '../organizations/store';
import { constantTimeEquals, randomToken, sha256 } from '../security/tokens';
import type { Throttle } from '../throttle/throttle';
import { AppointmentMessages } from './messages';
import { appointmentRules, changeableUntil, type ReminderKind } from './policy';
import { claimUnits, freeSlots, localDayOf, nextFreeSlots, slotProblem, wallToInstant, type Interval, type SlotProblem, type SlotRules } from './slots';
import type { AppointmentRow, AppointmentStore, AppointmentTypeRow, BookingPageRow } from './store';

export interface AppointmentServiceDeps {
  /** Billing (issue 11): no new appointments with a professional whose plan is not paid; absent without billing. */
  entitlement?: Entitlement;
  store: AppointmentStore;
  accounts: AccountStore;
  organizations: OrganizationStore;
  consultationStore: ConsultationStore;
  /** Ends an appointment's consultation when it is cancelled, so its link stops working. */
  consultations: ConsultationService;
  mailer: Mailer;
  /** Absent without an SMS provider: bookings with only a mobile number are refused. */
  sms?: SmsSender;
  clock: Clock;
  publicUrl: URL;
  throttle: Throttle;
  /** The calendar entry's organiser: the installation's sending address. */
  organizerEmail: string;
}

export type PracticeBooking = z.output<typeof practiceBookingRequest>;
export type PublicBooking = PracticeBooking & { consent: boolean };

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const problemCodes: Record<Exclude<SlotProblem, 'taken'>, FieldErrorCode> = {
  misaligned: 'slot_misaligned',
  in_past: 'slot_in_past',
  short_notice: 'slot_short_notice',
  beyond_horizon: 'slot_beyond_horizon',
  outside_hours: 'slot_outside_hours',
  absent: 'slot_absent',
};

const notFound = () => new AppError('not_found', 'No such booking page.');
const linkInvalid = () => new AppError('link_invalid', 'This link cannot be used. Please contact the practice.');

export function slotTaken(next: Interval[]): AppError {
  return new AppError('slot_taken', 'This slot was just taken. Please choose another one.', {
    details: {
      nextSlots: next.map((slot) => slot.startsAt.toISOString()).join(','),
    },
  });
}

/**
 * Booking (issue 10): public holds confirmed by the patient's mail link or SMS code, phone bookings
 * by the practice, cancellation by the patient's link or the practice. Each firm appointment is a
 * consultation with one invitation whose link opens 10 minutes before the start.
 */
export class AppointmentService {
  /** Also the change notices of AppointmentChanges. */
  readonly messages: AppointmentMessages;

  constructor(private readonly deps: AppointmentServiceDeps) {
    this.messages = new AppointmentMessages({ ...deps, timeZoneOf: (professional) => this.timeZoneOf(professional) });
  }

  /** An enabled page and the professionals it offers (one, or the organisation's). */
  async page(
    slug: string,
  ): Promise<{ page: BookingPageRow; title: string; timeZone: string; professionals: { account: AccountRow; types: AppointmentTypeRow[] }[] }> {
    const page = await this.deps.store.pageBySlug(slug);
    if (!page || !page.enabled) throw notFound();
    let candidates: AccountRow[];
    let title: string;
    if (page.professionalAccountId) {
      const professional = await this.deps.accounts.findById(page.professionalAccountId);
      candidates = professional ? [professional] : [];
      title = professional ? displayNameOf(professional) : '';
    } else {
      const organization = page.organizationId ? await this.deps.organizations.find(page.organizationId) : undefined;
      if (!organization) throw notFound();
      candidates = await this.deps.accounts.ofOrganization(organization.id);
      title = organization.name;
    }
    const professionals = [];
    for (const account of candidates.filter(appointmentRules.offersAppointments)) {
      const types = await this.deps.store.typesOffered(account);
      if (types.length > 0) professionals.push({ account, types });
    }
    if (professionals.length === 0 && page.professionalAccountId) throw notFound();
    return { page, title, timeZone: await this.timeZoneOf(candidates[0]), professionals };
  }

  async slots(slug: string, query: z.output<typeof slotQuery>): Promise<{ timeZone: string; slots: Interval[] }> {
    const { professional, type } = await this.publicChoice(slug, query.professionalId, query.typeId);
    const now = this.deps.clock.now();
    const rules = await this.rulesFor(professional, type, now, 'patient');
    const [year, month, day] = query.from.split('-').map(Number) as [number, number, number];
    const from = wallToInstant({ year, month, day }, 0, rules.timeZone);
    const to = wallToInstant({ year, month, day: day + query.days }, 0, rules.timeZone);
    return { timeZone: rules.timeZone, slots: freeSlots(rules, now, from, to) };
  }

  /** A public booking: held for 15 minutes until the patient confirms (or the practice, if it chose so). */
  async holdPublic(slug: string, input: PublicBooking): Promise<AppointmentRow> {
    const { professional, type } = await this.publicChoice(slug, input.professionalId, input.typeId);
    await this.deps.entitlement?.requireEntitled(professional);
    if (!input.email && !this.deps.sms)
      throw fieldError('phone', { code: 'sms_unavailable', message: 'This installation sends no SMS: please enter an e-mail address.' });
    const now = this.deps.clock.now();
    const rules = await this.rulesFor(professional, type, now, 'patient');
    const startsAt = this.checkSlot(new Date(input.startsAt), rules, now);
    await this.countMessage(input.email, input.phone);
    const settings = await this.deps.store.settingsOf(professional.id);
    const token = randomToken();
    const code = input.email ? undefined : String(randomInt(0, 1_000_000)).padStart(6, '0');
    const appointment = await this.insert(professional, type, rules, startsAt, input, now, {
      status: settings.practiceConfirms ? 'requested' : 'held',
      holdExpiresAt: settings.practiceConfirms ? null : new Date(now.getTime() + HOLD_MINUTES * MINUTE),
      bookedBy: 'patient',
      consentedAt: now,
      confirmTokenHash: sha256(token),
      confirmCodeHash: code ? sha256(code) : null,
    });
    if (appointment.status === 'held') {
      try {
        await this.messages.hold(appointment, professional, token, code);
      } catch (error) {
        // Nobody could confirm it: free the slot at once rather than block it for the hold.
        await this.deps.store.cancel(appointment.id, { cancelledAt: now, cancelledBy: 'patient', sequence: appointment.sequence, manageTokenHash: null }, now);
        throw error;
      }
    }
    return appointment;
  }

  /** The link in the hold mail: the booking becomes firm, once. */
  async confirmByLink(token: string): Promise<AppointmentRow> {
    const appointment = await this.deps.store.findByConfirmToken(sha256(token));
    if (!appointment) throw linkInvalid();
    return this.makeFirm(appointment);
  }

  /** The code from the SMS, for a booking with only a mobile number. */
  async confirmByCode(appointmentId: string, code: string): Promise<AppointmentRow> {
    await this.deps.throttle.consume('bookingCodeAttemptsPerHold', appointmentId);
    const appointment = await this.deps.store.find(appointmentId);
    if (!appointment?.confirmCodeHash || !constantTimeEquals(appointment.confirmCodeHash, sha256(code))) {
      throw fieldError('code', { code: 'invalid_format', message: 'This code is not right.' });
    }
    return this.makeFirm(appointment);
  }

  /** A phone booking by the professional or staff: firm at once, the invitation goes out at once. */
  async bookByPractice(actorId: string, input: PracticeBooking): Promise<AppointmentRow> {
    const professional = await this.managed(actorId, input.professionalId);
    if (!appointmentRules.offersAppointments(professional))
      throw fieldError('professionalId', { code: 'invalid_choice', message: 'This person takes no appointments.' });
    const type = await this.offeredType(professional, input.typeId);
    await this.deps.entitlement?.requireEntitled(professional);
    if (!input.email && !this.deps.sms)
      throw fieldError('phone', { code: 'sms_unavailable', message: 'This installation sends no SMS: please enter an e-mail address.' });
    const now = this.deps.clock.now();
    const rules = await this.rulesFor(professional, type, now, 'practice');
    const startsAt = this.checkSlot(new Date(input.startsAt), rules, now);
    const appointment = await this.insert(professional, type, rules, startsAt, input, now, {
      status: 'requested',
      holdExpiresAt: null,
      bookedBy: 'practice',
      bookedByAccountId: actorId,
      consentedAt: null,
    });
    return this.makeFirm(appointment, actorId);
  }

  /** The practice confirms a booking it asked to confirm itself. */
  async confirmByPractice(actorId: string, appointmentId: string): Promise<AppointmentRow> {
    const appointment = await this.managedAppointment(actorId, appointmentId);
    if (appointment.status !== 'requested') throw new AppError('appointment_not_changeable', 'Only a requested appointment can be confirmed.');
    return this.makeFirm(appointment, actorId);
  }

  /** The patient did not come: recorded once the appointment has started (the record keeps it, P-17). */
  async markNoShow(actorId: string, appointmentId: string): Promise<AppointmentRow> {
    const appointment = await this.managedAppointment(actorId, appointmentId);
    const now = this.deps.clock.now();
    if (appointment.status !== 'booked' || appointment.startsAt > now) {
      throw new AppError('appointment_not_changeable', 'Only a booked appointment that has started can be marked as missed.');
    }
    await this.deps.store.update(appointment.id, { status: 'no_show', updatedAt: now });
    return { ...appointment, status: 'no_show', updatedAt: now };
  }

  /** What the patient's cancel link shows. */
  async managedByLink(token: string): Promise<{ appointment: AppointmentRow; professional: AccountRow; timeZone: string; changeableUntil: Date }> {
    const appointment = await this.deps.store.findByManageToken(sha256(token));
    if (!appointment) throw linkInvalid();
    const professional = await this.professionalOf(appointment);
    if (!professional) throw linkInvalid();
    const settings = await this.deps.store.settingsOf(professional.id);
    return {
      appointment,
      professional,
      timeZone: await this.timeZoneOf(professional),
      changeableUntil: changeableUntil(appointment.startsAt, settings.cancelDeadlineMinutes),
    };
  }

  async cancelByLink(token: string): Promise<AppointmentRow> {
    const { appointment, changeableUntil: until } = await this.managedByLink(token);
    if (this.deps.clock.now() > until)
      throw new AppError('appointment_not_changeable', 'The deadline for cancelling through this link has passed. Please contact the practice.');
    return this.cancel(appointment, 'patient');
  }

  /** `message`: the practice's words to the patient, sent with the notice and never stored. */
  async cancelByPractice(actorId: string, appointmentId: string, message?: string): Promise<AppointmentRow> {
    return this.cancel(await this.managedAppointment(actorId, appointmentId), 'practice', message);
  }

  /** An appointment of a professional the actor manages; another tenant's looks unknown. */
  async managedAppointment(actorId: string, appointmentId: string): Promise<AppointmentRow> {
    const appointment = await this.deps.store.find(appointmentId);
    if (!appointment) throw new AppError('not_found', 'No such appointment.');
    const missing = () => new AppError('not_found', 'No such appointment.');
    // A record kept restricted after its professional's erasure belongs to nobody who could manage it.
    if (!appointment.professionalAccountId) throw missing();
    await this.managed(actorId, appointment.professionalAccountId, missing);
    return appointment;
  }

  /** The professional, if the actor may manage their appointments; else 404 (never 403 across tenants). */
  async managed(actorId: string, professionalId: string, missing = () => new AppError('not_found', 'No such professional.')): Promise<AccountRow> {
    const [actor, professional] = await Promise.all([this.deps.accounts.findById(actorId), this.deps.accounts.findById(professionalId)]);
    if (!actor || !professional || !appointmentRules.managesAppointmentsOf(actor, professional)) throw missing();
    return professional;
  }

  /**
   * The professional's id and calendar zone, if the actor may manage their appointments (else 404):
   * one read of role facts, nothing decrypted, for the day view the practice polls.
   */
  async managedCalendar(actorId: string, professionalId: string): Promise<{ id: string; timeZone: string }> {
    const facts = await this.deps.accounts.calendarFactsOf(actorId, professionalId);
    const [actor, professional] = [facts.find((row) => row.id === actorId), facts.find((row) => row.id === professionalId)];
    if (!actor || !professional || !appointmentRules.managesAppointmentsOf(actor, professional)) throw new AppError('not_found', 'No such professional.');
    return { id: professional.id, timeZone: professional.timeZone };
  }

  async professionalOf(appointment: AppointmentRow): Promise<AccountRow | undefined> {
    return appointment.professionalAccountId ? this.deps.accounts.findById(appointment.professionalAccountId) : undefined;
  }

  /** The organisation's zone, or an individual customer's own. */
  async timeZoneOf(professional: AccountRow | undefined): Promise<string> {
    if (!professional) return 'Europe/Berlin';
    if (!professional.organizationId) return professional.timeZone;
    return (await this.deps.organizations.find(professional.organizationId))?.timeZone ?? 'Europe/Berlin';
  }

  /** `moving`: the appointment being moved, whose own time is free for it. */
  async rulesFor(
    professional: AccountRow,
    type: Pick<AppointmentTypeRow, 'durationMinutes'>,
    now: Date,
    bookedBy: 'patient' | 'practice',
    moving?: string,
  ): Promise<SlotRules> {
    const { store } = this.deps;
    const settings = await store.settingsOf(professional.id);
    const horizonDays = bookedBy === 'patient' ? settings.horizonDays : 365;
    const [ranges, absences, busy] = await Promise.all([
      store.rangesOf([professional.id]),
      store.absencesOf(professional.id, now),
      store.busy(professional.id, now, new Date(now.getTime() + (horizonDays + 1) * DAY), now, moving),
    ]);
    return {
      timeZone: await this.timeZoneOf(professional),
      ranges,
      durationMinutes: type.durationMinutes,
      bufferMinutes: settings.bufferMinutes,
      // A practice booking by phone may fill a gap at short notice; patients keep the practice's notice.
      minimumNoticeMinutes: bookedBy === 'patient' ? settings.minimumNoticeMinutes : 0,
      horizonDays,
      absences,
      busy,
    };
  }

  private async publicChoice(slug: string, professionalId: string, typeId: string): Promise<{ professional: AccountRow; type: AppointmentTypeRow }> {
    const page = await this.deps.store.pageBySlug(slug);
    if (!page || !page.enabled) throw notFound();
    const professional = await this.deps.accounts.findById(professionalId);
    const onPage =
      professional && (page.professionalAccountId ? professional.id === page.professionalAccountId : professional.organizationId === page.organizationId);
    if (!professional || !onPage || !appointmentRules.offersAppointments(professional)) {
      throw fieldError('professionalId', { code: 'invalid_choice', message: 'Please choose a professional of this page.' });
    }
    return { professional, type: await this.offeredType(professional, typeId) };
  }

  /** A type of another practice, or switched off, is refused like an unknown one. */
  private async offeredType(professional: AccountRow, typeId: string): Promise<AppointmentTypeRow> {
    const type = (await this.deps.store.typesOffered(professional)).find((offered) => offered.id === typeId);
    if (!type) throw fieldError('typeId', { code: 'invalid_choice', message: 'Please choose one of the appointment types offered.' });
    return type;
  }

  checkSlot(startsAt: Date, rules: SlotRules, now: Date): Date {
    const problem = slotProblem(startsAt, rules, now);
    if (problem === 'taken') throw slotTaken(nextFreeSlots(rules, now, startsAt, NEXT_SLOTS_OFFERED));
    if (problem) throw fieldError('startsAt', { code: problemCodes[problem], message: 'This time cannot be booked.' });
    return startsAt;
  }

  /** Counted before anything is stored: a refused request leaves no booking behind. */
  private async countMessage(email: string | undefined, phone: string | undefined): Promise<void> {
    if (email) await this.deps.throttle.consume('bookingMessagesPerAddress', `email:${email.trim().toLowerCase()}`);
    else if (phone) await this.deps.throttle.consume('bookingMessagesPerAddress', `phone:${phone}`);
  }

  private async insert(
    professional: AccountRow,
    type: AppointmentTypeRow,
    rules: SlotRules,
    startsAt: Date,
    input: PracticeBooking,
    now: Date,
    state: Pick<AppointmentRow, 'status' | 'holdExpiresAt' | 'bookedBy' | 'consentedAt'> & Partial<AppointmentRow>,
  ): Promise<AppointmentRow> {
    const endsAt = new Date(startsAt.getTime() + type.durationMinutes * MINUTE);
    const outcome = await this.deps.store.book(
      {
        professionalName: displayNameOf(professional),
        organizationId: professional.organizationId,
        typeId: type.id,
        typeName: type.name,
        startsAt,
        endsAt,
        patientName: input.name,
        patientEmail: input.email ?? null,
        patientPhone: input.phone ?? null,
        locale: input.locale,
        createdAt: now,
        updatedAt: now,
        ...state,
        professionalAccountId: professional.id,
      },
      claimUnits(startsAt, type.durationMinutes, rules.bufferMinutes),
      now,
    );
    if ('taken' in outcome) {
      // Read afresh: the winner's claims are what hides the slot now.
      const fresh = { ...rules, busy: await this.deps.store.busy(professional.id, now, new Date(now.getTime() + (rules.horizonDays + 1) * DAY), now) };
      throw slotTaken(nextFreeSlots(fresh, now, startsAt, NEXT_SLOTS_OFFERED));
    }
    return outcome.booked;
  }

  /**
   * Held or requested → booked, with its consultation and invitation (link from 10 minutes before
   * the start until the end plus the practice's grace) and the confirmation with the calendar entry.
   */
  private async makeFirm(appointment: AppointmentRow, confirmedBy?: string): Promise<AppointmentRow> {
    const { store, clock } = this.deps;
    const now = clock.now();
    if (appointment.status === 'held' && appointment.holdExpiresAt && appointment.holdExpiresAt <= now) {
      throw new AppError('token_expired', 'The booking was not confirmed in time. Please book again.');
    }
    const professional = await this.professionalOf(appointment);
    if (!professional) throw linkInvalid();
    const manageToken = randomToken();
    const firm = { status: 'booked' as const, holdExpiresAt: null, confirmCodeHash: null, confirmedAt: now, manageTokenHash: sha256(manageToken) };
    const booked =
      appointment.status === 'held' && appointment.confirmTokenHash
        ? await store.confirmHeld(appointment.id, appointment.confirmTokenHash, firm, now)
        : appointment.status === 'requested' && confirmedBy
          ? { ...appointment, ...firm }
          : undefined;
    if (!booked) throw new AppError('appointment_not_changeable', 'This appointment is already confirmed or no longer held.');
    const settings = await store.settingsOf(professional.id);
    const joinToken = randomToken();
    const consultation = await this.deps.consultationStore.create(
      {
        hostAccountId: professional.id,
        callMode: 'video',
        validFrom: new Date(booked.startsAt.getTime() - LINK_OPENS_MINUTES_BEFORE * MINUTE),
        validUntil: new Date(booked.endsAt.getTime() + settings.linkGraceMinutes * MINUTE),
        createdAt: now,
        invitationChannels: [...(booked.patientEmail ? ['email'] : []), ...(booked.patientPhone ? ['sms'] : [])],
      },
      displayNameOf(professional),
    );
    const invitation = await this.deps.consultationStore.addInvitation({
      consultationId: consultation.id,
      tokenHash: sha256(joinToken),
      guestName: booked.patientName,
      guestEmail: booked.patientEmail,
      guestPhone: booked.patientPhone,
      createdAt: now,
    });
    const result = { ...booked, ...firm, consultationId: consultation.id, confirmTokenHash: null };
    await store.update(booked.id, { ...firm, consultationId: consultation.id, joinToken, confirmTokenHash: null, updatedAt: now });
    const delivery = await this.messages.booked(result, professional, joinToken, manageToken, settings.cancelDeadlineMinutes);
    await this.deps.consultationStore.updateInvitation(invitation.id, { ...delivery, lastSentAt: now });
    return result;
  }

  private async cancel(appointment: AppointmentRow, by: 'patient' | 'practice', message?: string): Promise<AppointmentRow> {
    const now = this.deps.clock.now();
    const cancelled = await this.deps.store.cancel(
      appointment.id,
      { cancelledAt: now, cancelledBy: by, sequence: appointment.sequence + 1, manageTokenHash: null },
      now,
    );
    if (!cancelled) throw new AppError('appointment_not_changeable', 'This appointment is already cancelled or over.');
    if (cancelled.consultationId) await this.deps.consultations.endNow(cancelled.consultationId, 'host');
    const professional = await this.professionalOf(cancelled);
    if (!professional || (cancelled.bookedBy === 'patient' && !cancelled.confirmedAt)) return cancelled;
    await this.messages.cancelled(cancelled, professional, by, message);
    return cancelled;
  }

  /**
   * One reminder, claimed in the database first so that it goes out at most once whatever runs it;
   * a new cancel link comes with it (the previous one stops working). False: already handled.
   */
  async sendReminder(appointment: AppointmentRow, kind: ReminderKind): Promise<boolean> {
    const manageToken = randomToken();
    if (!(await this.deps.store.claimReminder(appointment.id, kind, this.deps.clock.now(), sha256(manageToken)))) return false;
    const professional = await this.professionalOf(appointment);
    if (!professional || !appointment.joinToken) return true;
    await this.messages.reminder(appointment, professional, kind, appointment.joinToken, manageToken);
    return true;
  }

  /** Marks a reminder handled without sending it (no longer useful); false if another process had it. */
  async dropReminder(appointment: AppointmentRow, kind: ReminderKind): Promise<boolean> {
    return this.deps.store.claimReminder(appointment.id, kind, this.deps.clock.now(), null);
  }

  /** For the day view: a professional's local day as instants. */
  async dayOf(professional: AccountRow, instant: Date): Promise<{ timeZone: string; day: { year: number; month: number; day: number } }> {
    const timeZone = await this.timeZoneOf(professional);
    return { timeZone, day: localDayOf(instant, timeZone) };
  }
}
