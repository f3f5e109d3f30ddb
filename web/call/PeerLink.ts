import type { SignalPayload } from '../../common/signaling';
import { CandidateQueue } from './CandidateQueue';
import { Emitter } from './emitter';
import { errorName, silentLogger, withFields, type Logger } from './logger';
import { OfferRepeat } from './OfferRepeat';
import { withOpusFecDtx } from './sdp';
import { transportState } from './transportState';

/**
 * new: created, nothing negotiated. connecting: negotiating/ICE checking, never connected yet.
 * connected: media and data can flow. reconnecting: was connected, ICE disconnected or failed, restarting.
 * failed: gave up after {@link PeerLinkOptions.maxRestarts} restarts (an `online` event retries).
 * closed: close() called.
 */
export type PeerLinkState = 'new' | 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'closed';
export type TrackSlot = 'audio' | 'camera' | 'screen';

export interface PeerLinkOptions {
  localId: string;
  remoteId: string;
  configuration: RTCConfiguration;
  RTCPeerConnection?: typeof RTCPeerConnection;
  /** Sends a payload to the remote participant through signaling. */
  sendSignal: (payload: SignalPayload) => void;
  logger?: Logger;
  /** `disconnected` lasting this long triggers an ICE restart (ICE often recovers by itself sooner). */
  disconnectedGraceMs?: number;
  /** A restart that has not connected after this long is retried. */
  restartTimeoutMs?: number;
  /** Consecutive restarts before the state becomes `failed`. */
  maxRestarts?: number;
  /** Polite side: how long to wait for the impolite side's first offer before offering itself. */
  firstOfferWaitMs?: number;
  /** The remote's signaling socket is there (what is relayed to it otherwise is lost); true when not given. */
  remotePresent?: () => boolean;
}

export type PeerLinkEvents = {
  state: [PeerLinkState, PeerLinkState];
  /** A remote stream appeared, changed or went away; read {@link PeerLink.remoteStreams}. */
  streams: [];
  /**
   * A remote description could not be applied: the other side most likely runs a new peer connection
   * (page reload, or it dropped us while our socket was away). The owner replaces this link and hands
   * the payload to the new one.
   */
  reset: [SignalPayload];
};

/** Negotiated data channel ids (both sides create them; no `datachannel` event, no extra round trip). */
const CHAT_CHANNEL = { label: 'chat', id: 0 } as const;
const FILE_CHANNEL = { label: 'files', id: 1 } as const;

/** The polite side yields in an offer collision. Deterministic: the smaller participant id is polite. */
export function isPolite(localId: string, remoteId: string): boolean {
  return localId < remoteId;
}

/**
 * One RTCPeerConnection to one remote participant, with the perfect negotiation pattern
 * (https://www.w3.org/TR/webrtc/#perfect-negotiation-example), candidates queued until a remote
 * description exists, ICE restarts on failure / lasting disconnection / `online`, and one sender per
 * {@link TrackSlot} so that device switches and camera off/on are replaceTrack() without renegotiation.
 */
export class PeerLink extends Emitter<PeerLinkEvents> {
  readonly localId: string;
  readonly remoteId: string;
  readonly polite: boolean;
  readonly chatChannel: RTCDataChannel;
  readonly fileChannel: RTCDataChannel;
  private readonly pc: RTCPeerConnection;
  private readonly options: PeerLinkOptions;
  private readonly logger: Logger;
  private stateValue: PeerLinkState = 'new';
  private makingOffer = false;
  private ignoreOffer = false;
  private isSettingRemoteAnswerPending = false;
  private readonly candidates: CandidateQueue;
  private readonly repeats: OfferRepeat;
  private inbox: Promise<void> = Promise.resolve();
  private readonly senders = new Map<TrackSlot, RTCRtpSender>();
  private readonly remote = new Map<string, MediaStream>();
  private everConnected = false;
  private restarts = 0;
  private disconnectedTimer: ReturnType<typeof setTimeout> | null = null;
  private restartTimer: ReturnType<typeof setTimeout> | null = null;
  private firstOfferTimer: ReturnType<typeof setTimeout> | null = null;
  private lastTransport = 'new';

  constructor(options: PeerLinkOptions) {
    super();
    this.options = options;
    this.localId = options.localId;
    this.remoteId = options.remoteId;
    this.polite = isPolite(options.localId, options.remoteId);
    this.logger = withFields(options.logger ?? silentLogger, { peer: options.remoteId });
    const Ctor = options.RTCPeerConnection ?? globalThis.RTCPeerConnection;
    this.pc = new Ctor(options.configuration);
    this.candidates = new CandidateQueue(this.pc, this.logger, () => this.ignoreOffer);
    this.repeats = new OfferRepeat({
      send: options.sendSignal,
      offerPending: () => !this.makingOffer && !this.isClosed() && this.pc.signalingState === 'have-local-offer',
      remotePresent: options.remotePresent ?? (() => true),
      logger: this.logger,
    });
    this.pc.onnegotiationneeded = () => this.onNegotiationNeeded();
    this.pc.onicecandidate = (event) => {
      // End-of-candidates (null) is not sent: browsers do not need it, and it saves a message.
      if (!event.candidate) return;
      const json = event.candidate.toJSON();
      this.repeats.send({ kind: 'candidate', candidate: { ...json, candidate: json.candidate ?? '' } });
    };
    this.pc.ontrack = (event) => this.onTrack(event);
    this.pc.onconnectionstatechange = () => this.onConnectivity();
    this.pc.oniceconnectionstatechange = () => this.onConnectivity();
    this.chatChannel = this.pc.createDataChannel(CHAT_CHANNEL.label, { negotiated: true, id: CHAT_CHANNEL.id, ordered: true });
    this.fileChannel = this.pc.createDataChannel(FILE_CHANNEL.label, { negotiated: true, id: FILE_CHANNEL.id, ordered: true });
    this.chatChannel.binaryType = 'arraybuffer';
    this.fileChannel.binaryType = 'arraybuffer';
    this.logger.debug('link: created', { polite: this.polite });
  }

  get state(): PeerLinkState {
    return this.stateValue;
  }

  private isClosed(): boolean {
    return this.stateValue === 'closed';
  }

  /** Remote streams by stream id (the id the sender announced in its media state). */
  get remoteStreams(): ReadonlyMap<string, MediaStream> {
    return this.remote;
  }

  get connection(): RTCPeerConnection {
    return this.pc;
  }

  /** Handles a signal from the remote participant; processed strictly in arrival order. */
  handleSignal(payload: SignalPayload): Promise<void> {
    const next = this.inbox.then(() => this.process(payload));
    this.inbox = next.catch((error: unknown) => {
      this.logger.warn('link: signal failed', { error: errorName(error), kind: payload.kind });
    });
    return this.inbox;
  }

  /**
   * Sends `track` in `slot` (null stops sending, keeping the sender for later). The first track of a
   * slot adds a sender with the slot's stream (its id tells the remote side camera from screen) and
   * triggers a negotiation; later changes use replaceTrack() and need none.
   */
  async setTrack(slot: TrackSlot, track: MediaStreamTrack | null, stream: MediaStream): Promise<void> {
    if (this.stateValue === 'closed') return;
    const sender = this.senders.get(slot);
    if (sender) {
      if (sender.track === track) return;
      try {
        await sender.replaceTrack(track);
      } catch (error) {
        this.logger.warn('link: replaceTrack failed', { slot, error: errorName(error) });
      }
      return;
    }
    if (!track) return;
    this.senders.set(slot, this.pc.addTrack(track, stream));
    this.logger.debug('link: sender added', { slot });
  }

  /** The remote may have missed our unanswered offer (see {@link OfferRepeat}): sends it again. */
  repeatOffer(reason: 'remote back' | 'our signaling resumed'): void {
    this.repeats.repeat(reason);
  }

  /** Restarts ICE (new credentials, new candidates) through a renegotiation. */
  restartIce(reason: 'failed' | 'disconnected' | 'timeout' | 'online' | 'manual'): void {
    if (this.stateValue === 'closed') return;
    if (reason === 'online' || reason === 'manual') this.restarts = 0;
    if (this.restarts >= (this.options.maxRestarts ?? 5)) {
      this.setState('failed', `restart limit (${reason})`);
      return;
    }
    this.restarts += 1;
    this.logger.debug('link: ICE restart', { reason, attempt: this.restarts });
    this.clearDisconnectedTimer();
    if (typeof this.pc.restartIce === 'function') this.pc.restartIce();
    else void this.negotiate({ iceRestart: true });
    // A restart of a healthy connection (online event, manual) keeps it `connected`: browsers do not
    // report a transition for it, so only a broken transport changes our state.
    if (transportState(this.pc) !== 'connected') {
      this.setState(this.everConnected ? 'reconnecting' : 'connecting', reason);
    }
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (transportState(this.pc) === 'connected') this.setState('connected', 'transport connected');
      else if (this.stateValue === 'reconnecting' || this.stateValue === 'connecting') this.restartIce('timeout');
    }, this.options.restartTimeoutMs ?? 15_000);
  }

  setConfiguration(configuration: RTCConfiguration): void {
    try {
      this.pc.setConfiguration(configuration);
    } catch (error) {
      this.logger.warn('link: setConfiguration failed', { error: errorName(error) });
    }
  }

  getStats(): Promise<RTCStatsReport> {
    return this.pc.getStats();
  }

  /** The sender of a slot once its first track was added (adaptation sets its encodings). */
  sender(slot: TrackSlot): RTCRtpSender | null {
    return this.senders.get(slot) ?? null;
  }

  close(): void {
    if (this.stateValue === 'closed') return;
    this.clearDisconnectedTimer();
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    this.clearFirstOfferTimer();
    this.candidates.clear();
    this.repeats.stop();
    this.pc.onnegotiationneeded = null;
    this.pc.onicecandidate = null;
    this.pc.ontrack = null;
    this.pc.onconnectionstatechange = null;
    this.pc.oniceconnectionstatechange = null;
    this.chatChannel.close();
    this.fileChannel.close();
    this.pc.close();
    this.remote.clear();
    this.setState('closed', 'close()');
    this.emit('streams');
    this.removeAllListeners();
  }

  /**
   * The first offer of a link comes from the impolite side; the polite side waits for it instead of
   * offering too. Answering a remote offer while our own setLocalDescription(offer) is still running
   * (an implicit rollback during ICE gathering) can leave Chrome gathering forever: no local
   * candidates, no connection, not even after an ICE restart (about 1 in 20 admissions in the app,
   * where the guest's link starts as the host's offer arrives). Renegotiations keep perfect
   * negotiation as it is. Should no offer come within `firstOfferWaitMs` (PeerMesh chooses it: short
   * where the remote may keep its old link and never offers), the polite side offers itself.
   */
  private onNegotiationNeeded(): void {
    if (this.polite && !this.pc.remoteDescription) {
      if (this.firstOfferTimer || this.isClosed()) return;
      this.logger.debug('link: waiting for the first offer (polite)');
      this.firstOfferTimer = setTimeout(() => {
        this.firstOfferTimer = null;
        if (this.isClosed() || this.pc.remoteDescription || this.pc.signalingState !== 'stable') return;
        this.logger.debug('link: no first offer came; offering (polite)');
        void this.negotiate();
      }, this.options.firstOfferWaitMs ?? 1000);
      return;
    }
    void this.negotiate();
  }

  private clearFirstOfferTimer(): void {
    if (this.firstOfferTimer) clearTimeout(this.firstOfferTimer);
    this.firstOfferTimer = null;
  }

  private async negotiate(offerOptions?: RTCOfferOptions): Promise<void> {
    if (this.stateValue === 'closed') return;
    try {
      this.makingOffer = true;
      if (offerOptions) await this.pc.setLocalDescription(await this.pc.createOffer(offerOptions));
      else await this.pc.setLocalDescription();
      this.sendDescription();
      if (this.stateValue === 'new') this.setState('connecting', 'negotiating');
    } catch (error) {
      this.logger.warn('link: negotiation failed', { error: errorName(error) });
    } finally {
      this.makingOffer = false;
    }
  }

  private async process(payload: SignalPayload): Promise<void> {
    if (this.stateValue === 'closed') return;
    if (payload.kind === 'candidate') {
      if (payload.candidate) await this.candidates.add(payload.candidate);
      return;
    }
    const description = payload.description;
    if (this.repeats.triage(description, this.pc.signalingState) !== 'process') return;
    const readyForOffer = !this.makingOffer && (this.pc.signalingState === 'stable' || this.isSettingRemoteAnswerPending);
    const offerCollision = description.type === 'offer' && !readyForOffer;
    this.ignoreOffer = !this.polite && offerCollision;
    if (this.ignoreOffer) {
      this.logger.debug('link: ignored colliding offer (impolite)');
      return;
    }
    if (offerCollision) this.logger.debug('link: offer collision, rolling back (polite)');
    this.isSettingRemoteAnswerPending = description.type === 'answer';
    try {
      await this.pc.setRemoteDescription(description); // rolls back our offer if needed
    } catch (error) {
      if (this.isClosed()) return;
      this.logger.warn('link: remote description refused; resetting the link', {
        type: description.type,
        error: errorName(error),
      });
      this.emit('reset', payload);
      return;
    } finally {
      this.isSettingRemoteAnswerPending = false;
    }
    this.logger.debug('link: remote description set', { type: description.type });
    this.repeats.applied(description);
    this.clearFirstOfferTimer();
    if (this.stateValue === 'new') this.setState('connecting', 'remote description');
    await this.candidates.flush();
    if (description.type === 'offer') {
      await this.pc.setLocalDescription();
      this.sendDescription();
    }
  }

  private sendDescription(): void {
    const local = this.pc.localDescription;
    if (!local || (local.type !== 'offer' && local.type !== 'answer')) return;
    this.logger.debug('link: sending description', { type: local.type });
    // What we ask the other side to send us: Opus with FEC and DTX (sdp.ts).
    this.repeats.send({ kind: 'description', description: { type: local.type, sdp: withOpusFecDtx(local.sdp) } });
  }

  private onTrack(event: RTCTrackEvent): void {
    const stream = event.streams[0];
    if (!stream) {
      this.logger.warn('link: remote track without a stream ignored', { kind: event.track.kind });
      return;
    }
    this.logger.debug('link: remote track', { kind: event.track.kind });
    if (!this.remote.has(stream.id)) {
      this.remote.set(stream.id, stream);
      stream.onremovetrack = () => {
        if (stream.getTracks().length === 0) this.remote.delete(stream.id);
        this.emit('streams');
      };
    }
    this.emit('streams');
  }

  private onConnectivity(): void {
    const transport = transportState(this.pc);
    // Both events fire for one transition: act once per change.
    if (transport === this.lastTransport) return;
    this.lastTransport = transport;
    this.logger.debug('link: transport', { transport });
    switch (transport) {
      case 'closed':
        this.setState('closed', 'transport closed');
        return;
      case 'failed':
        this.clearDisconnectedTimer();
        this.restartIce('failed');
        return;
      case 'disconnected':
        if (this.stateValue === 'connected') this.setState('reconnecting', 'disconnected');
        if (!this.disconnectedTimer) {
          this.disconnectedTimer = setTimeout(() => {
            this.disconnectedTimer = null;
            if (transportState(this.pc) === 'disconnected') this.restartIce('disconnected');
          }, this.options.disconnectedGraceMs ?? 3000);
        }
        return;
      case 'connected':
        this.clearDisconnectedTimer();
        if (this.restartTimer) clearTimeout(this.restartTimer);
        this.restartTimer = null;
        this.restarts = 0;
        this.everConnected = true;
        this.setState('connected', 'transport connected');
        return;
      default:
        if (this.stateValue === 'new') this.setState('connecting', 'transport checking');
    }
  }

  private clearDisconnectedTimer(): void {
    if (this.disconnectedTimer) clearTimeout(this.disconnectedTimer);
    this.disconnectedTimer = null;
  }

  private setState(next: PeerLinkState, reason: string): void {
    if (next === this.stateValue || this.stateValue === 'closed') return;
    const previous = this.stateValue;
    this.stateValue = next;
    this.logger.debug('link: state', { from: previous, to: next, reason });
    this.emit('state', next, previous);
  }
}
