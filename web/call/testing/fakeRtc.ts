/**
 * A fake RTCPeerConnection / RTCDataChannel pair that follows the W3C state machine closely enough to
 * exercise perfect negotiation: setLocalDescription() without arguments, implicit rollback when an
 * offer arrives in have-local-offer, InvalidStateError for an answer in stable, negotiationneeded only
 * in stable, candidates refused before a remote description or with a stale ufrag, ICE that connects
 * only when both sides hold matching descriptions and candidates, stays `failed` until restartIce()
 * has been negotiated, and data channels with bufferedAmount and a send-queue limit.
 * "SDP" is JSON; nothing here is a real protocol.
 */
import { FakeMediaStream, FakeMediaStreamTrack, fakeId } from './fakeMedia';

interface FakeSdp {
  pc: string;
  /** Like the o= line's session version: every description a peer connection makes differs from the one before. */
  version: number;
  ufrag: string;
  senders: { mid: string; kind: 'audio' | 'video'; streamIds: string[]; hasTrack: boolean }[];
  data: boolean;
}

const encode = (sdp: FakeSdp): string => `FAKE ${JSON.stringify(sdp)}`;
const decode = (sdp: string): FakeSdp => JSON.parse(sdp.slice(5)) as FakeSdp;

function fire(target: EventTarget, type: string, props: Record<string, unknown> = {}): void {
  const event = new Event(type);
  for (const [key, value] of Object.entries(props)) Object.defineProperty(event, key, { value });
  target.dispatchEvent(event);
  const handler = (target as unknown as Record<string, unknown>)[`on${type}`];
  if (typeof handler === 'function') handler.call(target, event);
}

const later = (fn: () => void): void => {
  setTimeout(fn, 0);
};

export class FakeNetwork {
  readonly pcs = new Map<string, FakePeerConnection>();
  /** Peer connections whose network is cut. */
  readonly down = new Set<string>();
  /** Bytes a data channel delivers per timer tick. */
  bytesPerTick = 256 * 1024;
  /** Chrome refuses to queue more than this (it closes the channel; we throw). */
  sendQueueLimit = 16 * 1024 * 1024;
  maxMessageSize = 256 * 1024;

  /** Constructor to inject as RTCPeerConnection. */
  get RTCPeerConnection(): typeof RTCPeerConnection {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const network = this;
    return class extends FakePeerConnection {
      constructor(configuration?: RTCConfiguration) {
        super(network, configuration);
      }
    } as unknown as typeof RTCPeerConnection;
  }

  all(): FakePeerConnection[] {
    return [...this.pcs.values()];
  }

  /** Cut a peer connection's network: connected ICE goes disconnected, then failed (after `failAfterMs`). */
  cut(pc: FakePeerConnection, failAfterMs = 5000): void {
    this.down.add(pc.fakeId);
    for (const side of [pc, pc.partner()]) {
      if (!side || side.connectionState !== 'connected') continue;
      side.setIce('disconnected');
      setTimeout(() => {
        if (side.iceConnectionState === 'disconnected' && (this.down.has(pc.fakeId) || this.down.has(side.fakeId))) {
          side.setIce('failed');
        }
      }, failAfterMs);
    }
  }

  /** Restore the network. `disconnected` recovers by itself, `failed` needs an ICE restart. */
  heal(pc: FakePeerConnection): void {
    this.down.delete(pc.fakeId);
    for (const side of [pc, pc.partner()]) {
      if (side?.iceConnectionState === 'disconnected') side.setIce('connected');
      side?.checkConnectivity();
    }
  }
}

class FakeSender {
  readonly mid: string;
  constructor(
    public track: FakeMediaStreamTrack | null,
    readonly kind: 'audio' | 'video',
    public streamIds: string[],
  ) {
    this.mid = fakeId('mid');
  }
  async replaceTrack(track: FakeMediaStreamTrack | null): Promise<void> {
    if (track && track.kind !== this.kind) throw new TypeError('kind mismatch');
    this.track = track;
  }
  getParameters(): RTCRtpSendParameters {
    return { encodings: [], transactionId: '', codecs: [], headerExtensions: [], rtcp: {} };
  }
  async setParameters(): Promise<void> {}
}

export class FakePeerConnection extends EventTarget {
  readonly fakeId = fakeId('pc');
  signalingState: RTCSignalingState = 'stable';
  connectionState: RTCPeerConnectionState = 'new';
  iceConnectionState: RTCIceConnectionState = 'new';
  iceGatheringState: RTCIceGatheringState = 'new';
  localDescription: RTCSessionDescriptionInit | null = null;
  remoteDescription: RTCSessionDescriptionInit | null = null;
  private currentLocal: RTCSessionDescriptionInit | null = null;
  onnegotiationneeded: ((event: Event) => void) | null = null;
  onicecandidate: ((event: RTCPeerConnectionIceEvent) => void) | null = null;
  ontrack: ((event: RTCTrackEvent) => void) | null = null;
  onconnectionstatechange: ((event: Event) => void) | null = null;
  oniceconnectionstatechange: ((event: Event) => void) | null = null;
  onsignalingstatechange: ((event: Event) => void) | null = null;
  ondatachannel: ((event: RTCDataChannelEvent) => void) | null = null;
  readonly senders: FakeSender[] = [];
  readonly channels = new Map<number, FakeDataChannel>();
  /** Applied remote candidates per ufrag. */
  private readonly candidates = new Map<string, number>();
  private readonly seenRemoteMids = new Set<string>();
  private readonly remoteStreams = new Map<string, FakeMediaStream>();
  private chain: Promise<unknown> = Promise.resolve();
  private ufrag = fakeId('ufrag');
  private sdpVersion = 0;
  private restartPending = false;
  private changeVersion = 0;
  private negotiatedVersion = 0;
  private offeredVersion = 0;
  private offeredRestart = false;
  private everConnected = false;
  private remoteIceRestart = false;
  /** Counters for assertions. */
  readonly counts = { offers: 0, answers: 0, rollbacks: 0, restarts: 0, candidatesRefused: 0 };
  statsReport: () => Map<string, Record<string, unknown>> = () => new Map();
  closed = false;

  constructor(
    readonly network: FakeNetwork,
    readonly configuration: RTCConfiguration = {},
  ) {
    super();
    network.pcs.set(this.fakeId, this);
  }

  partner(): FakePeerConnection | undefined {
    const remote = this.remoteDescription?.sdp;
    return remote ? this.network.pcs.get(decode(remote).pc) : undefined;
  }

  getConfiguration(): RTCConfiguration {
    return this.configuration;
  }
  setConfiguration(configuration: RTCConfiguration): void {
    Object.assign(this.configuration, configuration);
  }
  getSenders(): FakeSender[] {
    return [...this.senders];
  }

  addTrack(track: FakeMediaStreamTrack, ...streams: FakeMediaStream[]): FakeSender {
    this.assertOpen();
    if (this.senders.some((sender) => sender.track === track)) throw new DOMException('track exists', 'InvalidAccessError');
    const sender = new FakeSender(
      track,
      track.kind,
      streams.map((stream) => stream.id),
    );
    this.senders.push(sender);
    this.changed();
    return sender;
  }

  removeTrack(sender: FakeSender): void {
    sender.track = null;
    this.changed();
  }

  createDataChannel(label: string, init: RTCDataChannelInit = {}): FakeDataChannel {
    this.assertOpen();
    if (!init.negotiated || init.id === undefined) throw new Error('the fake supports negotiated channels only');
    const channel = new FakeDataChannel(label, init.id, this.network);
    const first = this.channels.size === 0;
    this.channels.set(init.id, channel);
    if (first) this.changed();
    else this.pairChannels();
    return channel;
  }

  restartIce(): void {
    this.counts.restarts += 1;
    this.restartPending = true;
    this.changed();
  }

  setLocalDescription(description?: RTCSessionDescriptionInit): Promise<void> {
    return this.enqueue(async () => {
      this.assertOpen();
      if (description?.type === 'rollback') {
        this.rollback();
        return;
      }
      if (this.signalingState === 'have-remote-offer') {
        if (this.restartPending || this.remoteIceRestart) this.newUfrag();
        this.remoteIceRestart = false;
        this.negotiatedVersion = this.changeVersion;
        this.restartPending = false;
        this.localDescription = this.currentLocal = { type: 'answer', sdp: this.sdp() };
        this.counts.answers += 1;
        this.setSignaling('stable');
        this.gather();
        this.checkConnectivity();
        this.checkNegotiationNeeded();
        return;
      }
      if (this.restartPending) this.newUfrag();
      this.offeredVersion = this.changeVersion;
      this.offeredRestart = this.restartPending;
      this.localDescription = { type: 'offer', sdp: this.sdp() };
      this.counts.offers += 1;
      this.setSignaling('have-local-offer');
      this.gather();
    });
  }

  setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void> {
    return this.enqueue(async () => {
      this.assertOpen();
      const remote = decode(description.sdp ?? '');
      if (this.remoteDescription && decode(this.remoteDescription.sdp ?? '').pc !== remote.pc) {
        // Like browsers: a session cannot switch to another remote endpoint (DTLS fingerprint change).
        throw new DOMException('Failed to set remote description: fingerprint changed', 'InvalidAccessError');
      }
      if (description.type === 'offer') {
        if (this.signalingState === 'have-local-offer') this.rollback();
        if (this.signalingState !== 'stable') throw new DOMException('wrong state for an offer', 'InvalidStateError');
        const previous = this.remoteDescription?.sdp ? decode(this.remoteDescription.sdp).ufrag : null;
        this.remoteIceRestart = previous !== null && previous !== remote.ufrag;
        this.remoteDescription = description;
        this.setSignaling('have-remote-offer');
      } else if (description.type === 'answer') {
        if (this.signalingState !== 'have-local-offer') {
          throw new DOMException(`answer in ${this.signalingState}`, 'InvalidStateError');
        }
        this.remoteDescription = description;
        this.currentLocal = this.localDescription;
        this.negotiatedVersion = this.offeredVersion;
        if (this.offeredRestart) this.restartPending = false;
        this.setSignaling('stable');
      } else throw new DOMException('unsupported', 'InvalidStateError');
      this.fireTracks(remote);
      if (description.type === 'answer') {
        this.checkConnectivity();
        this.checkNegotiationNeeded();
      }
    });
  }

  addIceCandidate(candidate?: RTCIceCandidateInit | null): Promise<void> {
    return this.enqueue(async () => {
      this.assertOpen();
      if (!this.remoteDescription) {
        this.counts.candidatesRefused += 1;
        throw new DOMException('The remote description was null', 'InvalidStateError');
      }
      if (!candidate || !candidate.candidate) return; // end of candidates
      const remoteUfrag = decode(this.remoteDescription.sdp ?? '').ufrag;
      if (candidate.usernameFragment !== remoteUfrag) {
        this.counts.candidatesRefused += 1;
        throw new DOMException('Unknown ufrag', 'OperationError');
      }
      this.candidates.set(remoteUfrag, (this.candidates.get(remoteUfrag) ?? 0) + 1);
      this.checkConnectivity();
      this.partner()?.checkConnectivity();
    });
  }

  async getStats(): Promise<RTCStatsReport> {
    return this.statsReport() as unknown as RTCStatsReport;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.signalingState = 'closed';
    this.connectionState = 'closed';
    this.iceConnectionState = 'closed';
    for (const channel of this.channels.values()) channel.close();
  }

  // --- simulation -----------------------------------------------------------------------------------

  /** Force an ICE state (and the derived connection state), firing both events like a browser. */
  setIce(state: RTCIceConnectionState): void {
    if (this.closed || this.iceConnectionState === state) return;
    this.iceConnectionState = state;
    fire(this, 'iceconnectionstatechange');
    const connection: RTCPeerConnectionState = state === 'checking' ? 'connecting' : state === 'completed' ? 'connected' : (state as RTCPeerConnectionState);
    if (this.connectionState !== connection) {
      this.connectionState = connection;
      fire(this, 'connectionstatechange');
    }
    if (connection === 'connected') {
      this.everConnected = true;
      this.pairChannels();
    }
  }

  checkConnectivity(): void {
    if (this.closed || !this.localDescription || !this.remoteDescription) return;
    if (this.iceConnectionState === 'new') this.setIce('checking');
    const partner = this.partner();
    if (!partner?.remoteDescription || !partner.localDescription) return;
    const mine = decode(this.localDescription.sdp ?? '').ufrag;
    const theirs = decode(this.remoteDescription.sdp ?? '').ufrag;
    const ready =
      decode(partner.remoteDescription.sdp ?? '').ufrag === mine &&
      decode(partner.localDescription.sdp ?? '').ufrag === theirs &&
      (this.candidates.get(theirs) ?? 0) > 0 &&
      (partner.candidates.get(mine) ?? 0) > 0 &&
      !this.network.down.has(this.fakeId) &&
      !this.network.down.has(partner.fakeId);
    if (!ready) {
      if (this.iceConnectionState === 'failed' && this.connectedUfrags !== `${mine}/${theirs}`) this.setIce('checking');
      return;
    }
    const pair = `${mine}/${theirs}`;
    if (this.iceConnectionState === 'failed' && this.connectedUfrags === pair) return; // needs a restart
    later(() => {
      for (const side of [this, partner]) {
        if (side.iceConnectionState !== 'connected' && !side.closed) {
          side.connectedUfrags = side === this ? pair : `${theirs}/${mine}`;
          side.setIce('connected');
        }
      }
    });
  }
  private connectedUfrags = '';

  // --- internals ------------------------------------------------------------------------------------

  private enqueue<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.chain.then(operation);
    this.chain = result.catch(() => undefined);
    return result;
  }

  private assertOpen(): void {
    if (this.closed) throw new DOMException('closed', 'InvalidStateError');
  }

  private changed(): void {
    this.changeVersion += 1;
    this.checkNegotiationNeeded();
  }

  private checkNegotiationNeeded(): void {
    later(() => {
      if (this.closed || this.signalingState !== 'stable') return;
      if (this.changeVersion > this.negotiatedVersion || this.restartPending) {
        fire(this, 'negotiationneeded');
      }
    });
  }

  private rollback(): void {
    this.counts.rollbacks += 1;
    this.localDescription = this.currentLocal;
    this.setSignaling('stable');
  }

  private newUfrag(): void {
    this.ufrag = fakeId('ufrag');
  }

  private sdp(): string {
    return encode({
      pc: this.fakeId,
      version: ++this.sdpVersion,
      ufrag: this.ufrag,
      senders: this.senders.map((sender) => ({
        mid: sender.mid,
        kind: sender.kind,
        streamIds: sender.streamIds,
        hasTrack: sender.track !== null,
      })),
      data: this.channels.size > 0,
    });
  }

  private setSignaling(state: RTCSignalingState): void {
    if (this.signalingState === state) return;
    this.signalingState = state;
    fire(this, 'signalingstatechange');
  }

  private gather(): void {
    const ufrag = this.ufrag;
    this.iceGatheringState = 'gathering';
    later(() => {
      if (this.closed || ufrag !== this.ufrag) return;
      for (let index = 0; index < 2; index++) {
        const candidate = {
          candidate: `candidate:${index} 1 udp 2122260223 127.0.0.1 ${50000 + index} typ host ufrag ${ufrag}`,
          sdpMid: '0',
          sdpMLineIndex: 0,
          usernameFragment: ufrag,
          toJSON() {
            return { candidate: this.candidate, sdpMid: '0', sdpMLineIndex: 0, usernameFragment: ufrag };
          },
        };
        fire(this, 'icecandidate', { candidate });
      }
      this.iceGatheringState = 'complete';
      fire(this, 'icecandidate', { candidate: null });
    });
  }

  private fireTracks(remote: FakeSdp): void {
    for (const sender of remote.senders) {
      if (this.seenRemoteMids.has(sender.mid)) continue;
      this.seenRemoteMids.add(sender.mid);
      const track = new FakeMediaStreamTrack(sender.kind, `remote ${sender.kind}`);
      const streams = sender.streamIds.map((id) => {
        let stream = this.remoteStreams.get(id);
        if (!stream) {
          stream = new FakeMediaStream([], id);
          this.remoteStreams.set(id, stream);
        }
        stream.addTrack(track);
        return stream;
      });
      fire(this, 'track', { track, streams, receiver: { track }, transceiver: { mid: sender.mid } });
    }
  }

  private pairChannels(): void {
    const partner = this.partner();
    if (!partner || !this.everConnected) return;
    for (const [id, channel] of this.channels) {
      const other = partner.channels.get(id);
      if (other && !channel.peer && !other.peer && !channel.isClosed && !other.isClosed) {
        channel.peer = other;
        other.peer = channel;
        later(() => {
          channel.open();
          other.open();
        });
      }
    }
  }
}

type ChannelPayload = string | ArrayBuffer;

export class FakeDataChannel extends EventTarget {
  readyState: RTCDataChannelState = 'connecting';
  bufferedAmount = 0;
  bufferedAmountLowThreshold = 0;
  binaryType: BinaryType = 'arraybuffer';
  readonly negotiated = true;
  readonly ordered = true;
  peer: FakeDataChannel | null = null;
  /** Largest bufferedAmount ever seen, to assert back-pressure. */
  maxBuffered = 0;
  onopen: ((event: Event) => void) | null = null;
  onclose: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onbufferedamountlow: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  private readonly outbox: ChannelPayload[] = [];
  private draining = false;

  constructor(
    readonly label: string,
    readonly id: number,
    private readonly network: FakeNetwork,
  ) {
    super();
  }

  get isClosed(): boolean {
    return this.readyState === 'closed' || this.readyState === 'closing';
  }

  send(data: string | ArrayBuffer | ArrayBufferView | Blob): void {
    if (this.readyState !== 'open') throw new DOMException(`channel is ${this.readyState}`, 'InvalidStateError');
    let payload: ChannelPayload;
    if (typeof data === 'string') payload = data;
    else if (data instanceof ArrayBuffer) payload = data.slice(0);
    else if (ArrayBuffer.isView(data)) {
      payload = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice().buffer;
    } else throw new TypeError('the fake does not send Blobs');
    const size = typeof payload === 'string' ? new TextEncoder().encode(payload).length : payload.byteLength;
    if (size > this.network.maxMessageSize) throw new TypeError('message too large');
    if (this.bufferedAmount + size > this.network.sendQueueLimit) {
      throw new DOMException('send queue is full', 'OperationError');
    }
    this.outbox.push(payload);
    this.bufferedAmount += size;
    this.maxBuffered = Math.max(this.maxBuffered, this.bufferedAmount);
    this.drain();
  }

  close(): void {
    if (this.readyState === 'closed') return;
    this.readyState = 'closed';
    this.outbox.length = 0;
    this.bufferedAmount = 0;
    later(() => fire(this, 'close'));
    const peer = this.peer;
    this.peer = null;
    if (peer && peer.readyState !== 'closed') {
      peer.peer = null;
      peer.close();
    }
  }

  open(): void {
    if (this.readyState !== 'connecting') return;
    this.readyState = 'open';
    fire(this, 'open');
    this.drain();
  }

  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    later(() => {
      this.draining = false;
      if (this.readyState !== 'open' || !this.peer) return;
      let budget = this.network.bytesPerTick;
      while (budget > 0 && this.outbox.length > 0) {
        const payload = this.outbox.shift() as ChannelPayload;
        const size = typeof payload === 'string' ? new TextEncoder().encode(payload).length : payload.byteLength;
        budget -= size;
        const before = this.bufferedAmount;
        this.bufferedAmount -= size;
        this.peer.receive(payload);
        if (before > this.bufferedAmountLowThreshold && this.bufferedAmount <= this.bufferedAmountLowThreshold) {
          fire(this, 'bufferedamountlow');
        }
        if (this.readyState !== 'open' || !this.peer) return;
      }
      if (this.outbox.length > 0) this.drain();
    });
  }

  private receive(payload: ChannelPayload): void {
    if (this.readyState !== 'open') return;
    fire(this, 'message', { data: payload });
  }
}

/** Two connected data channels without peer connections (for data-channel-only tests). */
export function fakeChannelPair(
  network: FakeNetwork,
  options: { label?: string; id?: number; open?: boolean } = {},
): [RTCDataChannel, RTCDataChannel, FakeDataChannel, FakeDataChannel] {
  const a = new FakeDataChannel(options.label ?? 'files', options.id ?? 1, network);
  const b = new FakeDataChannel(options.label ?? 'files', options.id ?? 1, network);
  a.peer = b;
  b.peer = a;
  if (options.open !== false) {
    a.open();
    b.open();
  }
  return [a as unknown as RTCDataChannel, b as unknown as RTCDataChannel, a, b];
}
