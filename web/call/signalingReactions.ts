import type { CallMode } from '../../common/signaling';
import type { CallRoster } from './CallRoster';
import type { CallIceConfiguration } from './iceConfig';
import type { Logger } from './logger';
import type { NoticeMessage } from './notices';
import type { RemotePeers } from './RemotePeers';
import type { SignalingClient, SignalingCloseInfo } from './SignalingClient';

/** The parts of a session the server's messages act on, and what stays the session's own to do. */
export interface SignalingReactionTargets {
  readonly logger: Logger;
  readonly roster: Pick<CallRoster, 'state' | 'welcomed' | 'listed' | 'upserted' | 'left' | 'selfAdmitted'>;
  readonly peers: Pick<RemotePeers, 'route' | 'repeatOffers' | 'adaptation'>;
  readonly ice: Pick<CallIceConfiguration, 'replace'>;
  /** The server's mode for the call (P-28). */
  applyMode(mode: CallMode): void;
  /** We are in the call now (welcomed admitted, or let in): names, announcement, ICE, links. */
  admitted(): void;
  /** Keeps what the server told us in words (notices.ts); the view hears of it with {@link changed}. */
  recordNotice(message: NoticeMessage): void;
  /** The socket closed (for good or to reconnect). */
  closed(info: SignalingCloseInfo): void;
  /** What the view shows changed. */
  changed(): void;
}

/**
 * What the session does when the server speaks, one reaction per message, in one place: who is in the
 * call goes to the roster (whose links follow it), signals to the links, words to the notices.
 */
export function reactToSignaling(signaling: Pick<SignalingClient, 'on'>, to: SignalingReactionTargets): void {
  const s = signaling;
  s.on('state', () => to.changed());
  s.on('welcome', (welcome) => {
    // Our socket was away: what the others sent us meanwhile, an answer to our offer among it, is lost.
    const resumed = welcome.resumed && to.roster.state.self?.id === welcome.participantId;
    to.roster.welcomed(welcome);
    to.applyMode(welcome.mode);
    if (welcome.status === 'admitted') to.admitted();
    if (resumed) to.peers.repeatOffers('our signaling resumed');
    to.changed();
  });
  s.on('roster', ({ participants }) => to.roster.listed(participants));
  s.on('mode', ({ mode }) => {
    to.applyMode(mode);
    to.changed();
  });
  s.on('participant-joined', ({ participant }) => to.roster.upserted(participant));
  s.on('participant-updated', ({ participant }) => {
    to.roster.upserted(participant);
    to.peers.adaptation.refresh();
  });
  s.on('participant-left', ({ participantId }) => to.roster.left(participantId));
  s.on('admitted', ({ ice, participants }) => {
    // The configuration and who is in the call came with the admission: every link starts now,
    // before the call view renders, with no request before the first offer.
    if (ice) to.ice.replace(ice);
    to.roster.selfAdmitted(participants);
    to.admitted();
    to.changed();
  });
  s.on('waiting-message', (message) => notice(to, message));
  s.on('participant-refused', (message) => notice(to, message));
  s.on('signal', ({ from, payload }) => to.peers.route(from, payload));
  // Arrives before the socket closes, so the ended page has it from its first render.
  s.on('ended', (message) => to.recordNotice(message));
  s.on('error', (message) => {
    // Not fatal: e.g. `room_full` on admission keeps the guest waiting (only close code 4007 ends it).
    to.logger.info('call: server error', { code: message.code, ref: message.ref });
    notice(to, message);
  });
  s.on('closed', (info) => to.closed(info));
}

function notice(to: SignalingReactionTargets, message: NoticeMessage): void {
  to.recordNotice(message);
  to.changed();
}
