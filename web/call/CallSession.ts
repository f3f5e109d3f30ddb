import { CLOSE_CODES, RESUME_GRACE_MS, type CallMode } from '../../common/signaling';
import { chatPdf, type ChatPdfLabels } from './chatPdf';
import { DataChannelHub, type ChatMessage, type SendFileResult } from './DataChannelHub';
import type { Digest } from './files';
import { LocalMedia, type MediaErrorKind } from './LocalMedia';
import { resolveIceConfiguration, withPolicy, type IceConfigurationSource } from './iceConfig';
import { MediaInterruptions, type PageVisibility } from './interruptions';
import { silentLogger, type Logger } from './logger';
import type { PeerLinkOptions, TrackSlot } from './PeerLink';
import { PeerMesh } from './PeerMesh';
import { SignalingClient, type SignalingCloseInfo } from './SignalingClient';
import { SafetyCodes } from './SafetyCodes';
import { StatsSampler, type LinkStats } from './stats';
import { VideoAdaptation } from './VideoAdaptation';
import type { BandwidthMode } from '../../common/signaling';
import { deriveCallState, participantView } from './callState';
import {
  admittedOthers,
  emptyRoster,
  expired,
  left,
  listed,
  selfAdmitted,
  upserted,
  welcomed,
  withNames,
  withoutKept,
  type KeepContext,
  type RosterState,
} from './Roster';
import type { CallError, CallSnapshot, EndReason } from './types';

export interface CallSessionOptions {
  /** ws(s) URL of the signaling endpoint (see signalingUrl()); or pass a ready `signaling` client. */
  signalingUrl?: string;
  signaling?: SignalingClient;
  WebSocket?: typeof WebSocket;
  RTCPeerConnection?: typeof RTCPeerConnection;
  /** navigator.mediaDevices; leave out to join without camera and microphone. */
  mediaDevices?: MediaDevices;
  createMediaStream?: () => MediaStream;
  /** A configuration, or a loader called once this participant is admitted (TURN credentials). */
  iceConfiguration?: IceConfigurationSource;
  /** Force `iceTransportPolicy: 'relay'` whatever the configuration says (peers never see our IP). */
  relayOnly?: boolean;
  /** Usually `window`: its `online` event triggers a signaling reconnect and ICE restarts. */
  networkEvents?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  logger?: Logger;
  /** Resume token from an earlier page load (kept in sessionStorage by the UI). */
  resumeToken?: string | null;
  audioConstraints?: MediaTrackConstraints;
  videoConstraints?: MediaTrackConstraints;
  statsIntervalMs?: number;
  peerLink?: Pick<PeerLinkOptions, 'disconnectedGraceMs' | 'restartTimeoutMs' | 'maxRestarts'>;
  digest?: Digest;
  /**
   * P-28: the call's mode as the page knows it before signaling (join view, consultation). `audio`
   * asks for the microphone only; the server's word (welcome, mode changes) follows.
   */
  mode?: CallMode;
  /** The low-bandwidth switch as remembered on this device (the UI keeps it in localStorage). */
  bandwidthMode?: BandwidthMode;
  /** Usually `document`: a phone's page going to the background pauses its camera (interruptions.ts). */
  visibility?: PageVisibility;
  /** Touch-first devices stop the camera while the page is hidden; desktops keep it running. */
  hiddenPausesCamera?: boolean;
}

const END_BY_CODE: Record<number, EndReason> = {
  [CLOSE_CODES.ended]: 'ended',
  [CLOSE_CODES.removed]: 'removed',
  [CLOSE_CODES.declined]: 'declined',
  [CLOSE_CODES.revoked]: 'revoked',
  [CLOSE_CODES.replaced]: 'replaced',
};

/**
 * One participant's consultation: signaling, local media, a full mesh of {@link PeerLink}s to every
 * other admitted participant, chat and files over their data channels, and connection statistics.
 * Exposes immutable snapshots for `useSyncExternalStore(session.subscribe, session.getSnapshot)`.
 */
export class CallSession {
  private readonly media: LocalMedia;
  private readonly signaling: SignalingClient;
  private readonly hub: DataChannelHub;
  private readonly options: CallSessionOptions;
  private readonly logger: Logger;
  private readonly mesh: PeerMesh;
  private roster: RosterState = emptyRoster;
  /** One resume-grace timer per peer in `roster.kept`, started and cleared as that set changes (see setRoster). */
  private readonly keptTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private started = false;
  private wasConnected = false;
  private endReason: EndReason | null = null;
  private fatal: CallError | null = null;
  private iceConfig: RTCConfiguration | null = null;
  private iceLoading = false;
  private readonly stats = new Map<string, LinkStats>();
  private readonly sampler: StatsSampler;
  private readonly adaptation: VideoAdaptation;
  private readonly safety: SafetyCodes;
  private readonly interruptions: MediaInterruptions;
  private readonly startedAt = Date.now();
  private waitingMessages: CallSnapshot['waitingMessages'] = [];
  private refused: CallSnapshot['refused'] = [];
  private lastServerError: CallSnapshot['lastServerError'] = null;
  private chatMailAfterEnd: CallSnapshot['chatMailAfterEnd'] = null;
  private lastMediaState = '';
  private mode: CallMode;
  private videoRequested = false;
  private readonly listeners = new Set<() => void>();
  private snapshotCache: CallSnapshot | null = null;
  private notifyScheduled = false;

  constructor(options: CallSessionOptions) {
    this.options = options;
    this.logger = options.logger ?? silentLogger;
    this.media = new LocalMedia({
      mediaDevices: options.mediaDevices,
      createMediaStream: options.createMediaStream,
      audioConstraints: options.audioConstraints,
      videoConstraints: options.videoConstraints,
      logger: this.logger,
    });
    this.mode = options.mode ?? 'video';
    if (this.mode === 'audio') void this.media.setAudioOnly(true);
    if (!options.signaling && !options.signalingUrl) throw new TypeError('signalingUrl or signaling is required');
    this.signaling =
      options.signaling ??
      new SignalingClient({
        url: options.signalingUrl as string,
        WebSocket: options.WebSocket,
        logger: this.logger,
        resumeToken: options.resumeToken,
        hello: () => ({ media: this.media.mediaState() }),
      });
    this.hub = new DataChannelHub({
      selfId: () => this.roster.self?.id ?? null,
      selfName: () => this.roster.self?.displayName ?? '',
      nameOf: (id) => this.roster.others.get(id)?.displayName ?? '',
      logger: this.logger,
      digest: options.digest,
    });
    this.mesh = new PeerMesh({
      RTCPeerConnection: options.RTCPeerConnection,
      logger: this.logger,
      peerLink: options.peerLink,
      send: (to, payload) => this.signaling.send({ type: 'signal', to, payload }),
      localTrack: (slot) => this.trackFor(slot),
      streamFor: (slot) => this.media.streamFor(slot),
      hub: this.hub,
      onChange: () => this.changed(),
      onActive: (active) => (active ? this.sampler.start() : this.sampler.stop()),
    });
    this.adaptation = new VideoAdaptation({
      mode: options.bandwidthMode,
      logger: this.logger,
      sender: (peerId, slot) => this.mesh.get(peerId)?.sender(slot) ?? null,
      remoteMode: (peerId) => this.roster.others.get(peerId)?.media.bandwidth ?? 'auto',
      cameraTrackId: () => {
        const local = this.media.snapshot;
        return local.videoEnabled && local.videoTrack ? local.videoTrack.id : null;
      },
      onChange: () => {
        this.announceMedia();
        this.changed();
      },
    });
    this.safety = new SafetyCodes({ logger: this.logger, onChange: () => this.changed() });
    this.sampler = new StatsSampler({
      intervalMs: options.statsIntervalMs,
      logger: this.logger,
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
            expectVideo: () => this.roster.others.get(id)?.media.video ?? false,
          },
        ]),
      onSample: (id, sample) => {
        this.stats.set(id, sample);
        this.changed();
      },
    });
    this.media.on('change', () => {
      this.announceMedia();
      this.changed();
    });
    this.interruptions = new MediaInterruptions({ visibility: options.visibility, hiddenPausesCamera: options.hiddenPausesCamera });
    this.interruptions.on('change', () => {
      this.announceMedia();
      this.changed();
    });
    this.media.on('track', (slot, track) => {
      this.mesh.setTrack(slot, track);
      if (slot !== 'screen') this.interruptions.watch(slot === 'audio' ? 'microphone' : 'camera', track);
    });
    this.hub.on('change', () => this.changed());
    this.wireSignaling();
  }

  // --- React binding -------------------------------------------------------------------------------

  /** What lets this participant back in after a reload; the page keeps it across reloads. */
  get resumeToken(): string | null {
    return this.signaling.resumeToken;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): CallSnapshot => {
    this.snapshotCache ??= this.buildSnapshot();
    return this.snapshotCache;
  };

  // --- lifecycle -----------------------------------------------------------------------------------

  /** Camera and microphone for the device check; can run before and in parallel with join(). */
  startMedia(kinds?: { audio?: boolean; video?: boolean }): Promise<void> {
    return this.media.start(kinds);
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
    this.listeners.clear();
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
    this.media.setMicrophoneEnabled(enabled);
  }
  setCameraEnabled(enabled: boolean): Promise<void> {
    return this.media.setCameraEnabled(enabled);
  }
  selectDevice(kind: MediaDeviceKind, deviceId: string): Promise<MediaErrorKind | null> {
    return this.media.selectDevice(kind, deviceId);
  }
  /** Front ↔ back camera on phones (offer it where cameraFacing.canSwitchFacing says so). */
  switchCameraFacing(): Promise<MediaErrorKind | null> {
    return this.media.switchFacing();
  }
  /** The low-bandwidth switch (A31b-8): caps what we send and asks the others to send us less. */
  setBandwidthMode(mode: BandwidthMode): void {
    this.adaptation.setMode(mode);
  }
  startScreenShare(): Promise<MediaErrorKind | null> {
    return this.media.startScreenShare();
  }
  stopScreenShare(): Promise<void> {
    return this.media.stopScreenShare();
  }

  /** New TURN credentials (or policy) for new and existing peer connections. */
  setIceConfiguration(configuration: RTCConfiguration): void {
    this.iceConfig = withPolicy(configuration, this.options.relayOnly);
    this.mesh.setConfiguration(this.iceConfig);
    this.syncLinks();
  }

  restartIce(): void {
    this.mesh.restartIce('manual');
  }

  // --- audio-only and video (P-28) ------------------------------------------------------------------

  /**
   * The mode the page learned before signaling (a guest's join view): audio-only then holds the
   * camera before the device check asks for anything.
   */
  prepareMode(mode: CallMode): void {
    if (this.roster.self) return;
    this.applyMode(mode);
    this.changed();
  }

  /** Host: switch the call's mode; turning video on opens the host's own camera, guests are asked. */
  async setMode(mode: CallMode): Promise<void> {
    this.signaling.send({ type: 'set-mode', mode });
    // Only the host's own camera follows its choice; anyone else is refused by the server anyway.
    if (this.roster.self?.role !== 'host') return;
    if (mode === 'video') await this.media.setCameraEnabled(true);
    else await this.media.setAudioOnly(true);
  }

  /** Guest: agrees to the host's request; only now is the camera opened. */
  acceptVideo(): Promise<void> {
    this.videoRequested = false;
    this.changed();
    return this.media.setCameraEnabled(true);
  }

  /** Guest: declines; the call stays audio-only for them (the camera is never opened). */
  declineVideo(): void {
    this.videoRequested = false;
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
      participants: [...this.roster.names],
      date: new Date(this.startedAt),
      messages: this.hub.messages,
    });
  }

  // --- diagnostics (tests, e2e, support) --------------------------------------------------------------

  /** Raw getStats() of the link to a participant (e2e asserts decoded frames from it). */
  rtcStats(participantId: string): Promise<RTCStatsReport | null> {
    return this.mesh.get(participantId)?.getStats() ?? Promise.resolve(null);
  }

  /** The peer connection to a participant, for diagnostics only: never drive it directly. */
  peerConnection(participantId: string): RTCPeerConnection | null {
    return this.mesh.get(participantId)?.connection ?? null;
  }

  /**
   * The person heard the other side read the same safety code: marks it for the rest of the call.
   * False when `code` is no longer the one shown (the certificates changed meanwhile).
   */
  confirmSafetyCode(participantId: string, code: string): boolean {
    return this.safety.markVerified(participantId, code);
  }

  // --- internals -------------------------------------------------------------------------------------

  private wireSignaling(): void {
    const s = this.signaling;
    s.on('state', () => this.changed());
    s.on('welcome', (welcome) => {
      if (this.roster.self && this.roster.self.id !== welcome.participantId) {
        this.logger.debug('call: signaling gave us a new identity; rebuilding peer links');
        this.mesh.closeAll();
      }
      this.setRoster(welcomed(this.roster, welcome, this.keepContext()));
      this.applyMode(welcome.mode);
      if (welcome.status === 'admitted') this.onAdmitted();
      this.changed();
    });
    s.on('roster', (message) => this.setRoster(listed(this.roster, message.participants, this.keepContext())));
    s.on('mode', ({ mode }) => {
      this.applyMode(mode);
      this.changed();
    });
    s.on('participant-joined', ({ participant }) => this.setRoster(upserted(this.roster, participant)));
    s.on('participant-updated', ({ participant }) => {
      this.setRoster(upserted(this.roster, participant));
      this.adaptation.refresh();
    });
    s.on('participant-left', ({ participantId }) => this.setRoster(left(this.roster, participantId)));
    s.on('admitted', () => {
      this.updateRoster(selfAdmitted(this.roster));
      this.onAdmitted();
      this.changed();
    });
    s.on('waiting-message', ({ fromName, text, sentAt }) => {
      this.waitingMessages = [...this.waitingMessages, { fromName, text, sentAt }];
      this.changed();
    });
    s.on('participant-refused', ({ displayName, reason }) => {
      this.refused = [...this.refused, { displayName, reason, at: Date.now() }];
      this.changed();
    });
    s.on('signal', ({ from, payload }) => this.mesh.route(from, payload));
    // Arrives before the socket closes, so the ended page has it from its first render.
    s.on('ended', ({ chatMail }) => {
      this.chatMailAfterEnd = chatMail ?? null;
    });
    s.on('error', ({ code, ref }) => {
      // Not fatal: e.g. `room_full` on admission keeps the guest waiting (only close code 4007 ends it).
      this.logger.info('call: server error', { code, ref });
      this.lastServerError = { code, ref: ref ?? null };
      this.changed();
    });
    s.on('closed', (info) => this.onSignalingClosed(info));
  }

  /**
   * The server's mode. Audio-only closes and holds the camera; video never opens a camera by itself:
   * someone other than the host, still audio-only, is asked first (declining keeps audio-only).
   */
  private applyMode(mode: CallMode): void {
    this.mode = mode;
    if (mode === 'audio') {
      this.videoRequested = false;
      void this.media.setAudioOnly(true);
    } else if (this.media.snapshot.audioOnly && this.roster.self?.role !== 'host') {
      this.videoRequested = true;
    }
  }

  private onSignalingClosed(info: SignalingCloseInfo): void {
    if (this.endReason) return;
    if (info.cause) return this.finish(info.cause);
    const reason = END_BY_CODE[info.code];
    if (reason) return this.finish(reason);
    if (info.code === CLOSE_CODES.unauthenticated) this.fatal = 'unauthenticated';
    else if (info.code === CLOSE_CODES.roomFull) this.fatal = 'room_full';
    if (!info.local) this.teardown();
    this.changed();
  }

  private onAdmitted(): void {
    this.updateRoster(withNames(this.roster, true));
    this.lastMediaState = '';
    this.announceMedia();
    void this.loadIceConfiguration();
    this.syncLinks();
  }

  private async loadIceConfiguration(): Promise<void> {
    if (this.iceConfig || this.iceLoading) return;
    this.iceLoading = true;
    try {
      this.iceConfig = await resolveIceConfiguration(this.options.iceConfiguration ?? {}, {
        relayOnly: this.options.relayOnly,
        logger: this.logger,
        cancelled: () => this.endReason !== null,
      });
      this.syncLinks();
    } catch {
      if (!this.endReason) this.fatal = 'ice_configuration_failed';
      this.changed();
    } finally {
      this.iceLoading = false;
    }
  }

  /** A roster change from signaling: links follow it, and the view. */
  private setRoster(next: RosterState): void {
    this.updateRoster(next);
    this.syncLinks();
    this.changed();
  }

  /** Takes the new roster and starts or clears the resume-grace timers of kept peers to match it. */
  private updateRoster(next: RosterState): void {
    this.roster = next;
    for (const [id, timer] of this.keptTimers) {
      if (next.kept.has(id)) continue;
      clearTimeout(timer);
      this.keptTimers.delete(id);
    }
    for (const id of next.kept) {
      if (this.keptTimers.has(id)) continue;
      this.logger.debug('call: peer missing from the roster kept while its link is up', { peer: id });
      this.keptTimers.set(
        id,
        setTimeout(() => this.expire(id), RESUME_GRACE_MS),
      );
    }
  }

  private expire(id: string): void {
    this.keptTimers.delete(id);
    const next = expired(this.roster, id);
    if (next.others === this.roster.others) return this.updateRoster(next);
    this.logger.debug('call: peer kept through a roster did not come back; dropping it', { peer: id });
    this.setRoster(next);
  }

  private keepContext(): KeepContext {
    return {
      ended: this.endReason !== null,
      linkUp: (id) => {
        const link = this.mesh.get(id)?.state;
        return link === 'connected' || link === 'reconnecting';
      },
    };
  }

  /** Exactly one link per admitted remote participant while we are admitted; none otherwise. */
  private syncLinks(): void {
    const admitted = this.roster.self?.status === 'admitted' && !this.endReason;
    const peers = admitted ? admittedOthers(this.roster) : [];
    if (admitted) this.updateRoster(withNames(this.roster, false));
    for (const id of this.stats.keys()) if (!this.roster.others.has(id)) this.stats.delete(id);
    this.adaptation.sync(peers.map((p) => p.id));
    this.safety.sync(peers.map((p) => p.id));
    this.mesh.sync(
      admitted ? (this.roster.self?.id ?? null) : null,
      peers.map((p) => p.id),
      this.iceConfig,
    );
  }

  private trackFor(slot: TrackSlot): MediaStreamTrack | null {
    const local = this.media.snapshot;
    return slot === 'audio' ? local.audioTrack : slot === 'camera' ? local.videoTrack : local.screenTrack;
  }

  private announceMedia(): void {
    if (this.roster.self?.status !== 'admitted' || this.endReason) return;
    const own = this.media.mediaState();
    const { cameraPaused, microphone } = this.interruptions.snapshot;
    const media = {
      ...own,
      // A microphone the system holds (a phone call) sends nothing: the others see it as off.
      audio: own.audio && microphone === null,
      bandwidth: this.adaptation.mode,
      videoPausedTo: this.adaptation.videoPausedTo(),
      ...(own.video && cameraPaused ? { cameraPaused } : {}),
    };
    const key = JSON.stringify(media);
    if (key === this.lastMediaState) return;
    this.lastMediaState = key;
    this.signaling.send({ type: 'media-state', media });
  }

  private readonly onOnline = (): void => {
    this.logger.debug('call: browser online; reconnecting signaling and restarting ICE');
    this.signaling.reconnectNow();
    this.mesh.restartIce('online');
  };

  private finish(reason: EndReason): void {
    if (this.endReason) return;
    this.endReason = reason;
    this.logger.debug('call: ended', { reason });
    this.teardown();
    this.changed();
  }

  private teardown(): void {
    this.updateRoster(withoutKept(this.roster));
    this.options.networkEvents?.removeEventListener('online', this.onOnline);
    this.mesh.closeAll();
    this.sampler.stop();
    this.interruptions.stop();
    this.media.stop();
    if (this.signaling.state !== 'closed') this.signaling.close();
  }

  private derive(): ReturnType<typeof deriveCallState> {
    return deriveCallState({
      endReason: this.endReason,
      fatal: this.fatal,
      started: this.started,
      self: this.roster.self,
      signaling: this.signaling.state,
      links: this.mesh.entries().map(([, link]) => link.state),
      peersAdmitted: admittedOthers(this.roster).length > 0,
      wasConnected: this.wasConnected,
    });
  }

  private buildSnapshot(): CallSnapshot {
    const { state, error } = this.derive();
    return {
      state,
      endReason: this.endReason,
      error,
      signaling: this.signaling.state,
      self: this.roster.self,
      participants: [...this.roster.others.values()].map((p) => participantView(p, this.mesh.get(p.id), this.stats.get(p.id) ?? null, this.safety.view(p.id))),
      local: this.media.snapshot,
      chat: this.hub.messages,
      transfers: this.hub.transfers,
      waitingMessages: this.waitingMessages,
      refused: this.refused,
      lastServerError: this.lastServerError,
      hasUnsavedContent: this.hub.hasContent,
      mode: this.mode,
      videoRequested: this.videoRequested,
      adaptation: this.adaptation.snapshot,
      chatMailAfterEnd: this.chatMailAfterEnd,
      interruptions: this.interruptions.snapshot,
    };
  }

  private changed(): void {
    this.snapshotCache = null;
    if (!this.wasConnected && this.derive().state === 'connected') this.wasConnected = true;
    if (this.notifyScheduled) return;
    this.notifyScheduled = true;
    // A task, not a microtask: a file transfer or hash that awaits chunk after chunk changes the
    // session many times within one task, and React counts store updates delivered in a microtask
    // chain as nested updates ("Maximum update depth exceeded" after 50).
    setTimeout(() => {
      this.notifyScheduled = false;
      for (const listener of [...this.listeners]) listener();
    }, 0);
  }
}
