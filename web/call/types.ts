import type { SafetyCodeView } from './SafetyCodes';
import type { CallMode, ChatMailTicket, MediaState, ParticipantRole, ParticipantStatus, SignalingErrorCode } from '../../common/signaling';
import type { ChatMessage } from './DataChannelHub';
import type { FileTransfer } from './files';
import type { InterruptionsSnapshot } from './interruptions';
import type { LocalMediaSnapshot } from './LocalMedia';
import type { PeerLinkState } from './PeerLink';
import type { SignalingState } from './SignalingClient';
import type { LinkStats } from './stats';
import type { AdaptationSnapshot } from './VideoAdaptation';

/**
 * Overall call state, derived (never set directly) from signaling, admission and the peer links:
 * idle: join() not called. joining: connecting to signaling, or just admitted and no peer link has
 *   connected yet (a newcomer's link connecting later does not bring the call back here). waiting: in the waiting room. connected: at least one peer link is connected, or
 *   admitted and alone. reconnecting: no peer connected but some are recovering, or (alone / waiting)
 *   the signaling socket is reconnecting. ended: left, ended by the host, removed or declined
 *   (terminal). failed: a fatal error (see `error`), or every peer link failed (recovers by itself if
 *   a link comes back, e.g. on the `online` event).
 */
export type CallState = 'idle' | 'joining' | 'waiting' | 'connected' | 'reconnecting' | 'ended' | 'failed';

export type EndReason = 'left' | 'ended' | 'removed' | 'declined' | 'revoked' | 'replaced';
export type CallError = 'unauthenticated' | 'room_full' | 'ice_configuration_failed' | 'connection_failed';

export interface SelfView {
  readonly id: string;
  readonly displayName: string;
  readonly role: ParticipantRole;
  readonly status: ParticipantStatus;
}

export interface ParticipantView {
  readonly id: string;
  readonly displayName: string;
  readonly role: ParticipantRole;
  readonly status: ParticipantStatus;
  /** False while their signaling socket is away (media may still flow). */
  readonly online: boolean;
  /** What they announced (mute icons). */
  readonly media: MediaState;
  readonly link: PeerLinkState | null;
  /** Their camera + microphone, once a track arrived. */
  readonly cameraStream: MediaStream | null;
  /** Their screen share, while `media.screen` is on. */
  readonly screenStream: MediaStream | null;
  readonly stats: LinkStats | null;
  /** The safety code of our connection to them (null until DTLS is up and a stats sample was taken). */
  readonly safetyCode: SafetyCodeView | null;
  /** The host alone learns the name a guest was invited under, when the guest typed another. */
  readonly invitedName?: string;
}

export interface CallSnapshot {
  readonly state: CallState;
  readonly endReason: EndReason | null;
  readonly error: CallError | null;
  readonly signaling: SignalingState;
  readonly self: SelfView | null;
  /** Everyone else the server lets us see (hosts also see the waiting room). */
  readonly participants: readonly ParticipantView[];
  readonly local: LocalMediaSnapshot;
  readonly chat: readonly ChatMessage[];
  readonly transfers: readonly FileTransfer[];
  /** Texts from the host while we wait. */
  readonly waitingMessages: readonly { readonly fromName: string; readonly text: string; readonly sentAt: number }[];
  /** Host only: people the server turned away (room full). */
  readonly refused: readonly { readonly displayName: string; readonly reason: 'room_full'; readonly at: number }[];
  /** The last non-fatal error the server reported (e.g. host_only). */
  readonly lastServerError: { readonly code: SignalingErrorCode; readonly ref: string | null } | null;
  /** Chat or files exist that a refresh would lose (P-11): the UI warns before unload. */
  readonly hasUnsavedContent: boolean;
  /** P-28: `audio` while the call is audio-only; the host may switch it to `video`. */
  readonly mode: CallMode;
  /** The host switched video on and our camera stays closed until we agree (a guest's consent prompt). */
  readonly videoRequested: boolean;
  /** Our low-bandwidth switch and, per remote participant, what our video to them adapted to (A31b-8). */
  readonly adaptation: AdaptationSnapshot;
  /** A guest invited by e-mail, when the host ended the call: the ticket to have the chat mailed (P-11). */
  readonly chatMailAfterEnd: ChatMailTicket | null;
  /** A phone's camera paused in the background, or its microphone taken by a phone call (interruptions.ts). */
  readonly interruptions: InterruptionsSnapshot;
}
