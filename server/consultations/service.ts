import type { z } from 'zod';
import type { addGuestRequest, createConsultationRequest, GuestInput } from '../../common/api/consultations';
import { MAX_INVITATIONS } from '../../common/api/consultations';
import type { AccountStore } from '../accounts/store';
import type { Clock } from '../clock';
import { AppError } from '../http/errors';
import { organizationRules, organizesFor } from '../organizations/policy';
import { invitationMail, invitationSms, type Locale } from '../notify/invitation-messages';
import type { Mailer } from '../notify/mailer';
import { SmsDeliveryError, type SmsSender } from '../notify/sms';
import { randomToken, sha256 } from '../security/tokens';
import type { ContactRow, ContactStore } from '../contacts/store';
import type { ConsultationRow, ConsultationStore, InvitationRow, ParticipantRow } from './store';

/** What the live call side (signaling) must learn from changes made through the API. */
export interface ConsultationEvents {
  /**
   * The participant's open sockets must close at once: its invitation was revoked, or the link was
   * opened on another device, which now holds the place.
   */
  participantRevoked(consultationId: string, participantId: string, reason: 'revoked' | 'replaced'): void;
  consultationEnded(consultationId: string, reason: 'host' | 'expired'): void;
}

export interface ConsultationServiceDeps {
  store: ConsultationStore;
  contacts: ContactStore;
  accounts: AccountStore;
  mailer: Mailer;
  sms: SmsSender;
  clock: Clock;
  publicUrl: URL;
  events: ConsultationEvents;
}

const MINUTE = 60_000;

export function notFound(): AppError {
  return new AppError(404, 'not_found', 'No such consultation.');
}

function ensureOpen(consultation: ConsultationRow): ConsultationRow {
  if (consultation.status !== 'open') throw new AppError(409, 'consultation_ended', 'This consultation has ended.');
  return consultation;
}

function refuseIfRestricted(host: { restrictedAt: Date | null }): void {
  if (host.restrictedAt) {
    throw new AppError(409, 'account_restricted', 'Processing of this professional’s data is restricted: no invitations are sent.');
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
      throw new AppError(404, 'not_found', 'No such professional in your organisation.');
    }
    if (!host || !organizationRules.holdsConsultations(host)) {
      throw new AppError(403, 'forbidden', 'Practice staff organise consultations but do not hold them.');
    }
    refuseIfRestricted(host);
    const hostAccountId = host.id;
    const now = clock.now();
    const validFrom = input.startsAt ? new Date(input.startsAt) : now;
    if (validFrom.getTime() < now.getTime() - 5 * MINUTE) {
      throw new AppError(422, 'validation_failed', 'The start lies in the past.', {
        startsAt: { code: 'invalid_date', message: 'The start lies in the past.' },
      });
    }
    const consultation = await store.create(
      {
        hostAccountId,
        validFrom,
        validUntil: new Date(validFrom.getTime() + input.windowMinutes * MINUTE),
        createdAt: now,
      },
      `${host.firstName} ${host.lastName}`,
    );
    for (const guest of input.guests) await this.invite(consultation, guest);
    return (await store.find(consultation.id)) ?? consultation;
  }

  async addGuest(actorId: string, consultationId: string, input: z.output<typeof addGuestRequest>): Promise<void> {
    const consultation = await this.openForInviting(actorId, consultationId);
    const existing = await this.deps.store.invitationsOf([consultation.id]);
    if (existing.length >= MAX_INVITATIONS) {
      throw new AppError(422, 'validation_failed', `At most ${MAX_INVITATIONS} guests can be invited.`, {
        guest: { code: 'too_long', message: `At most ${MAX_INVITATIONS} guests can be invited.`, limit: MAX_INVITATIONS },
      });
    }
    await this.invite(consultation, input.guest);
  }

  /** A new link replaces the old one; a guest already in the room keeps their place. */
  async resend(actorId: string, consultationId: string, invitationId: string): Promise<void> {
    const consultation = await this.openForInviting(actorId, consultationId);
    const invitation = await this.deps.store.findInvitation(consultation.id, invitationId);
    if (!invitation || invitation.status !== 'active') throw notFound();
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
    if (ended) this.deps.events.consultationEnded(consultationId, reason);
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
    const [actor, host] = await Promise.all([
      this.deps.accounts.findById(actorId),
      this.deps.accounts.findById(consultation.hostAccountId),
    ]);
    if (!actor || !host || !organizesFor(actor, host)) throw notFound();
    return consultation;
  }

  /** Open consultations the actor holds, or — practice staff — those of their organisation (the schedule). */
  async schedule(actorId: string): Promise<ConsultationRow[]> {
    const actor = await this.host(actorId);
    if (actor.organizationRole !== 'staff' || !actor.organizationId) return this.deps.store.listOpen([actorId]);
    const colleagues = await this.deps.accounts.ofOrganization(actor.organizationId);
    // One query for the whole organisation, earliest first like a schedule.
    const rows = await this.deps.store.listOpen(colleagues.map((colleague) => colleague.id));
    return rows.sort((a, b) => a.validFrom.getTime() - b.validFrom.getTime());
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

  private async host(accountId: string) {
    const host = await this.deps.accounts.findById(accountId);
    if (!host) throw new AppError(401, 'unauthenticated', 'Please log in.');
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
      hostName: `${host.firstName} ${host.lastName}`,
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
    if (invitation.guestPhone) {
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
