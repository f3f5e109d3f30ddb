import type { SignalPayload } from '../../common/signaling';
import type { Logger } from './logger';

type Description = Extract<SignalPayload, { kind: 'description' }>;
type Candidate = Extract<SignalPayload, { kind: 'candidate' }>;

/** What {@link OfferRepeat.triage} says to do with a remote description. */
export type Triage = 'process' | 'ignore' | 'answered';

export interface OfferRepeatOptions {
  /** Sends a payload to the remote participant through signaling. */
  send: (payload: SignalPayload) => void;
  /** Our last offer still waits for its answer (have-local-offer, no newer offer being made). */
  offerPending: () => boolean;
  /** The remote participant's signaling socket is there (the server drops what is relayed to it otherwise). */
  remotePresent: () => boolean;
  logger: Logger;
  /** Waits before each timed repeat of an unanswered offer; then it stops until an event asks again. */
  delaysMs?: readonly number[];
}

/**
 * A timed repeat covers a loss no event tells us about (the remote's socket died silently and it came
 * back before the server noticed). The first comes well after a slow answer (up to 6 s of
 * setLocalDescription under load, where a repeat only costs the answer once more).
 */
const REPEAT_DELAYS_MS = [5_000, 10_000, 20_000] as const;
/** Candidates kept for a repeat: far more than one ICE gathering yields. */
const MAX_KEPT_CANDIDATES = 64;

/**
 * Sends what a link tells the remote side, and tells it again when it may have missed it: the server
 * relays a `signal` only to a socket that is there and keeps nothing, so an offer (or an answer)
 * relayed while the other side's socket was away is gone, and both sides would wait for each other
 * for good (the impolite side ignores the polite side's later offer as a collision). An unanswered
 * offer is sent again, with our candidates of the current ICE generation (lost with it), when the
 * remote is back, when our own socket resumed, and a few times on a timer while the remote is there.
 * The repeated offer is byte for byte the first one, so the other side recognises it: if it had
 * answered, it sends the same answer again instead of negotiating anew, and a second copy of an
 * answer, or an answer while we have no offer out, is ignored here (applying it would throw and
 * replace a working link).
 */
export class OfferRepeat {
  private lastSent: Description | null = null;
  private candidates: Candidate[] = [];
  private lastRemoteOffer: string | null = null;
  private lastRemoteAnswer: string | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private step = 0;

  constructor(private readonly options: OfferRepeatOptions) {}

  /** Sends a payload of ours and keeps it for a repeat; an offer starts the timed repeats. */
  send(payload: SignalPayload): void {
    this.options.send(payload);
    if (payload.kind === 'candidate') {
      this.keepCandidate(payload);
      return;
    }
    this.lastSent = payload;
    this.stopTimer();
    if (payload.description.type === 'offer') this.schedule(0);
  }

  /** A remote description was applied: a byte-identical one arriving later is a repeat of it. */
  applied(description: RTCSessionDescriptionInit): void {
    if (description.type === 'offer') this.lastRemoteOffer = description.sdp ?? null;
    if (description.type === 'answer') {
      this.lastRemoteAnswer = description.sdp ?? null;
      this.stopTimer();
    }
  }

  /** Decides about a remote description before it touches the peer connection. */
  triage(description: RTCSessionDescriptionInit, signalingState: RTCSignalingState): Triage {
    if (description.type === 'answer') {
      if (signalingState !== 'have-local-offer') return this.ignore('answer without an offer of ours');
      if (description.sdp === this.lastRemoteAnswer) return this.ignore('answer applied before');
      return 'process';
    }
    if (description.type !== 'offer' || signalingState !== 'stable' || description.sdp !== this.lastRemoteOffer) return 'process';
    // The remote repeats an offer we answered: our answer was lost. Nothing changed since, so the
    // same answer (and candidates) is still right; negotiating again would only make a new one.
    if (this.lastSent?.description.type !== 'answer') return this.ignore('offer answered and renegotiated since');
    this.options.logger.debug('link: offer repeated; answering again');
    this.resendLast();
    return 'answered';
  }

  /** The remote may have missed our offer (it came back, or our socket resumed): send it again. */
  repeat(reason: 'remote back' | 'our signaling resumed'): void {
    if (!this.options.offerPending() || this.lastSent?.description.type !== 'offer') return;
    this.options.logger.debug('link: offer repeated', { reason });
    this.resendLast();
    this.schedule(0);
  }

  stop(): void {
    this.stopTimer();
    this.candidates = [];
  }

  private schedule(step: number): void {
    this.stopTimer();
    const delay = (this.options.delaysMs ?? REPEAT_DELAYS_MS)[step];
    if (delay === undefined) return;
    this.step = step;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.options.offerPending() || this.lastSent?.description.type !== 'offer') return;
      // An away remote gets nothing (the server would drop it); its return repeats the offer.
      if (!this.options.remotePresent()) return;
      this.options.logger.debug('link: offer unanswered; repeating', { attempt: this.step + 1 });
      this.resendLast();
      this.schedule(this.step + 1);
    }, delay);
  }

  private resendLast(): void {
    if (!this.lastSent) return;
    this.options.send(this.lastSent);
    for (const candidate of this.candidates) this.options.send(candidate);
  }

  private keepCandidate(payload: Candidate): void {
    // An ICE restart starts a new generation (new ufrag): the old candidates are of no use any more.
    const generation = payload.candidate?.usernameFragment;
    if (generation && this.candidates.some((kept) => kept.candidate?.usernameFragment !== generation)) this.candidates = [];
    this.candidates = [...this.candidates, payload].slice(-MAX_KEPT_CANDIDATES);
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private ignore(why: string): 'ignore' {
    this.options.logger.debug('link: remote description ignored', { why });
    return 'ignore';
  }
}
