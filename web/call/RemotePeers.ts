import type { BandwidthMode, Participant, SignalPayload } from '../../common/signaling';
import { participantView } from './callState';
import type { DataChannelHub } from './DataChannelHub';
import type { Logger } from './logger';
import type { PeerLinkOptions, PeerLinkState, TrackSlot } from './PeerLink';
import { PeerMesh } from './PeerMesh';
import { SafetyCodes } from './SafetyCodes';
import { StatsSampler, type LinkStats } from './stats';
import type { ParticipantView } from './types';
import { VideoAdaptation } from './VideoAdaptation';

export interface RemotePeersOptions {
  RTCPeerConnection?: typeof RTCPeerConnection;
  logger: Logger;
  peerLink?: Pick<PeerLinkOptions, 'disconnectedGraceMs' | 'restartTimeoutMs' | 'maxRestarts'>;
  statsIntervalMs?: number;
  /** The low-bandwidth switch to start with. */
  bandwidthMode?: BandwidthMode;
  hub: DataChannelHub;
  /** Sends a signal to a participant through the signaling server. */
  send: (to: string, payload: SignalPayload) => void;
  localTrack: (slot: TrackSlot) => MediaStreamTrack | null;
  streamFor: (slot: TrackSlot) => MediaStream;
  /** What the roster knows of a participant: its announced media (switch, camera) steer adaptation and stats. */
  participant: (id: string) => Participant | undefined;
  /** Our camera track while it is on, else null: there is nothing to adapt. */
  cameraTrackId: () => string | null;
  /** What a view shows of the links changed. */
  onChange: () => void;
  /** Our adaptation changed what we announce (our switch, to whom our video is paused). */
  onAdaptation: () => void;
  /** The remote may still hold a link to us from before: see PeerMesh's first-offer wait. */
  mayHoldOldLink?: (remoteId: string) => boolean;
}

/**
 * Everything the session keeps per remote participant, in step: the peer link ({@link PeerMesh}), its
 * statistics ({@link StatsSampler}, sampled only while a link exists), the video adaptation fed by
 * each sample and the safety code read from the same report.
 */
export class RemotePeers {
  readonly adaptation: VideoAdaptation;
  private readonly mesh: PeerMesh;
  private readonly sampler: StatsSampler;
  private readonly safety: SafetyCodes;
  private readonly stats = new Map<string, LinkStats>();

  constructor(options: RemotePeersOptions) {
    const { logger } = options;
    this.mesh = new PeerMesh({
      RTCPeerConnection: options.RTCPeerConnection,
      logger,
      peerLink: options.peerLink,
      send: options.send,
      localTrack: options.localTrack,
      streamFor: options.streamFor,
      hub: options.hub,
      onChange: options.onChange,
      onActive: (active) => (active ? this.sampler.start() : this.sampler.stop()),
      mayHoldOldLink: options.mayHoldOldLink,
      remotePresent: (id) => options.participant(id)?.online !== false,
    });
    this.adaptation = new VideoAdaptation({
      mode: options.bandwidthMode,
      logger,
      sender: (peerId, slot) => this.mesh.get(peerId)?.sender(slot) ?? null,
      remoteMode: (peerId) => options.participant(peerId)?.media.bandwidth ?? 'auto',
      cameraTrackId: options.cameraTrackId,
      onChange: options.onAdaptation,
    });
    this.safety = new SafetyCodes({ logger, onChange: options.onChange });
    this.sampler = new StatsSampler({
      intervalMs: options.statsIntervalMs,
      logger,
      sources: () =>
        this.mesh.entries().map(([id, link]) => [
          id,
          {
            getStats: async () => {
              const report = await link.getStats();
              this.adaptation.observe(id, report);
              this.safety.observe(id, report, {
                local: link.connection.currentLocalDescription?.sdp ?? null,
                remote: link.connection.currentRemoteDescription?.sdp ?? null,
              });
              return report;
            },
            expectVideo: () => options.participant(id)?.media.video ?? false,
          },
        ]),
      onSample: (id, sample) => {
        this.stats.set(id, sample);
        options.onChange();
      },
    });
  }

  /**
   * Exactly one link per peer while `selfId` is set (we are admitted); none otherwise. Statistics are
   * kept for as long as the participant is `known` (listed), so a link coming back shows them at once.
   */
  sync(selfId: string | null, peerIds: readonly string[], known: (id: string) => boolean, configuration: RTCConfiguration | null): void {
    for (const id of this.stats.keys()) if (!known(id)) this.stats.delete(id);
    this.adaptation.sync(peerIds);
    this.safety.sync(peerIds);
    this.mesh.sync(selfId, peerIds, configuration);
  }

  /** A participant as the view shows it, with what we have of our link to them. */
  view(participant: Participant): ParticipantView {
    const { id } = participant;
    return participantView(participant, this.mesh.get(id), this.stats.get(id) ?? null, this.safety.view(id));
  }

  linkStates(): PeerLinkState[] {
    return this.mesh.entries().map(([, link]) => link.state);
  }

  /** Our link to this participant still carries media. */
  linkUp(id: string): boolean {
    const state = this.mesh.get(id)?.state;
    return state === 'connected' || state === 'reconnecting';
  }

  route(from: string, payload: SignalPayload): void {
    this.mesh.route(from, payload);
  }

  setTrack(slot: TrackSlot, track: MediaStreamTrack | null): void {
    this.mesh.setTrack(slot, track);
  }

  setConfiguration(configuration: RTCConfiguration): void {
    this.mesh.setConfiguration(configuration);
  }

  restartIce(reason: 'online' | 'manual'): void {
    this.mesh.restartIce(reason);
  }

  /** Our unanswered offers again, to `ids` (their socket is back) or everyone (ours resumed): see OfferRepeat. */
  repeatOffers(reason: 'remote back' | 'our signaling resumed', ids?: readonly string[]): void {
    this.mesh.repeatOffers(reason, ids);
  }

  /** Closes every link (a new identity starts over); sampling stops with the last link. */
  closeAll(): void {
    this.mesh.closeAll();
  }

  /** The call is over: no link, no sampling. */
  stop(): void {
    this.mesh.closeAll();
    this.sampler.stop();
  }

  rtcStats(participantId: string): Promise<RTCStatsReport | null> {
    return this.mesh.get(participantId)?.getStats() ?? Promise.resolve(null);
  }

  peerConnection(participantId: string): RTCPeerConnection | null {
    return this.mesh.get(participantId)?.connection ?? null;
  }

  confirmSafetyCode(participantId: string, code: string): boolean {
    return this.safety.markVerified(participantId, code);
  }
}
