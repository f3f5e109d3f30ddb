import type { AccountStore } from '../accounts/store';
import { displayNameOf } from '../accounts/display-name';
import { AppError } from '../http/errors';
import type { SignalingCluster } from '../signaling/cluster';
import type { ConsultationService } from './service';

type OrganizerAction = Parameters<SignalingCluster['organizerAction']>[2];

/**
 * The waiting room from outside the call: the host or practice staff admit, refuse or message a
 * waiting guest through the room's process (which may be another one).
 */
export class WaitingRoomService {
  constructor(private readonly deps: { consultations: ConsultationService; signaling: SignalingCluster; accounts: AccountStore }) {}

  admitOrDecline(actorId: string, target: { id: string; participantId: string }, kind: 'admit' | 'decline'): Promise<void> {
    return this.act(actorId, target, { kind });
  }

  /** A short text ("5 minutes, please"), signed with the sender's name. */
  async message(actorId: string, target: { id: string; participantId: string }, text: string): Promise<void> {
    const actor = await this.deps.accounts.findById(actorId);
    await this.act(actorId, target, { kind: 'message', text, fromName: actor ? displayNameOf(actor) : '' });
  }

  private async act(actorId: string, target: { id: string; participantId: string }, action: OrganizerAction): Promise<void> {
    const consultation = await this.deps.consultations.organizable(actorId, target.id);
    const outcome = await this.deps.signaling.organizerAction(consultation.id, target.participantId, action);
    if (outcome === 'not_waiting') throw new AppError('not_found', 'Nobody with this id is waiting.');
    if (outcome === 'room_full') throw new AppError('room_full', 'The call already has the maximum number of participants.');
  }
}
