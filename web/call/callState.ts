import { CLOSE_CODES, type Participant } from '../../common/signaling';
import type { PeerLink, PeerLinkState } from './PeerLink';
import type { SafetyCodeView } from './SafetyCodes';
import type { SignalingCloseInfo, SignalingState } from './SignalingClient';
import type { LinkStats } from './stats';
import type { CallError, CallState, EndReason, ParticipantView, SelfView } from './types';

export interface CallStateInput {
  endReason: EndReason | null;
  fatal: CallError | null;
  started: boolean;
  self: SelfView | null;
  signaling: SignalingState;
  links: readonly PeerLinkState[];
  /** Someone else is admitted (so a link is expected). */
  peersAdmitted: boolean;
  /** The call was `connected` before (a newcomer's link connecting does not make it `joining` again). */
  wasConnected: boolean;
}

/** The overall state (see {@link CallState}), derived from its parts only. */
export function deriveCallState(input: CallStateInput): { state: CallState; error: CallError | null } {
  if (input.endReason) return { state: 'ended', error: null };
  if (input.fatal) return { state: 'failed', error: input.fatal };
  if (!input.started) return { state: 'idle', error: null };
  if (!input.self) return { state: 'joining', error: null };
  const signalingDown = input.signaling !== 'open';
  if (input.self.status === 'waiting') return { state: signalingDown ? 'reconnecting' : 'waiting', error: null };
  if (input.links.includes('connected')) return { state: 'connected', error: null };
  if (input.links.includes('reconnecting')) return { state: 'reconnecting', error: null };
  if (input.links.length > 0 && input.links.every((state) => state === 'failed')) {
    return { state: 'failed', error: 'connection_failed' };
  }
  if (!input.peersAdmitted) return { state: signalingDown ? 'reconnecting' : 'connected', error: null };
  return { state: input.wasConnected ? 'connected' : 'joining', error: null };
}

/**
 * A remote participant as the UI sees it. Streams are told apart by the stream ids the participant
 * announced in its media state; a stream without tracks is left out (it would block a <video>).
 */
export function participantView(
  participant: Participant,
  link: PeerLink | undefined,
  stats: LinkStats | null,
  safetyCode: SafetyCodeView | null,
): ParticipantView {
  const streams = link ? [...link.remoteStreams.values()].filter((stream) => stream.getTracks().length > 0) : [];
  const { media } = participant;
  const screen = media.screen ? (streams.find((stream) => stream.id === media.screenStreamId) ?? null) : null;
  const camera = streams.find((stream) => stream.id === media.cameraStreamId) ?? streams.find((stream) => stream.id !== media.screenStreamId) ?? null;
  return {
    id: participant.id,
    displayName: participant.displayName,
    role: participant.role,
    status: participant.status,
    online: participant.online,
    media,
    link: link?.state ?? null,
    cameraStream: camera,
    screenStream: screen,
    stats,
    safetyCode,
    ...(participant.invitedName ? { invitedName: participant.invitedName } : {}),
  };
}

const END_BY_CODE: Record<number, EndReason> = {
  [CLOSE_CODES.ended]: 'ended',
  [CLOSE_CODES.removed]: 'removed',
  [CLOSE_CODES.declined]: 'declined',
  [CLOSE_CODES.revoked]: 'revoked',
  [CLOSE_CODES.replaced]: 'replaced',
};

/**
 * What the signaling client's final close means for the call: the end (the server said why, or its
 * close code does), a fatal error, or neither (closed by us, or another close it does not retry).
 */
export function closeOutcome(info: Pick<SignalingCloseInfo, 'code' | 'cause'>): { end: EndReason } | { fatal: CallError | null } {
  if (info.cause) return { end: info.cause };
  const reason = END_BY_CODE[info.code];
  if (reason) return { end: reason };
  if (info.code === CLOSE_CODES.unauthenticated) return { fatal: 'unauthenticated' };
  return { fatal: info.code === CLOSE_CODES.roomFull ? 'room_full' : null };
}
