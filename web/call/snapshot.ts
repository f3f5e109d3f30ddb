import type { SignalingState } from './SignalingClient';
import { deriveCallState } from './callState';
import type { DataChannelHub } from './DataChannelHub';
import type { LocalSide } from './LocalSide';
import type { ServerNotices } from './notices';
import type { RemotePeers } from './RemotePeers';
import { admittedOthers, type RosterState } from './Roster';
import type { CallError, CallSnapshot, CallState, EndReason } from './types';

/** The parts of a session a snapshot is made of, read at the moment it is taken. */
export interface SnapshotParts {
  readonly started: boolean;
  readonly endReason: EndReason | null;
  readonly fatal: CallError | null;
  /** The call was `connected` before (see deriveCallState). */
  readonly wasConnected: boolean;
  readonly signaling: SignalingState;
  readonly roster: RosterState;
  readonly local: Pick<LocalSide, 'media' | 'interruptions' | 'mode' | 'videoRequested'>;
  readonly peers: Pick<RemotePeers, 'linkStates' | 'view' | 'adaptation'>;
  readonly hub: Pick<DataChannelHub, 'messages' | 'transfers' | 'hasContent'>;
  readonly notices: ServerNotices;
}

/** The overall state and error (see {@link CallState}) of the parts. */
export function overallState(parts: SnapshotParts): { state: CallState; error: CallError | null } {
  return deriveCallState({
    endReason: parts.endReason,
    fatal: parts.fatal,
    started: parts.started,
    self: parts.roster.self,
    signaling: parts.signaling,
    links: parts.peers.linkStates(),
    peersAdmitted: admittedOthers(parts.roster).length > 0,
    wasConnected: parts.wasConnected,
  });
}

/** What a view renders (types.ts), made from the parts. */
export function callSnapshot(parts: SnapshotParts): CallSnapshot {
  const { state, error } = overallState(parts);
  const { local, peers, hub } = parts;
  return {
    state,
    endReason: parts.endReason,
    error,
    signaling: parts.signaling,
    self: parts.roster.self,
    participants: [...parts.roster.others.values()].map((p) => peers.view(p)),
    local: local.media.snapshot,
    chat: hub.messages,
    transfers: hub.transfers,
    ...parts.notices,
    hasUnsavedContent: hub.hasContent,
    mode: local.mode,
    videoRequested: local.videoRequested,
    adaptation: peers.adaptation.snapshot,
    interruptions: local.interruptions.snapshot,
  };
}
