import type { Entitlement } from '../billing/policy';
import type * as z from 'zod';
import type { addGuestRequest, createConsultationRequest, GuestInput } from '../../common/api/invitations';
import { MAX_INVITATIONS, PAST_START_TOLERANCE_MINUTES } from '../../common/api/consultations';
import type { AccountStore } from '../accounts/store';
import type { Clock } from '../clock';
import { AppError } from '../http/errors';
import { organizationRules, organizesFor } from '../organizations/policy';
import { invitationMail, invitationSms, type Locale } from '../notify/invitation-messages';
import type { Mailer } from '../notify/mailer';
import { SmsDeliveryError, type SmsSender } from '../notify/sms';
import { randomToken, sha256 } from '../security/tokens';
import type { Throttle } from '../throttle/throttle';
import type { ContactRow, ContactStore } from '../contacts/store';
import type { ChatMailTicket } from '../../common/signaling';
import type { ChatTickets } from './chat-ticket';
import { mailsChatToInvitation } from './policy';
import type { Schedule, ScheduleStore } from './schedule-store';
import type { ConsultationRow, ConsultationStore, EndedConsultation, InvitationRow, ParticipantRow } from './store';
import { displayNameOf } from '../accounts/display-name';

/** What the live call side (signaling) must learn from changes made through the API. */
export interface ConsultationEvents {
  /**
   * The participant's open sockets must close at once: its invitation was revoked, or the link was
   * opened on another device, which now holds the place.
   */
  participantRevoked(consultationId: string, participantId: string, reason: 'revoked' | 'replaced'): void;
  /** `chatMail`: per participant id, the ticket only that guest may receive (P-11, chat-ticket.ts). */
  consultationEnded(consultationId: string, reason: 'host' | 'expired', chatMail?: Readonly<Record<string, ChatMailTicket>>): void;
}

export interface ConsultationServiceDeps {
  /** Billing (issue 11): a host whose plan is not paid starts no new consultation; absent without billing. */
  entitlement?: Entitlement;
  store: ConsultationStore;
  schedule: ScheduleStore;
  contacts: ContactStore;
  accounts: AccountStore;
  mailer: Mailer;
  /** Absent without an SMS provider: invitations to a mobile number are refused, never written anywhere. */
  sms?: SmsSender;
  clock: Clock;
  publicUrl: URL;
  events: ConsultationEvents;
  /** Caps the invitations reaching one guest's address or number (`guestInvitationsPerAddress`). */
  throttle: Throttle;
  /** Seals what an admitted guest needs to have the chat mailed after the end (P-11). */
  chatTickets: ChatTickets;
}

const MINUTE = 60_000;

function notFound(): AppError {
  return new AppError('not_found', 'No such consultation.');
}

function ensureOpen(consultation: ConsultationRow): ConsultationRow {
  if (consultation.status !== 'open') throw new AppError('consultation_ended', 'This consultation has ended.');
  return consultation;
}

/** Checked before anything is stored, so a refused request leaves no consultation or invitation behind. */
function smsUnavailable(field: string): AppError {
  const message = 'This installation sends no SMS: please invite by e-mail.';
  return new AppError('sms_unavailable', message, { fields: { [field]: { code: 'sms_unavailable', message } } });
}

function refuseIfRestricted(host: { restrictedAt: Date | null }): void {
  if (host.restrictedAt) {
    throw new AppError('account_restricted', 'Processing of this professional’s data is restricted: no invitations are sent.');
  }
}

export class ConsultationService {
  constructor(private readonly deps: ConsultationServiceDeps) {}

  /** The actor holds it, or — practice staff — creates it for a professional of the organisation. */
  async create(actorId: string, input: z.output<typeof createConsultationRequest>): Promise<ConsultationRow> {
    const { store, clock } = this.deps;
    const actor = await this.host(actorId);
    const host = input.onBehalfOf ? await this.deps.accounts.findById(input.onBehalfOf) : actor;
    if (input.onBehalfOf && (!host || !organizesFor(actor, host) || host.status !== 'active')) {
      throw new AppError('not_found', 'No such professional in your organisation.');
    }
    if (!host || !organizationRules.holdsConsultations(host)) {
      throw new AppError('forbidden', 'Practice staff organise consultations but do not hold them.');
    }
    refuseIfRestricted(host);
    await this.deps.entitlement?.requireEntitled(host);
    const smsGuest = input.guests.findIndex((guest) => guest.phone);
    if (smsGuest >= 0 && !this.deps.sms) throw smsUnavailable(`guests.${smsGuest}.phone`);
    for (const guest of input.guests) await this.countInvitation(guest.email, guest.phone);
    const hostAccountId = host.id;
    const now = clock.now();
    const validFrom = input.startsAt ? new Date(input.startsAt) : now;
    if (validFrom.getTime() < now.getTime() - PAST_START_TOLERANCE_MINUTES * MINUTE) {
      throw new AppError('validation_failed', 'The start lies in the past.', {
        fields: {
          startsAt: { code: 'invalid_date', message: 'The start lies in the past.' },
        },
      });
    }
    const consultation = await store.create(
      {
        hostAccountId,
        callMode: input.mode,
        validFrom,
        validUntil: new Date(validFrom.getTime() + input.windowMinutes * MINUTE),
        createdAt: now,
      },
      displayNameOf(host),
    );
    for (const guest of input.guests) await this.invite(consultation, guest);
    return (await store.find(consultation.id)) ?? consultation;
  }

  async addGuest(actorId: string, consultationId: string, input: z.output<typeof addGuestRequest>): Promise<void> {
    const consultation = await this.openForInviting(actorId, consultationId);
    if (input.guest.phone && !this.deps.sms) throw smsUnavailable('guest.phone');
    await this.countInvitation(input.guest.email, input.guest.phone);
    const existing = await this.deps.store.invitationsOf([consultation.id]);
    if (existing.length >= MAX_INVITATIONS) {
      throw new AppError('validation_failed', `At most ${MAX_INVITATIONS} guests can be invited.`, {
        fields: {
          guest: { code: 'too_long', message: `At most ${MAX_INVITATIONS} guests can be invited.`, limit: MAX_INVITATIONS },
        },
      });
    }
    await this.invite(consultation, input.guest);
  }

  /** A new link replaces the old one; a guest already in the room keeps their place. */
  async resend(actorId: string, consultationId: string, invitationId: string): Promise<void> {
    const consultation = await this.openForInviting(actorId, consultationId);
    const invitation = await this.deps.store.findInvitation(consultation.id, invitationId);
    if (!invitation || invitation.status !== 'active') throw notFound();
    await this.countInvitation(invitation.guestEmail, invitation.guestPhone);
    const token = randomToken();
    await this.deps.store.updateInvitation(invitation.id, { tokenHash: sha256(token) });
    await this.deliver(consultation, invitation, token);
  }

  async revoke(actorId: string, consultationId: string, invitationId: string): Promise<void> {
    const consultation = await this.openForOrganizer(actorId, consultationId);
    const invitation = await this.deps.store.findInvitation(consultation.id, invitationId);
    if (!invitation) throw notFound();
    await this.deps.store.updateInvitation(invitation.id, { status: 'revoked' });
    const participant = await this.deps.store.findParticipantByInvitation(invitation.id);
    if (participant) {
      await this.deps.store.updateParticipant(participant.id, { status: 'removed', sessionHash: null });
      this.deps.events.participantRevoked(consultation.id, participant.id, 'revoked');
    }
  }

  async end(hostAccountId: string, consultationId: string): Promise<void> {
    const consultation = await this.deps.store.findOwned(consultationId, hostAccountId);
    if (!consultation) throw notFound();
    if (consultation.status === 'ended') return;
    await this.endNow(consultation.id, 'host');
  }

  /** A deactivated or removed member's links stop working at once. */
  async endAllHostedBy(hostAccountId: string): Promise<void> {
    for (const consultation of await this.deps.store.listOpen([hostAccountId])) await this.endNow(consultation.id, 'host');
  }

  /** Also used by the retention job for consultations nobody ended. */
  async endNow(consultationId: string, reason: 'host' | 'expired'): Promise<void> {
    const ended = await this.deps.store.end(consultationId, this.deps.clock.now());
    if (!ended) return;
    let chatMail: Record<string, ChatMailTicket> = {};
    try {
      chatMail = await this.chatMailTickets(ended);
    } finally {
      // Without tickets (the limit counter unreachable) the guests must still learn of the end.
      this.deps.events.consultationEnded(consultationId, reason, chatMail);
    }
  }

  /**
   * `mailsChatToInvitation` as it held just before the end, sealed into a ticket per guest, with the
   * mails the per-invitation limit still allows (the count the guest's mails during the call used).
   */
  private async chatMailTickets(ended: EndedConsultation): Promise<Record<string, ChatMailTicket>> {
    const tickets: Record<string, ChatMailTicket> = {};
    for (const { participant, invitation } of ended.guests) {
      const target = mailsChatToInvitation(participant, invitation);
      if (target.mail !== 'available' || !invitation) continue;
      const { remaining } = await this.deps.throttle.remaining('transcriptMailsPerInvitation', invitation.id);
      tickets[participant.id] = this.deps.chatTickets.issue({
        invitationId: invitation.id,
        consultationId: ended.consultation.id,
        address: target.address,
        name: participant.displayName ?? invitation.guestName,
        remaining,
      });
    }
    return tickets;
  }

  async owned(hostAccountId: string, consultationId: string): Promise<ConsultationRow> {
    const consultation = await this.deps.store.findOwned(consultationId, hostAccountId);
    if (!consultation) throw notFound();
    return consultation;
  }

  /**
   * The account's own place in the call: the host's, or a colleague's who answered (P-07). Practice
   * staff and everyone else have none (404), so they never get ICE credentials.
   */
  async callPlace(accountId: string, consultationId: string): Promise<ParticipantRow> {
    const consultation = await this.deps.store.find(consultationId);
    if (!consultation) throw notFound();
    const place =
      consultation.hostAccountId === accountId
        ? await this.deps.store.findHostParticipant(consultation.id)
        : await this.deps.store.findMemberParticipant(consultation.id, accountId);
    if (!place || (place.role === 'member' && place.status !== 'admitted')) throw notFound();
    return place;
  }

  /** The host, or practice staff of the host's organisation; anyone else gets 404. */
  async organizable(actorId: string, consultationId: string): Promise<ConsultationRow> {
    const consultation = await this.deps.store.find(consultationId);
    if (!consultation) throw notFound();
    if (consultation.hostAccountId === actorId) return consultation;
    const [actor, host] = await Promise.all([this.deps.accounts.findById(actorId), this.deps.accounts.findById(consultation.hostAccountId)]);
    if (!actor || !host || !organizesFor(actor, host)) throw notFound();
    return consultation;
  }

  /** Invitations and participants of consultations the caller may already see, for presenting them. */
  async peopleOf(consultationIds: string[]): Promise<{ invitations: InvitationRow[]; participants: ParticipantRow[] }> {
    const [invitations, participants] = await Promise.all([this.deps.store.invitationsOf(consultationIds), this.deps.store.participantsOf(consultationIds)]);
    return { invitations, participants };
  }

  /** One consultation as it is now (after a change the caller was allowed to make). */
  async current(consultationId: string): Promise<ConsultationRow> {
    const consultation = await this.deps.store.find(consultationId);
    if (!consultation) throw notFound();
    return consultation;
  }

  /**
   * Open consultations the actor holds, or — practice staff — those of their organisation (the
   * schedule), with their invitations and participants: polled, so read without opening any account.
   */
  async schedule(actorId: string): Promise<Schedule> {
    const actor = await this.deps.accounts.roleOf(actorId);
    if (!actor) throw new AppError('unauthenticated', 'Please log in.');
    if (actor.organizationRole !== 'staff' || !actor.organizationId) return this.deps.schedule.of({ hostAccountId: actorId });
    return this.deps.schedule.of({ organizationId: actor.organizationId });
  }

  private async open(hostAccountId: string, consultationId: string): Promise<ConsultationRow> {
    return ensureOpen(await this.owned(hostAccountId, consultationId));
  }

  private async openForOrganizer(actorId: string, consultationId: string): Promise<ConsultationRow> {
    return ensureOpen(await this.organizable(actorId, consultationId));
  }

  /** Invitations go out in the host's name: none while the host's processing is restricted (Art. 18). */
  private async openForInviting(actorId: string, consultationId: string): Promise<ConsultationRow> {
    const consultation = await this.openForOrganizer(actorId, consultationId);
    refuseIfRestricted(await this.host(consultation.hostAccountId));
    return consultation;
  }

  /** Before anything is stored or sent: 429 once one guest's address or number had enough invitations. */
  private async countInvitation(email: string | null | undefined, phone: string | null | undefined): Promise<void> {
    if (email) await this.deps.throttle.consume('guestInvitationsPerAddress', `email:${email.trim().toLowerCase()}`);
    if (phone) await this.deps.throttle.consume('guestInvitationsPerAddress', `phone:${phone}`);
  }

  private async host(accountId: string) {
    const host = await this.deps.accounts.findById(accountId);
    if (!host) throw new AppError('unauthenticated', 'Please log in.');
    return host;
  }

  /** P-09, "after a call": the host keeps a guest's data only by this explicit choice. */
  async saveGuestAsContact(hostAccountId: string, consultationId: string, invitationId: string): Promise<ContactRow> {
    const consultation = await this.open(hostAccountId, consultationId);
    const invitation = await this.deps.store.findInvitation(consultation.id, invitationId);
    if (!invitation) throw notFound();
    return this.deps.contacts.add(
      hostAccountId,
      { name: invitation.guestName, email: invitation.guestEmail, phone: invitation.guestPhone },
      this.deps.clock.now(),
    );
  }

  private async invite(consultation: ConsultationRow, guest: GuestInput & { phone?: string; saveToContacts?: boolean }): Promise<void> {
    if (guest.saveToContacts) await this.deps.contacts.add(consultation.hostAccountId, guest, this.deps.clock.now());
    const token = randomToken();
    const invitation = await this.deps.store.addInvitation({
      consultationId: consultation.id,
      tokenHash: sha256(token),
      guestName: guest.name,
      guestEmail: guest.email ?? null,
      guestPhone: guest.phone ?? null,
      createdAt: this.deps.clock.now(),
    });
    // Read afresh: several guests are invited one after another into the same consultation.
    const current = (await this.deps.store.find(consultation.id)) ?? consultation;
    const channels = new Set(current.invitationChannels);
    if (guest.email) channels.add('email');
    if (guest.phone) channels.add('sms');
    await this.deps.store.update(consultation.id, { invitationChannels: [...channels].sort() });
    await this.deliver(consultation, invitation, token);
  }

  /**
   * Sends the link by every channel the guest has. A provider failure is recorded on the invitation
   * and shown to the host; it never fails the whole request or goes unnoticed.
   */
  private async deliver(consultation: ConsultationRow, invitation: InvitationRow, token: string): Promise<void> {
    const host = await this.host(consultation.hostAccountId);
    const link = new URL('/join', this.deps.publicUrl);
    link.hash = token;
    const facts = {
      locale: host.locale as Locale,
      hostName: displayNameOf(host),
      guestName: invitation.guestName,
      validFrom: consultation.validFrom,
      validUntil: consultation.validUntil,
      link: link.toString(),
    };
    const errors: string[] = [];
    let emailDelivery: 'sent' | 'failed' | null = null;
    let smsDelivery: 'sent' | 'failed' | null = null;
    if (invitation.guestEmail) {
      try {
        await this.deps.mailer.send(invitationMail(invitation.guestEmail, facts));
        emailDelivery = 'sent';
      } catch {
        emailDelivery = 'failed';
        errors.push('The e-mail could not be delivered to our mail server.');
      }
    }
    if (invitation.guestPhone && !this.deps.sms) {
      // An invitation made while a provider was configured, resent after it was removed.
      smsDelivery = 'failed';
      errors.push('This installation sends no SMS.');
    } else if (invitation.guestPhone && this.deps.sms) {
      try {
        await this.deps.sms.send(invitationSms(invitation.guestPhone, facts));
        smsDelivery = 'sent';
      } catch (error) {
        smsDelivery = 'failed';
        errors.push(error instanceof SmsDeliveryError ? error.reason : 'The SMS could not be sent.');
      }
    }
    await this.deps.store.updateInvitation(invitation.id, {
      emailDelivery,
      smsDelivery,
      deliveryError: errors.length > 0 ? errors.join(' ') : null,
      lastSentAt: this.deps.clock.now(),
    });
  }
}
