import type { BandwidthMode } from '../../common/signaling';
import {
  effectiveLevel,
  initialAdaptation,
  LEVEL_ENCODING,
  LEVELS,
  lowerOf,
  modeCeiling,
  stepAdaptation,
  type AdaptationState,
  type LinkSignal,
  type StepReason,
  type VideoLevel,
} from './adaptation';
import { applyAudioPriority, applyVideoEncoding, readLinkCounters, readLinkSignal, type LinkCounters } from './linkSignal';
import { errorName, withFields, type Logger } from './logger';

/**
 * Samples after the camera starts sending (or the link appears) in which the machine only watches:
 * the browser's estimate starts at 300 kbit/s and needs a moment to find the link's capacity.
 */
export const WARMUP_SAMPLES = 2;

export interface LinkAdaptationView {
  /** What the link allows by itself (the state machine). */
  readonly networkLevel: VideoLevel;
  /** What is sent: the network level capped by both low-bandwidth switches. */
  readonly sentLevel: VideoLevel;
  /** Video paused because the link is weak (not because someone chose audio only). */
  readonly weak: boolean;
  readonly reason: StepReason | null;
  readonly signal: LinkSignal | null;
}

export interface AdaptationSnapshot {
  /** This participant's low-bandwidth switch. */
  readonly mode: BandwidthMode;
  /** Per remote participant id. */
  readonly links: Readonly<Record<string, LinkAdaptationView>>;
}

export interface VideoAdaptationOptions {
  sender: (peerId: string, slot: 'audio' | 'camera') => RTCRtpSender | null;
  /** The other side's announced switch. */
  remoteMode: (peerId: string) => BandwidthMode;
  /** The camera track being sent, or null (camera off: nothing to adapt, the machine waits). */
  cameraTrackId: () => string | null;
  onChange: () => void;
  logger: Logger;
  mode?: BandwidthMode;
}

interface LinkEntry {
  state: AdaptationState;
  warmup: number;
  ceiling: VideoLevel;
  signal: LinkSignal | null;
  /** The counters of the previous sample (rates and shares are differences, remote reports may repeat). */
  counters: LinkCounters | null;
  applying: boolean;
  dirty: boolean;
}

const rank = (level: VideoLevel) => LEVELS.indexOf(level);

/**
 * One adaptation state machine per peer link (adaptation.ts), fed from the stats sampler's reports
 * and applied to that link's senders: the camera's encoding follows the level, the microphone's
 * gets priority 'high'. Announces (through `onChange`, read back by the session's media state) to
 * whom video is paused because of the link, so the other side can say so in words.
 */
export class VideoAdaptation {
  private modeValue: BandwidthMode;
  private readonly links = new Map<string, LinkEntry>();
  private readonly logger: Logger;
  private cache: AdaptationSnapshot | null = null;

  constructor(private readonly options: VideoAdaptationOptions) {
    this.modeValue = options.mode ?? 'auto';
    this.logger = withFields(options.logger, { part: 'adaptation' });
  }

  get mode(): BandwidthMode {
    return this.modeValue;
  }

  /** The low-bandwidth switch: applies at once to every link. */
  setMode(mode: BandwidthMode): void {
    if (mode === this.modeValue) return;
    this.modeValue = mode;
    this.logger.debug('adaptation: mode', { mode });
    this.refresh();
  }

  /** Someone's announced switch may have changed: re-applies the ceilings. */
  refresh(): void {
    for (const [peerId, entry] of this.links) this.updateCeiling(peerId, entry);
    for (const peerId of this.links.keys()) void this.apply(peerId);
    this.changed(true);
  }

  /** Keeps state only for these peers. */
  sync(peerIds: Iterable<string>): void {
    const keep = new Set(peerIds);
    let changed = false;
    for (const id of [...this.links.keys()]) {
      if (keep.has(id)) continue;
      this.links.delete(id);
      changed = true;
    }
    this.changed(changed);
  }

  /** One stats report of the link to `peerId` (every sampling interval). */
  observe(peerId: string, report: RTCStatsReport): void {
    const entry = this.entry(peerId);
    const before = this.view(peerId, entry);
    this.updateCeiling(peerId, entry);
    const camera = this.options.cameraTrackId();
    entry.signal = readLinkSignal(report, camera, entry.counters);
    entry.counters = readLinkCounters(report, camera);
    if (camera === null) entry.warmup = WARMUP_SAMPLES;
    else if (entry.warmup > 0) entry.warmup -= 1;
    else entry.state = stepAdaptation(entry.state, entry.signal, entry.ceiling);
    const after = this.view(peerId, entry);
    if (after.networkLevel !== before.networkLevel || after.sentLevel !== before.sentLevel) {
      this.logger.info('adaptation: level', {
        peer: peerId,
        from: before.sentLevel,
        to: after.sentLevel,
        network: after.networkLevel,
        reason: after.reason ?? 'none',
        available: entry.signal.availableOutgoingBitrate ?? -1,
      });
    }
    void this.apply(peerId);
    this.changed(after.sentLevel !== before.sentLevel || after.weak !== before.weak || after.networkLevel !== before.networkLevel);
  }

  /** Peer ids to whom our video is paused because the link is weak (announced in the media state). */
  videoPausedTo(): string[] {
    return [...this.links].filter(([peerId, entry]) => this.view(peerId, entry).weak).map(([peerId]) => peerId);
  }

  get snapshot(): AdaptationSnapshot {
    this.cache ??= {
      mode: this.modeValue,
      links: Object.fromEntries([...this.links].map(([peerId, entry]) => [peerId, this.view(peerId, entry)])),
    };
    return this.cache;
  }

  private entry(peerId: string): LinkEntry {
    let entry = this.links.get(peerId);
    if (!entry) {
      entry = {
        state: initialAdaptation,
        warmup: WARMUP_SAMPLES,
        ceiling: this.ceilingOf(peerId),
        signal: null,
        counters: null,
        applying: false,
        dirty: false,
      };
      this.links.set(peerId, entry);
    }
    return entry;
  }

  private ceilingOf(peerId: string): VideoLevel {
    return lowerOf(modeCeiling(this.modeValue), modeCeiling(this.options.remoteMode(peerId)));
  }

  /**
   * A lowered ceiling takes effect at once (effectiveLevel); a raised one restarts the machine
   * from full when the ceiling was what held it down, so switching "audio only" off brings the
   * picture back now rather than after the paused probe.
   */
  private updateCeiling(peerId: string, entry: LinkEntry): void {
    const ceiling = this.ceilingOf(peerId);
    if (ceiling === entry.ceiling) return;
    const raised = rank(ceiling) < rank(entry.ceiling);
    if (raised && rank(entry.state.level) >= rank(entry.ceiling)) {
      entry.state = initialAdaptation;
      entry.warmup = WARMUP_SAMPLES;
    }
    entry.ceiling = ceiling;
  }

  private view(peerId: string, entry: LinkEntry): LinkAdaptationView {
    const sentLevel = effectiveLevel(entry.state.level, this.modeValue, this.options.remoteMode(peerId));
    return {
      networkLevel: entry.state.level,
      sentLevel,
      weak: entry.state.level === 'paused' && entry.ceiling !== 'paused',
      reason: entry.state.lastReason,
      signal: entry.signal,
    };
  }

  /** Brings the link's senders in line; one setParameters() at a time per link. */
  private async apply(peerId: string): Promise<void> {
    const entry = this.links.get(peerId);
    if (!entry) return;
    if (entry.applying) {
      entry.dirty = true;
      return;
    }
    entry.applying = true;
    try {
      do {
        entry.dirty = false;
        const audio = this.options.sender(peerId, 'audio');
        if (audio) await applyAudioPriority(audio);
        const camera = this.options.sender(peerId, 'camera');
        if (camera) await applyVideoEncoding(camera, LEVEL_ENCODING[this.view(peerId, entry).sentLevel]);
      } while (entry.dirty && this.links.get(peerId) === entry);
    } catch (error) {
      this.logger.warn('adaptation: setParameters failed', { peer: peerId, error: errorName(error) });
    } finally {
      entry.applying = false;
    }
  }

  /** The snapshot is rebuilt on the next read (signals change every sample); `notify` on a level change. */
  private changed(notify: boolean): void {
    this.cache = null;
    if (notify) this.options.onChange();
  }
}
