import type { BandwidthMode, CallMode } from '../../common/signaling';
import { CallRoster } from './CallRoster';
import { closeOutcome } from './callState';
import type { CallSessionOptions } from './CallSessionOptions';
import { chatPdf, type ChatPdfLabels } from './chatPdf';
import { DataChannelHub, type ChatMessage, type SendFileResult } from './DataChannelHub';
import { CallIceConfiguration } from './iceConfig';
import type { MediaErrorKind } from './LocalMedia';
import { LocalSide } from './LocalSide';
import { silentLogger, type Logger } from './logger';
import { noNotices, noticed } from './notices';
import { RemotePeers } from './RemotePeers';
import { SignalingClient, type SignalingCloseInfo } from './SignalingClient';
import { reactToSignaling } from './signalingReactions';
import { callSnapshot, overallState, type SnapshotParts } from './snapshot';
import { SnapshotStore } from './SnapshotStore';
import type { CallError, EndReason } from './types';

export type { CallSessionOptions } from './CallSessionOptions';

/**
 * One participant's consultation: signaling, local media, a full mesh of peer links to every other
 * admitted participant, chat and files over their data channels, and connection statistics.
 * Exposes immutable snapshots for `useSyncExternalStore(session.subscribe, session.getSnapshot)`.
 * The session orchestrates: who is in the call and the links that follow it is CallRoster, our own media
 * LocalSide, the links and what is measured on them RemotePeers, the snapshot snapshot.ts.
 */
export class CallSession {
  private readonly local: LocalSide;
  private readonly signaling: SignalingClient;
  private readonly hub: DataChannelHub;
  private readonly options: CallSessionOptions;
  private readonly logger: Logger;
  private readonly peers: RemotePeers;
  private readonly roster: CallRoster;
  private started = false;
  private wasConnected = false;
  private endReason: EndReason | null = null;
  private fatal: CallError | null = null;
  private readonly ice: CallIceConfiguration;
  private readonly startedAt = Date.now();
  private notices = noNotices;
  private readonly store = new SnapshotStore(() => callSnapshot(this.parts()));

  constructor(options: CallSessionOptions) {
    this.options = options;
    this.logger = options.logger ?? silentLogger;
    this.ice = new CallIceConfiguration({ source: options.iceConfiguration, relayOnly: options.relayOnly, logger: this.logger });
    this.local = new LocalSide({
      ...options,
      logger: this.logger,
      onChange: () => {
        this.announceMedia();
        this.changed();
      },
      onTrack: (slot, track) => this.peers.setTrack(slot, track),
    });
    if (!options.signaling && !options.signalingUrl) throw new TypeError('signalingUrl or signaling is required');
    this.signaling =
      options.signaling ??
      new SignalingClient({
        url: options.signalingUrl as string,
        WebSocket: options.WebSocket,
        logger: this.logger,
        resumeToken: options.resumeToken,
        hello: () => ({ media: this.local.media.mediaState() }),
      });
    this.hub = new DataChannelHub({
      selfId: () => this.roster.state.self?.id ?? null,
      selfName: () => this.roster.state.self?.displayName ?? '',
      nameOf: (id) => this.roster.state.others.get(id)?.displayName ?? '',
      logger: this.logger,
      digest: options.digest,
    });
    this.peers = new RemotePeers({
      ...options,
      logger: this.logger,
      hub: this.hub,
      send: (to, payload) => this.signaling.send({ type: 'signal', to, payload }),
      localTrack: (slot) => this.local.trackFor(slot),
      streamFor: (slot) => this.local.media.streamFor(slot),
      participant: (id) => this.roster.state.others.get(id),
      cameraTrackId: () => this.local.cameraTrackId(),
      onChange: () => this.changed(),
      onAdaptation: () => {
        this.announceMedia();
        this.changed();
      },
      mayHoldOldLink: (id) => this.roster.mayHoldOldLink(id),
    });
    this.roster = new CallRoster({
      logger: this.logger,
      peers: this.peers,
      ice: this.ice,
      ended: () => this.endReason !== null,
      onChange: () => this.changed(),
    });
    this.hub.on('change', () => this.changed());
    reactToSignaling(this.signaling, {
      logger: this.logger,
      roster: this.roster,
      peers: this.peers,
      ice: this.ice,
      applyMode: (mode) => this.applyMode(mode),
      admitted: () => this.onAdmitted(),
      recordNotice: (message) => {
        this.notices = noticed(this.notices, message, Date.now());
      },
      closed: (info) => this.onSignalingClosed(info),
      changed: () => this.changed(),
    });
  }

  // --- React binding -------------------------------------------------------------------------------

  /** What lets this participant back in after a reload; the page keeps it across reloads. */
  get resumeToken(): string | null {
    return this.signaling.resumeToken;
  }

  readonly subscribe = this.store.subscribe;
  readonly getSnapshot = this.store.getSnapshot;

  // --- lifecycle -----------------------------------------------------------------------------------

  /** Camera and microphone for the device check; can run before and in parallel with join(). */
  startMedia(kinds?: { audio?: boolean; video?: boolean }): Promise<void> {
    return this.local.media.start(kinds);
  }

  /** Connects to signaling: the server puts us in the waiting room or admits us. */
  join(): void {
    if (this.started) return;
    this.started = true;
    this.options.networkEvents?.addEventListener('online', this.onOnline);
    this.signaling.connect();
    this.changed();
  }

  /** Leaves for good; chat and received files stay available (for the PDF export) until destroy(). */
  leave(): void {
    if (this.endReason) return;
    this.signaling.close({ leave: true });
    this.finish('left');
  }

  /** Host: ends the consultation for everyone. */
  end(): void {
    this.signaling.send({ type: 'end' });
  }

  destroy(): void {
    this.leave();
    this.hub.clear();
    this.store.clear();
  }

  // --- host actions ----------------------------------------------------------------------------------

  admit(participantId: string): void {
    this.signaling.send({ type: 'admit', participantId });
  }
  decline(participantId: string): void {
    this.signaling.send({ type: 'decline', participantId });
  }
  remove(participantId: string): void {
    this.signaling.send({ type: 'remove', participantId });
  }
  sendWaitingMessage(participantId: string, text: string): void {
    this.signaling.send({ type: 'waiting-message', to: participantId, text });
  }

  // --- media -----------------------------------------------------------------------------------------

  setMicrophoneEnabled(enabled: boolean): void {
    this.local.media.setMicrophoneEnabled(enabled);
  }
  setCameraEnabled(enabled: boolean): Promise<void> {
    return this.local.media.setCameraEnabled(enabled);
  }
  selectDevice(kind: MediaDeviceKind, deviceId: string): Promise<MediaErrorKind | null> {
    return this.local.media.selectDevice(kind, deviceId);
  }
  /** Front ↔ back camera on phones (offer it where cameraFacing.canSwitchFacing says so). */
  switchCameraFacing(): Promise<MediaErrorKind | null> {
    return this.local.media.switchFacing();
  }
  /** The low-bandwidth switch (A31b-8): caps what we send and asks the others to send us less. */
  setBandwidthMode(mode: BandwidthMode): void {
    this.peers.adaptation.setMode(mode);
  }
  startScreenShare(): Promise<MediaErrorKind | null> {
    return this.local.media.startScreenShare();
  }
  stopScreenShare(): Promise<void> {
    return this.local.media.stopScreenShare();
  }

  /** New TURN credentials (or policy) for new and existing peer connections. */
  setIceConfiguration(configuration: RTCConfiguration): void {
    this.peers.setConfiguration(this.ice.replace(configuration));
    this.roster.syncLinks();
  }

  restartIce(): void {
    this.peers.restartIce('manual');
  }

  // --- audio-only and video (P-28) ------------------------------------------------------------------

  /**
   * The mode the page learned before signaling (a guest's join view): audio-only then holds the
   * camera before the device check asks for anything.
   */
  prepareMode(mode: CallMode): void {
    if (this.roster.state.self) return;
    this.applyMode(mode);
    this.changed();
  }

  /** Host: switch the call's mode; turning video on opens the host's own camera, guests are asked. */
  async setMode(mode: CallMode): Promise<void> {
    this.signaling.send({ type: 'set-mode', mode });
    // Only the host's own camera follows its choice; anyone else is refused by the server anyway.
    if (this.roster.state.self?.role === 'host') await this.local.followOwnMode(mode);
  }

  /** Guest: agrees to the host's request; only now is the camera opened. */
  acceptVideo(): Promise<void> {
    this.local.answerVideoRequest();
    this.changed();
    return this.local.media.setCameraEnabled(true);
  }

  /** Guest: declines; the call stays audio-only for them (the camera is never opened). */
  declineVideo(): void {
    this.local.answerVideoRequest();
    this.changed();
  }

  // --- chat and files --------------------------------------------------------------------------------

  sendChat(text: string): ChatMessage | null {
    return this.hub.sendChat(text);
  }
  sendFile(file: Blob, name?: string): Promise<SendFileResult> {
    return this.hub.sendFile(file, name);
  }
  cancelTransfer(transferId: string): void {
    this.hub.cancel(transferId);
  }

  /** The chat as a PDF made here in the browser (P-11). */
  exportChatPdf(options: { title: string; labels?: Partial<ChatPdfLabels>; locale?: string; timeZone?: string }): Blob {
    return chatPdf({
      ...options,
      participants: [...this.roster.state.names],
      date: new Date(this.startedAt),
      messages: this.hub.messages,
    });
  }

  // --- diagnostics (tests, e2e, support) --------------------------------------------------------------

  /** Raw getStats() of the link to a participant (e2e asserts decoded frames from it). */
  rtcStats(participantId: string): Promise<RTCStatsReport | null> {
    return this.peers.rtcStats(participantId);
  }

  /** The peer connection to a participant, for diagnostics only: never drive it directly. */
  peerConnection(participantId: string): RTCPeerConnection | null {
    return this.peers.peerConnection(participantId);
  }

  /**
   * The person heard the other side read the same safety code: marks it for the rest of the call.
   * False when `code` is no longer the one shown (the certificates changed meanwhile).
   */
  confirmSafetyCode(participantId: string, code: string): boolean {
    return this.peers.confirmSafetyCode(participantId, code);
  }

  // --- internals -------------------------------------------------------------------------------------

  private applyMode(mode: CallMode): void {
    this.local.applyMode(mode, this.roster.state.self?.role === 'host');
  }

  private onSignalingClosed(info: SignalingCloseInfo): void {
    if (this.endReason) return;
    const outcome = closeOutcome(info);
    if ('end' in outcome) return this.finish(outcome.end);
    if (outcome.fatal) this.fatal = outcome.fatal;
    if (!info.local) this.teardown();
    this.changed();
  }

  private onAdmitted(): void {
    this.roster.rememberOwnName();
    this.local.forgetAnnouncement();
    this.announceMedia();
    void this.loadIceConfiguration();
    this.roster.syncLinks();
  }

  private async loadIceConfiguration(): Promise<void> {
    try {
      if (await this.ice.load(() => this.endReason !== null)) this.roster.syncLinks();
    } catch {
      if (!this.endReason) this.fatal = 'ice_configuration_failed';
      this.changed();
    }
  }

  private announceMedia(): void {
    if (this.roster.state.self?.status !== 'admitted' || this.endReason) return;
    const media = this.local.announcement(this.peers.adaptation);
    if (media) this.signaling.send({ type: 'media-state', media });
  }

  private readonly onOnline = (): void => {
    this.logger.debug('call: browser online; reconnecting signaling and restarting ICE');
    this.signaling.reconnectNow();
    this.peers.restartIce('online');
  };

  private finish(reason: EndReason): void {
    if (this.endReason) return;
    this.endReason = reason;
    this.logger.debug('call: ended', { reason });
    this.teardown();
    this.changed();
  }

  private teardown(): void {
    this.roster.stop();
    this.options.networkEvents?.removeEventListener('online', this.onOnline);
    this.peers.stop();
    this.local.stop();
    if (this.signaling.state !== 'closed') this.signaling.close();
  }

  private parts(): SnapshotParts {
    const { started, endReason, fatal, wasConnected, local, peers, hub, notices } = this;
    return { started, endReason, fatal, wasConnected, signaling: this.signaling.state, roster: this.roster.state, local, peers, hub, notices };
  }

  private changed(): void {
    this.store.changed();
    if (!this.wasConnected && overallState(this.parts()).state === 'connected') this.wasConnected = true;
  }
}
