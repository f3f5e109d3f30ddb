import type * as z from 'zod';
import type { CallMode } from '../../common/signaling';
import type { guestDetailsRequest, JoinView } from '../../common/api/consultations';
import { isUniqueViolation, type AccountStore } from '../accounts/store';
import type { Clock } from '../clock';
import { AppError } from '../http/errors';
import { randomToken, sha256 } from '../security/tokens';
import { mailsChatToInvitation, type GuestTranscriptMail } from './policy';
import type { ConsultationEvents } from './service';
import type { ConsultationRow, ConsultationStore, ParticipantRow } from './store';
import { displayNameOf } from '../accounts/display-name';

/** A guest, as resolved from the guest cookie on each request. */
export interface GuestIdentity {
  participant: ParticipantRow;
  consultation: ConsultationRow;
}

/**
 * Every link that cannot be used — unknown, revoked, expired, or of an ended consultation — gets
 * this one answer, so the page reveals nothing about the practice or whether the link ever existed.
 */
function linkInvalid(): AppError {
  return new AppError('link_invalid', 'This link cannot be used. Please contact the practice for a new one.');
}

export class GuestService {
  constructor(
    private readonly deps: {
      store: ConsultationStore;
      accounts: AccountStore;
      clock: Clock;
      events: ConsultationEvents;
    },
  ) {}

  /**
   * Exchanges the link token for a guest cookie bound to this consultation. The newest device to
   * open the link takes the place; an older one is disconnected.
   */
  async join(token: string): Promise<{ cookieValue: string; view: JoinView }> {
    const { invitation, consultation, now } = await this.usableLink(token);
    if (consultation.validFrom > now) {
      throw new AppError('link_not_yet_valid', 'This link opens later.', {
        details: {
          opensAt: consultation.validFrom.toISOString(),
          closesAt: consultation.validUntil.toISOString(),
        },
      });
    }
    const cookieValue = randomToken();
    const participant = await this.takePlace(consultation.id, invitation.id, sha256(cookieValue), now);
    return { cookieValue, view: await this.view({ participant, consultation }, invitation.guestName) };
  }

  /**
   * The link's one place in the call, for the device that opened it last. Two devices opening the
   * link at the same moment both find no place; the later insert loses the race on the unique
   * invitation and takes the place the other one made, as if it had come second.
   */
  private async takePlace(consultationId: string, invitationId: string, sessionHash: string, now: Date): Promise<ParticipantRow> {
    const { store } = this.deps;
    const existing = await store.findParticipantByInvitation(invitationId);
    if (!existing) {
      try {
        return await store.insertParticipant({ consultationId, role: 'guest', invitationId, sessionHash, createdAt: now });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    }
    const current = existing ?? (await store.findParticipantByInvitation(invitationId));
    if (!current || current.status === 'declined' || current.status === 'removed') throw linkInvalid();
    const participant = (await store.updateParticipant(current.id, { sessionHash })) ?? current;
    if (current.sessionHash) this.deps.events.participantRevoked(consultationId, current.id, 'replaced');
    return participant;
  }

  /**
   * The invitation behind a link, for the connection test (issue 9 §5): the same links as `join`
   * accepts, and also before the window opens, which is when a guest wants to try their devices.
   */
  async connectionTestLink(token: string): Promise<{ invitationId: string; mode: CallMode }> {
    const { invitation, consultation } = await this.usableLink(token);
    const participant = await this.deps.store.findParticipantByInvitation(invitation.id);
    if (participant && (participant.status === 'declined' || participant.status === 'removed')) throw linkInvalid();
    return { invitationId: invitation.id, mode: consultation.callMode };
  }

  /** An active invitation of an open consultation whose window has not closed (it may not have opened yet). */
  private async usableLink(token: string) {
    const { store, clock } = this.deps;
    const invitation = await store.findInvitationByToken(sha256(token));
    const consultation = invitation ? await store.find(invitation.consultationId) : undefined;
    const now = clock.now();
    if (!invitation || !consultation || invitation.status !== 'active' || consultation.status !== 'open') throw linkInvalid();
    if (consultation.validUntil <= now) throw linkInvalid();
    return { invitation, consultation, now };
  }

  /** The guest behind a cookie, while the consultation is open and the guest still has a place. */
  async resolve(cookieValue: string): Promise<GuestIdentity | undefined> {
    return (await this.place(cookieValue))?.identity;
  }

  /** `resolve` with the name the guest was invited by (the signaling upgrade shows it to the host): one read. */
  async place(cookieValue: string): Promise<{ identity: GuestIdentity; invitedName: string | null; noOneToResume: boolean } | undefined> {
    const found = await this.deps.store.findGuestPlace(sha256(cookieValue));
    if (!found) return undefined;
    const { participant, consultation, invitedName, noOneToResume } = found;
    if (participant.status === 'declined' || participant.status === 'removed') return undefined;
    if (consultation.status !== 'open') return undefined;
    // Once admitted a guest may stay past the window; before that the window is the limit.
    if (participant.status !== 'admitted' && consultation.validUntil <= this.deps.clock.now()) return undefined;
    return { identity: { participant, consultation }, invitedName, noOneToResume };
  }

  async describe(identity: GuestIdentity): Promise<JoinView> {
    const invitation = await this.invitationOf(identity);
    return this.view(identity, invitation?.guestName ?? '');
  }

  /** Where this guest's chat PDF may be mailed: their invitation's address, or nowhere (P-11). */
  async transcriptMail(identity: GuestIdentity): Promise<GuestTranscriptMail & { name: string }> {
    const invitation = await this.invitationOf(identity);
    return {
      ...mailsChatToInvitation(identity.participant, invitation),
      name: identity.participant.displayName ?? invitation?.guestName ?? '',
    };
  }

  private async invitationOf(identity: GuestIdentity) {
    const { invitationId } = identity.participant;
    return invitationId ? this.deps.store.findInvitation(identity.consultation.id, invitationId) : undefined;
  }

  /** Name shown to everyone in the call, and consent (Art. 9(2)(a) GDPR), before the waiting room. */
  async saveDetails(identity: GuestIdentity, input: z.output<typeof guestDetailsRequest>): Promise<JoinView> {
    const updated = await this.deps.store.updateParticipant(identity.participant.id, {
      displayName: input.displayName,
      consentedAt: identity.participant.consentedAt ?? this.deps.clock.now(),
    });
    return this.describe({ ...identity, participant: updated ?? identity.participant });
  }

  private async view(identity: GuestIdentity, suggestedName: string): Promise<JoinView> {
    const host = await this.deps.accounts.findById(identity.consultation.hostAccountId);
    return {
      consultationId: identity.consultation.id,
      participantId: identity.participant.id,
      hostName: host ? displayNameOf(host) : '',
      suggestedName,
      displayName: identity.participant.displayName,
      consented: identity.participant.consentedAt !== null,
      validUntil: identity.consultation.validUntil.toISOString(),
      status: identity.participant.status,
      mode: identity.consultation.callMode,
    };
  }
}
