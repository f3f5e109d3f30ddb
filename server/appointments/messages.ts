import { HOLD_MINUTES } from '../../common/api/appointments';
import { displayNameOf } from '../accounts/display-name';
import type { AccountRow } from '../accounts/store';
import {
  bookedMail,
  bookedSms,
  cancelledMail,
  cancelledSms,
  changedMail,
  changedSms,
  holdMail,
  holdSms,
  reminderMail,
  reminderSms,
  type AppointmentFacts,
} from '../notify/appointment-messages';
import type { Mailer } from '../notify/mailer';
import type { SmsSender } from '../notify/sms';
import { calendarFile } from './calendar';
import { changeableUntil, type ReminderKind } from './policy';
import type { AppointmentRow } from './store';

export interface AppointmentMessageDeps {
  mailer: Mailer;
  sms?: SmsSender;
  publicUrl: URL;
  organizerEmail: string;
  timeZoneOf: (professional: AccountRow) => Promise<string>;
}

export interface Delivery {
  emailDelivery: 'sent' | 'failed' | null;
  smsDelivery: 'sent' | 'failed' | null;
  deliveryError: string | null;
}

/** What the patient is sent about an appointment, by every channel given: texts in notify/, the .ics in calendar.ts. */
export class AppointmentMessages {
  constructor(private readonly deps: AppointmentMessageDeps) {}

  link(path: string, token: string): string {
    const url = new URL(path, this.deps.publicUrl);
    url.hash = token;
    return url.toString();
  }

  private async facts(appointment: AppointmentRow, professional: AccountRow): Promise<AppointmentFacts> {
    return {
      locale: appointment.locale,
      patientName: appointment.patientName,
      professionalName: displayNameOf(professional),
      typeName: appointment.typeName,
      startsAt: appointment.startsAt,
      endsAt: appointment.endsAt,
      timeZone: await this.deps.timeZoneOf(professional),
    };
  }

  private calendar(method: 'request' | 'cancel', appointment: AppointmentRow, facts: AppointmentFacts, joinLink?: string): Buffer {
    return calendarFile(method, {
      appointmentId: appointment.id,
      host: this.deps.publicUrl.hostname,
      sequence: appointment.sequence,
      startsAt: appointment.startsAt,
      endsAt: appointment.endsAt,
      timeZone: facts.timeZone,
      summary: facts.locale === 'de' ? `Videotermin: ${facts.professionalName}` : `Video appointment: ${facts.professionalName}`,
      description: `${facts.typeName}${joinLink ? `\n${joinLink}` : ''}`,
      ...(joinLink ? { url: joinLink } : {}),
      organizer: { name: facts.professionalName, email: this.deps.organizerEmail },
      ...(appointment.patientEmail ? { attendee: { name: facts.patientName, email: appointment.patientEmail } } : {}),
    });
  }

  /** The confirmation link by e-mail, or the code by SMS when only a mobile number was given. */
  async hold(appointment: AppointmentRow, professional: AccountRow, token: string, code: string | undefined): Promise<void> {
    const facts = await this.facts(appointment, professional);
    if (appointment.patientEmail)
      await this.deps.mailer.send(holdMail(appointment.patientEmail, { ...facts, confirmLink: this.link('/book/confirm', token), holdMinutes: HOLD_MINUTES }));
    else if (appointment.patientPhone && code) await this.deps.sms?.send(holdSms(appointment.patientPhone, { ...facts, code, holdMinutes: HOLD_MINUTES }));
  }

  /** Sends by every channel the patient gave; a provider failure is recorded on the invitation, as for any guest. */
  async booked(appointment: AppointmentRow, professional: AccountRow, joinToken: string, manageToken: string, deadlineMinutes: number): Promise<Delivery> {
    const facts = await this.facts(appointment, professional);
    const joinLink = this.link('/join', joinToken);
    const booked = {
      ...facts,
      joinLink,
      manageLink: this.link('/book/manage', manageToken),
      changeableUntil: changeableUntil(appointment.startsAt, deadlineMinutes),
      calendar: this.calendar('request', appointment, facts, joinLink),
    };
    const delivery: Delivery = { emailDelivery: null, smsDelivery: null, deliveryError: null };
    if (appointment.patientEmail) {
      try {
        await this.deps.mailer.send(bookedMail(appointment.patientEmail, booked));
        delivery.emailDelivery = 'sent';
      } catch {
        delivery.emailDelivery = 'failed';
        delivery.deliveryError = 'The e-mail could not be delivered to our mail server.';
      }
    }
    if (appointment.patientPhone && this.deps.sms) {
      try {
        await this.deps.sms.send(bookedSms(appointment.patientPhone, booked));
        delivery.smsDelivery = 'sent';
      } catch {
        delivery.smsDelivery = 'failed';
        delivery.deliveryError = 'The SMS could not be sent.';
      }
    }
    return delivery;
  }

  async cancelled(appointment: AppointmentRow, professional: AccountRow, by: 'patient' | 'practice', message?: string): Promise<void> {
    const facts = await this.facts(appointment, professional);
    if (appointment.patientEmail)
      await this.deps.mailer.send(cancelledMail(appointment.patientEmail, { ...facts, by, message, calendar: this.calendar('cancel', appointment, facts) }));
    else if (appointment.patientPhone && this.deps.sms) await this.deps.sms.send(cancelledSms(appointment.patientPhone, { ...facts, by, message }));
  }

  /** The change notice after a move: the calendar entry with the raised SEQUENCE replaces the old one. */
  async changed(
    appointment: AppointmentRow,
    previous: { startsAt: Date; endsAt: Date },
    professional: AccountRow,
    by: 'patient' | 'practice',
    manageToken: string,
    deadlineMinutes: number,
  ): Promise<void> {
    const facts = await this.facts(appointment, professional);
    const joinLink = appointment.joinToken ? this.link('/join', appointment.joinToken) : '';
    const changed = {
      ...facts,
      by,
      previousStartsAt: previous.startsAt,
      previousEndsAt: previous.endsAt,
      joinLink,
      manageLink: this.link('/book/manage', manageToken),
      changeableUntil: changeableUntil(appointment.startsAt, deadlineMinutes),
      calendar: this.calendar('request', appointment, facts, joinLink || undefined),
    };
    if (appointment.patientEmail) await this.deps.mailer.send(changedMail(appointment.patientEmail, changed));
    if (appointment.patientPhone && this.deps.sms) await this.deps.sms.send(changedSms(appointment.patientPhone, changed));
  }

  async reminder(appointment: AppointmentRow, professional: AccountRow, kind: ReminderKind, joinToken: string, manageToken: string): Promise<void> {
    const facts = await this.facts(appointment, professional);
    const reminder = { ...facts, kind, joinLink: this.link('/join', joinToken), manageLink: this.link('/book/manage', manageToken) };
    if (appointment.patientEmail) await this.deps.mailer.send(reminderMail(appointment.patientEmail, reminder));
    if (appointment.patientPhone && this.deps.sms) await this.deps.sms.send(reminderSms(appointment.patientPhone, reminder));
  }
}
