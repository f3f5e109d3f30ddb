import { errorName, silentLogger, type Logger } from './logger';

/**
 * Connection quality from RTCPeerConnection.getStats(), sampled every {@link DEFAULT_STATS_INTERVAL_MS}.
 *
 * Quality thresholds (per remote participant, over the last interval):
 *   good: RTT < 150 ms and inbound packet loss < 2 %
 *   fair: RTT < 400 ms and loss < 8 %
 *   poor: anything worse, or the remote camera is announced on but no frame was decoded in the interval
 *   unknown: neither RTT nor loss known yet (first sample, or not connected)
 * (ITU-T G.114 puts the limit for interactive speech at 150 ms one way; 2 % / 8 % loss are where Opus
 * and VP8 concealment become audible / visible.)
 */

const DEFAULT_STATS_INTERVAL_MS = 2000;
const QUALITY_THRESHOLDS = {
  good: { rttMs: 150, loss: 0.02 },
  fair: { rttMs: 400, loss: 0.08 },
} as const;

export type Quality = 'good' | 'fair' | 'poor' | 'unknown';

export interface LinkStats {
  at: number;
  /** Round-trip time of the selected candidate pair. */
  rttMs: number | null;
  /** Fraction (0–1) of inbound RTP packets lost in the interval (audio and video together). */
  packetLoss: number | null;
  /** Bits per second received / sent in the interval (RTP payload and headers). */
  inboundBitrate: number | null;
  outboundBitrate: number | null;
  /** Total video frames decoded so far, and per second in the interval. */
  framesDecoded: number | null;
  framesPerSecond: number | null;
  /** Local candidate type of the selected pair: 'relay' means through TURN. */
  localCandidateType: string | null;
  quality: Quality;
}

/** Counters read from one report. */
export interface RawStats {
  at: number;
  rttMs: number | null;
  packetsLost: number;
  packetsReceived: number;
  bytesReceived: number;
  bytesSent: number;
  framesDecoded: number | null;
  localCandidateType: string | null;
}

type StatsEntry = Record<string, unknown> & { type?: string; id?: string };

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/**
 * The candidate pair in use. Chromium and Firefox ESR 153 name it in the transport stats
 * (`selectedCandidatePairId`); reports without transport stats (older Firefox) flag it on the pair
 * (`selected`, a Firefox extension). Firefox keeps several pairs nominated and succeeded at once
 * (measured: the pair in use and an older one with a different RTT), so `nominated` is only the
 * last resort, for browsers that offer neither.
 */
function selectedPair(entries: StatsEntry[], byId: Map<unknown, StatsEntry>): StatsEntry | undefined {
  const transport = entries.find((entry) => entry.type === 'transport' && entry.selectedCandidatePairId);
  const named = transport ? byId.get(transport.selectedCandidatePairId) : undefined;
  if (named) return named;
  const pairs = entries.filter((entry) => entry.type === 'candidate-pair');
  return pairs.find((entry) => entry.selected === true) ?? pairs.find((entry) => entry.nominated === true && entry.state === 'succeeded');
}

/** Reads the counters the engine uses from an RTCStatsReport (or any Map of stats dictionaries). */
export function readReport(report: RTCStatsReport | ReadonlyMap<string, StatsEntry>, at: number): RawStats {
  const entries: StatsEntry[] = [];
  report.forEach((value: unknown) => entries.push(value as StatsEntry));
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const pair = selectedPair(entries, byId);
  const rtt = num(pair?.currentRoundTripTime);
  const local = pair ? byId.get(pair.localCandidateId as string) : undefined;
  const raw: RawStats = {
    at,
    rttMs: rtt === null ? null : rtt * 1000,
    packetsLost: 0,
    packetsReceived: 0,
    bytesReceived: 0,
    bytesSent: 0,
    framesDecoded: null,
    localCandidateType: typeof local?.candidateType === 'string' ? local.candidateType : null,
  };
  for (const entry of entries) {
    if (entry.type === 'inbound-rtp') {
      raw.packetsLost += num(entry.packetsLost) ?? 0;
      raw.packetsReceived += num(entry.packetsReceived) ?? 0;
      raw.bytesReceived += num(entry.bytesReceived) ?? 0;
      const frames = num(entry.framesDecoded);
      if ((entry.kind ?? entry.mediaType) === 'video' && frames !== null) raw.framesDecoded = (raw.framesDecoded ?? 0) + frames;
    } else if (entry.type === 'outbound-rtp') {
      raw.bytesSent += num(entry.bytesSent) ?? 0;
    }
  }
  return raw;
}

export function classify(rttMs: number | null, loss: number | null): Quality {
  if (rttMs === null && loss === null) return 'unknown';
  const rtt = rttMs ?? 0;
  const lost = loss ?? 0;
  if (rtt < QUALITY_THRESHOLDS.good.rttMs && lost < QUALITY_THRESHOLDS.good.loss) return 'good';
  if (rtt < QUALITY_THRESHOLDS.fair.rttMs && lost < QUALITY_THRESHOLDS.fair.loss) return 'fair';
  return 'poor';
}

/** Derives interval figures from two consecutive readings. `expectVideo`: the remote camera is on. */
export function computeStats(previous: RawStats | null, current: RawStats, expectVideo = false): LinkStats {
  const seconds = previous ? (current.at - previous.at) / 1000 : 0;
  let packetLoss: number | null = null;
  let inboundBitrate: number | null = null;
  let outboundBitrate: number | null = null;
  let framesPerSecond: number | null = null;
  if (previous && seconds > 0) {
    const lost = Math.max(0, current.packetsLost - previous.packetsLost);
    const received = Math.max(0, current.packetsReceived - previous.packetsReceived);
    packetLoss = lost + received > 0 ? lost / (lost + received) : null;
    inboundBitrate = Math.max(0, ((current.bytesReceived - previous.bytesReceived) * 8) / seconds);
    outboundBitrate = Math.max(0, ((current.bytesSent - previous.bytesSent) * 8) / seconds);
    if (current.framesDecoded !== null) {
      framesPerSecond = Math.max(0, (current.framesDecoded - (previous.framesDecoded ?? 0)) / seconds);
    }
  }
  let quality = classify(current.rttMs, packetLoss);
  if (expectVideo && framesPerSecond === 0) quality = 'poor';
  return {
    at: current.at,
    rttMs: current.rttMs,
    packetLoss,
    inboundBitrate,
    outboundBitrate,
    framesDecoded: current.framesDecoded,
    framesPerSecond,
    localCandidateType: current.localCandidateType,
    quality,
  };
}

interface StatsSource {
  getStats(): Promise<RTCStatsReport>;
  /** Whether the remote side announced its camera on (a frozen picture then counts as poor). */
  expectVideo?: () => boolean;
}

export interface StatsSamplerOptions {
  sources: () => Iterable<[string, StatsSource]>;
  onSample: (id: string, stats: LinkStats) => void;
  intervalMs?: number;
  now?: () => number;
  logger?: Logger;
}

/** Polls getStats() of every source periodically and reports derived figures per id. */
export class StatsSampler {
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly previous = new Map<string, RawStats>();
  private running = false;

  constructor(private readonly options: StatsSamplerOptions) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.sample(), this.options.intervalMs ?? DEFAULT_STATS_INTERVAL_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.previous.clear();
  }

  /** Takes one sample of every source now (also what the timer calls). */
  async sample(): Promise<void> {
    if (this.running) return; // a slow getStats() must not pile up
    this.running = true;
    try {
      const seen = new Set<string>();
      const now = this.options.now ?? Date.now;
      await Promise.all(
        [...this.options.sources()].map(async ([id, source]) => {
          seen.add(id);
          try {
            const raw = readReport(await source.getStats(), now());
            const stats = computeStats(this.previous.get(id) ?? null, raw, source.expectVideo?.() ?? false);
            this.previous.set(id, raw);
            this.options.onSample(id, stats);
          } catch (error) {
            (this.options.logger ?? silentLogger).debug('stats: getStats failed', { id, error: errorName(error) });
          }
        }),
      );
      for (const id of [...this.previous.keys()]) if (!seen.has(id)) this.previous.delete(id);
    } finally {
      this.running = false;
    }
  }
}
