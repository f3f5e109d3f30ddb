import type { z } from 'zod';
import type { guestDetailsRequest, JoinView } from '../../common/api/consultations';
import type { AccountStore } from '../accounts/store';
import type { Clock } from '../clock';
import { AppError } from '../http/errors';
import { randomToken, sha256 } from '../security/tokens';
import type { ConsultationEvents } from './service';
import type { ConsultationRow, ConsultationStore, ParticipantRow } from './store';

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
  return new AppError(410, 'link_invalid', 'This link cannot be used. Please contact the practice for a new one.');
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
    const { store, clock } = this.deps;
    const invitation = await store.findInvitationByToken(sha256(token));
    const consultation = invitation ? await store.find(invitation.consultationId) : undefined;
    const now = clock.now();
    if (!invitation || !consultation || invitation.status !== 'active' || consultation.status !== 'open') throw linkInvalid();
    if (consultation.validUntil <= now) throw linkInvalid();
    if (consultation.validFrom > now) {
      throw new AppError(403, 'link_not_yet_valid', 'This link opens later.', undefined, undefined, {
        opensAt: consultation.validFrom.toISOString(),
        closesAt: consultation.validUntil.toISOString(),
      });
    }
    const cookieValue = randomToken();
    const existing = await store.findParticipantByInvitation(invitation.id);
    let participant: ParticipantRow;
    if (existing) {
      if (existing.status === 'declined' || existing.status === 'removed') throw linkInvalid();
      participant = (await store.updateParticipant(existing.id, { sessionHash: sha256(cookieValue) })) ?? existing;
      if (existing.sessionHash) this.deps.events.participantRevoked(consultation.id, existing.id, 'replaced');
    } else {
      participant = await store.insertParticipant({
        consultationId: consultation.id,
        role: 'guest',
        invitationId: invitation.id,
        sessionHash: sha256(cookieValue),
        createdAt: now,
      });
    }
    return { cookieValue, view: await this.view({ participant, consultation }, invitation.guestName) };
  }

  /** The guest behind a cookie, while the consultation is open and the guest still has a place. */
  async resolve(cookieValue: string): Promise<GuestIdentity | undefined> {
    const participant = await this.deps.store.findParticipantBySession(sha256(cookieValue));
    if (!participant || participant.status === 'declined' || participant.status === 'removed') return undefined;
    const consultation = await this.deps.store.find(participant.consultationId);
    if (!consultation || consultation.status !== 'open') return undefined;
    // Once admitted a guest may stay past the window; before that the window is the limit.
    if (participant.status !== 'admitted' && consultation.validUntil <= this.deps.clock.now()) return undefined;
    return { participant, consultation };
  }

  async describe(identity: GuestIdentity): Promise<JoinView> {
    const invitation = identity.participant.invitationId
      ? (await this.deps.store.invitationsOf([identity.consultation.id])).find((row) => row.id === identity.participant.invitationId)
      : undefined;
    return this.view(identity, invitation?.guestName ?? '');
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
      hostName: host ? `${host.firstName} ${host.lastName}` : '',
      suggestedName,
      displayName: identity.participant.displayName,
      consented: identity.participant.consentedAt !== null,
      validUntil: identity.consultation.validUntil.toISOString(),
      status: identity.participant.status,
    };
  }
}
