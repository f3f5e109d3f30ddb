import type { SignalPayload } from '../../common/signaling';
import type { DataChannelHub } from './DataChannelHub';
import { withFields, type Logger } from './logger';
import { PeerLink, type PeerLinkOptions, type TrackSlot } from './PeerLink';

export interface PeerMeshOptions {
  RTCPeerConnection?: typeof RTCPeerConnection;
  logger: Logger;
  peerLink?: Pick<PeerLinkOptions, 'disconnectedGraceMs' | 'restartTimeoutMs' | 'maxRestarts'>;
  /** Sends a signal to a participant through the signaling server. */
  send: (to: string, payload: SignalPayload) => void;
  localTrack: (slot: TrackSlot) => MediaStreamTrack | null;
  streamFor: (slot: TrackSlot) => MediaStream;
  hub: DataChannelHub;
  onChange: () => void;
  /** Link count went from 0 to 1 (true) or 1 to 0 (false). */
  onActive: (active: boolean) => void;
  /**
   * Whether the remote participant may still hold a link to us from before this page's signaling
   * (see the first-offer wait below); true when not given.
   */
  mayHoldOldLink?: (remoteId: string) => boolean;
  /** Whether the remote participant's signaling socket is there (see OfferRepeat); true when not given. */
  remotePresent?: (remoteId: string) => boolean;
}

const SLOTS: TrackSlot[] = ['audio', 'camera', 'screen'];
const MAX_EARLY_SIGNALS = 200;
const MAX_RESETS_PER_MINUTE = 3;

/**
 * How long a new polite link waits for the impolite side's first offer before offering itself
 * (PeerLink.onNegotiationNeeded). A remote that may keep an old link to us never offers, so we offer
 * soon. Any other remote makes a new link and offers, and we wait for it far longer than it takes:
 * a shorter timer (it was 1 s, then 3 s) ran out under load, where with four guests admitted at once
 * the remote's offer came up to 6 s after our link (each setLocalDescription taking 0.3-3 s while
 * five pages negotiate 20 peer connections on two cores): both offered, and the collision's rollback
 * could stall ICE gathering until an ICE restart. The wait still ends, so a link to a party that
 * never offers first (one that only ever answers, as safety-code.e2e.ts's man in the middle) is not
 * stuck.
 */
const FIRST_OFFER_WAIT_MS = { newLink: 10_000, oldLinkPossible: 1_000 } as const;

/**
 * The full mesh: exactly one {@link PeerLink} per admitted remote participant, each wired to local
 * media and to the data channel hub. Signals for a participant whose link cannot exist yet (the ICE
 * configuration is still loading) wait here; a link whose remote side restarted is replaced.
 */
export class PeerMesh {
  private readonly links = new Map<string, PeerLink>();
  private readonly early = new Map<string, SignalPayload[]>();
  private readonly resets = new Map<string, number[]>();
  private localId: string | null = null;
  private configuration: RTCConfiguration | null = null;
  private wanted = new Set<string>();
  /** Whom we had a link to before under this identity: a link they may still hold (see create()). */
  private readonly linkedBefore = new Set<string>();

  constructor(private readonly options: PeerMeshOptions) {}

  get(id: string): PeerLink | undefined {
    return this.links.get(id);
  }

  entries(): [string, PeerLink][] {
    return [...this.links];
  }

  /**
   * Brings the mesh in line: `localId` null (not admitted) closes everything; without a
   * configuration nothing new is created yet.
   */
  sync(localId: string | null, remoteIds: Iterable<string>, configuration: RTCConfiguration | null): void {
    if (localId !== this.localId) {
      this.closeAll();
      this.linkedBefore.clear();
    }
    this.localId = localId;
    this.configuration = configuration;
    this.wanted = new Set(localId ? remoteIds : []);
    for (const id of [...this.links.keys()]) if (!this.wanted.has(id)) this.close(id);
    for (const id of [...this.early.keys()]) if (!this.wanted.has(id)) this.early.delete(id);
    if (!localId || !configuration) return;
    for (const id of this.wanted) if (!this.links.has(id)) this.create(localId, id, configuration);
  }

  /** A signal from `from`: to its link, or kept until the link exists; dropped for strangers. */
  route(from: string, payload: SignalPayload): void {
    const link = this.links.get(from);
    if (link) {
      void link.handleSignal(payload);
      return;
    }
    if (!this.wanted.has(from)) {
      withFields(this.options.logger, { peer: from }).debug('mesh: signal from a participant without a link dropped');
      return;
    }
    const queue = this.early.get(from) ?? [];
    if (queue.length < MAX_EARLY_SIGNALS) queue.push(payload);
    this.early.set(from, queue);
  }

  setTrack(slot: TrackSlot, track: MediaStreamTrack | null): void {
    for (const link of this.links.values()) void link.setTrack(slot, track, this.options.streamFor(slot));
  }

  setConfiguration(configuration: RTCConfiguration): void {
    this.configuration = configuration;
    for (const link of this.links.values()) link.setConfiguration(configuration);
  }

  restartIce(reason: 'online' | 'manual'): void {
    for (const link of this.links.values()) link.restartIce(reason);
  }

  /** Whoever may have missed our unanswered offer gets it again: `ids`, or everyone when not given. */
  repeatOffers(reason: Parameters<PeerLink['repeatOffer']>[0], ids?: readonly string[]): void {
    for (const [id, link] of this.links) if (!ids || ids.includes(id)) link.repeatOffer(reason);
  }

  closeAll(): void {
    for (const id of [...this.links.keys()]) this.close(id);
    this.early.clear();
  }

  private create(localId: string, remoteId: string, configuration: RTCConfiguration): void {
    // A link of ours they may still hold: our roster dropped them (a signaling restart lists only who
    // is back), theirs kept us; or they were in the call when our page came (a reload).
    const oldLinkPossible = this.linkedBefore.has(remoteId) || this.options.mayHoldOldLink?.(remoteId) !== false;
    this.linkedBefore.add(remoteId);
    const link = new PeerLink({
      ...this.options.peerLink,
      localId,
      remoteId,
      configuration,
      firstOfferWaitMs: oldLinkPossible ? FIRST_OFFER_WAIT_MS.oldLinkPossible : FIRST_OFFER_WAIT_MS.newLink,
      RTCPeerConnection: this.options.RTCPeerConnection,
      logger: this.options.logger,
      sendSignal: (payload) => this.options.send(remoteId, payload),
      remotePresent: () => this.options.remotePresent?.(remoteId) ?? true,
    });
    this.links.set(remoteId, link);
    link.on('state', () => this.options.onChange());
    link.on('streams', () => this.options.onChange());
    link.on('reset', (payload) => this.reset(remoteId, payload));
    for (const slot of SLOTS) {
      const track = this.options.localTrack(slot);
      if (track) void link.setTrack(slot, track, this.options.streamFor(slot));
    }
    this.options.hub.attach(remoteId, link.chatChannel, link.fileChannel);
    for (const payload of this.early.get(remoteId) ?? []) void link.handleSignal(payload);
    this.early.delete(remoteId);
    if (this.links.size === 1) this.options.onActive(true);
    this.options.onChange();
  }

  private close(id: string): void {
    const link = this.links.get(id);
    if (!link) return;
    this.links.delete(id);
    this.options.hub.detach(id);
    link.close();
    if (this.links.size === 0) this.options.onActive(false);
    this.options.onChange();
  }

  /** The remote side runs a new peer connection (reload, or it dropped us): start over, rate-limited. */
  private reset(remoteId: string, payload: SignalPayload): void {
    const now = Date.now();
    const recent = (this.resets.get(remoteId) ?? []).filter((at) => now - at < 60_000);
    if (recent.length >= MAX_RESETS_PER_MINUTE) {
      withFields(this.options.logger, { peer: remoteId }).warn('mesh: too many link resets; relying on ICE restarts');
      return;
    }
    this.resets.set(remoteId, [...recent, now]);
    this.close(remoteId);
    if (!this.localId || !this.configuration || !this.wanted.has(remoteId)) return;
    this.create(this.localId, remoteId, this.configuration);
    const fresh = this.links.get(remoteId);
    if (fresh && payload.kind === 'description' && payload.description.type === 'offer') void fresh.handleSignal(payload);
  }
}
