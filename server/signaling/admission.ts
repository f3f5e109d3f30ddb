import { CLOSE_CODES, type ClientMessageOf } from '../../common/signaling';
import type { Clock } from '../clock';
import type { Config } from '../config/config';
import { iceConfigurationFor } from '../consultations/ice';
import type { ConsultationStore } from '../consultations/store';
import type { CallCounters } from '../metrics/metrics';
import { announce, broadcastLeft, send, sendError, tell } from './messages';
import { describeMember, type Member, type Room } from './room';

/** What practice staff do in a waiting room through the API. */
export type OrganizerAction = { kind: 'admit' } | { kind: 'decline' } | { kind: 'message'; text: string; fromName: string };

/**
 * The waiting room of every room on this process: admission (by the host in the call or by practice
 * staff), declining and removing guests, and messages to those who wait. The hub hands it the
 * room; what it decides is stored before anyone is told.
 */
export class Admission {
  constructor(
    private readonly deps: {
      store: Pick<ConsultationStore, 'updateParticipant' | 'recordAdmission'>;
      clock: Clock;
      /** Counts admissions when metrics are on. */
      counters?: Pick<CallCounters, 'callSetUp'> | undefined;
      /** The ICE servers an admitted guest gets with the admission (TURN credentials: admitted only). */
      ice: Config['ice'];
    },
  ) {}

  /** The host's `admit`. */
  async admit(room: Room, host: Member, participantId: string): Promise<void> {
    const outcome = await this.admitWaiting(room, participantId);
    if (outcome === 'not_waiting') return sendError(host, 'unknown_participant', 'Nobody with this id is waiting.', 'admit');
    if (outcome === 'room_full') sendError(host, 'room_full', 'The call already has the maximum number of participants.', 'admit');
  }

  /** Admission, whoever asks for it (the host in the call, or practice staff through the API). */
  private async admitWaiting(room: Room, participantId: string): Promise<'admitted' | 'not_waiting' | 'room_full'> {
    const guest = room.members.get(participantId);
    if (!guest || guest.status !== 'waiting') return 'not_waiting';
    if (!room.hasRoomForOneMore()) {
      for (const host of room.hosts()) send(host, { type: 'participant-refused', displayName: guest.displayName, reason: 'room_full' });
      sendError(guest, 'room_full', 'The call is full at the moment. Please wait; the practice knows you are here.');
      return 'room_full';
    }
    const now = this.deps.clock.now();
    await this.deps.store.recordAdmission(guest.participantId, room.consultationId, now);
    guest.status = 'admitted';
    this.deps.counters?.callSetUp('consultation');
    // With what the guest's first links need: no request and no second message between admission and offer.
    const participants = room.visibleTo(guest).map((other) => describeMember(other, guest));
    tell(guest, { type: 'admitted', ice: iceConfigurationFor(this.deps.ice, guest.participantId, now), participants });
    tell(guest, { type: 'roster', participants });
    announce(room, guest, 'participant-updated');
    return 'admitted';
  }

  /**
   * Waiting-room actions of practice staff, who organise but never join the call (Anlage 31b):
   * they act through the API, never through a signaling socket of their own.
   */
  async organizerAction(room: Room | undefined, participantId: string, action: OrganizerAction): Promise<'done' | 'not_waiting' | 'room_full'> {
    const guest = room?.members.get(participantId);
    if (!room || !guest || guest.status !== 'waiting') return 'not_waiting';
    if (action.kind === 'admit') {
      const outcome = await this.admitWaiting(room, participantId);
      return outcome === 'admitted' ? 'done' : outcome;
    }
    if (action.kind === 'decline') {
      await this.removeGuest(room, guest, 'declined');
      return 'done';
    }
    tell(guest, {
      type: 'waiting-message',
      from: room.hosts()[0]?.participantId ?? guest.participantId,
      fromName: action.fromName,
      text: action.text,
      sentAt: this.deps.clock.now().getTime(),
    });
    return 'done';
  }

  /** The host's `decline` (of a waiting guest) or `remove` (of anyone but a host). */
  async dismiss(room: Room, host: Member, participantId: string, outcome: 'declined' | 'removed'): Promise<void> {
    const guest = room.members.get(participantId);
    const allowed = outcome === 'declined' ? guest?.status === 'waiting' : guest !== undefined && guest.role !== 'host';
    if (!guest || !allowed) {
      return sendError(host, 'unknown_participant', 'No such participant.', outcome === 'declined' ? 'decline' : 'remove');
    }
    await this.removeGuest(room, guest, outcome);
  }

  private async removeGuest(room: Room, guest: Member, outcome: 'declined' | 'removed'): Promise<void> {
    await this.deps.store.updateParticipant(guest.participantId, { status: outcome, sessionHash: null, resumeHash: null });
    broadcastLeft(room, guest, outcome);
    const code = outcome === 'declined' ? CLOSE_CODES.declined : CLOSE_CODES.removed;
    tell(guest, { type: outcome }, { code, reason: outcome });
    room.remove(guest.participantId);
  }

  waitingMessage(room: Room, host: Member, message: ClientMessageOf<'waiting-message'>): void {
    const guest = room.members.get(message.to);
    if (!guest || guest.status !== 'waiting') {
      return sendError(host, 'unknown_participant', 'Nobody with this id is waiting.', 'waiting-message');
    }
    tell(guest, {
      type: 'waiting-message',
      from: host.participantId,
      fromName: host.displayName,
      text: message.text,
      sentAt: this.deps.clock.now().getTime(),
    });
  }
}
