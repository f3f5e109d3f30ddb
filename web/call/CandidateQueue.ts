import { errorName, type Logger } from './logger';

/** A link's remote ICE candidates: held while there is no remote description, then applied in order. */
export class CandidateQueue {
  private pending: RTCIceCandidateInit[] = [];

  constructor(
    private readonly pc: RTCPeerConnection,
    private readonly logger: Logger,
    /** Whether the link is ignoring a colliding offer (whose candidates are expected to fail). */
    private readonly ignoringOffer: () => boolean,
  ) {}

  async add(candidate: RTCIceCandidateInit): Promise<void> {
    if (!this.pc.remoteDescription) {
      this.pending.push(candidate);
      this.logger.debug('link: candidate queued', { queued: this.pending.length });
      return;
    }
    await this.apply(candidate);
  }

  /** A remote description was set: the held candidates now apply. */
  async flush(): Promise<void> {
    const queued = this.pending;
    this.pending = [];
    if (queued.length > 0) this.logger.debug('link: applying queued candidates', { count: queued.length });
    for (const candidate of queued) await this.apply(candidate);
  }

  clear(): void {
    this.pending = [];
  }

  private async apply(candidate: RTCIceCandidateInit): Promise<void> {
    try {
      await this.pc.addIceCandidate(candidate);
    } catch (error) {
      // Candidates of an offer we ignored, or of an ICE generation already replaced, are expected to fail.
      this.logger.debug('link: candidate refused', { error: errorName(error), ignoring: this.ignoringOffer() });
    }
  }
}
