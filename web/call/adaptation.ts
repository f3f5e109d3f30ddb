/**
 * How outgoing video adapts to one link (Anlage 31b: sound and picture adapt to the bandwidth).
 * Pure: no WebRTC here. {@link LinkAdapter} (linkAdapter.ts) feeds it a {@link LinkSignal} per stats
 * sample (every 2 s) and applies the level with RTCRtpSender.setParameters.
 *
 * Step-down order (camera only; audio is never touched, and has priority 'high'):
 *   full     the browser's own choice (its congestion control still works within it)
 *   reduced  half resolution, ≤ 20 fps, ≤ 400 kbit/s
 *   small    quarter resolution, ≤ 10 fps, ≤ 120 kbit/s
 *   paused   no outgoing video (encoding inactive), audio continues; both sides are told
 *
 * A level "fits" while the browser's estimate of the link (`availableOutgoingBitrate`) is at least
 * its floor. Down: two bad samples in a row (one when it is severe), straight to the best level that
 * fits. Up: one level at a time, after `upHold` healthy samples in a row in which the next level
 * fits. A sender held low is application-limited: the browser's estimate stays near what it sends
 * (with video paused, near the voice's rate; in Chrome about 1.5 × the sent rate) and may never
 * show the next floor, so after `probeHold` healthy samples with room — the estimate well above the
 * current level's floor, or well above what we actually send — it tries the next level anyway
 * (raising the sender's limit also makes Chrome probe the link). A link at its limit (estimate close
 * to the sent rate and to the floor) is not probed. A step-up that turns bad within
 * {@link PROBE_WINDOW} samples failed and doubles its hold (up to a cap); one that holds resets both,
 * so an oscillating link does not flap.
 *
 * Without an estimate (Firefox) every level "fits": loss, delay and the share of the camera's bytes
 * that are resends decide the way down (a storm of resends: straight to `small`), the new level is
 * judged only once what the level before lost has been resent ({@link DRAIN_SAMPLES}), and the way
 * up is by probe alone.
 */

import { bandwidthMode, type BandwidthMode } from '../../common/signaling';

export type VideoLevel = 'full' | 'reduced' | 'small' | 'paused';
/** Best first: stepping down moves right. */
export const LEVELS: readonly VideoLevel[] = ['full', 'reduced', 'small', 'paused'];

/** The participant's own choice ("low bandwidth" switch), also announced to the others. */
export type { BandwidthMode };
export const BANDWIDTH_MODES: readonly BandwidthMode[] = bandwidthMode.options;

export interface LevelEncoding {
  active: boolean;
  /** Undefined: no limit of ours (the browser's default). */
  maxBitrate?: number;
  scaleResolutionDownBy: number;
  maxFramerate?: number;
}

export const LEVEL_ENCODING: Readonly<Record<VideoLevel, LevelEncoding>> = {
  full: { active: true, scaleResolutionDownBy: 1 },
  reduced: { active: true, maxBitrate: 400_000, scaleResolutionDownBy: 2, maxFramerate: 20 },
  small: { active: true, maxBitrate: 120_000, scaleResolutionDownBy: 4, maxFramerate: 10 },
  paused: { active: false, scaleResolutionDownBy: 4, maxBitrate: 120_000, maxFramerate: 10 },
};

/**
 * Estimated outgoing bandwidth (bit/s) a level needs: its video plus Opus (≈ 40 kbit/s with
 * headers) and room for the browser's own control. Below `small`'s floor a picture of 80×60 at a
 * few frames per second helps nobody and takes from the voice.
 */
export const LEVEL_FLOOR: Readonly<Record<VideoLevel, number>> = {
  full: 450_000,
  reduced: 220_000,
  small: 100_000,
  paused: 0,
};

const THRESHOLDS = {
  /** Fraction of our packets the other side reports lost (RTCP): bad above, good below. */
  badLoss: 0.1,
  severeLoss: 0.25,
  goodLoss: 0.02,
  badRttMs: 1000,
  goodRttMs: 400,
  /** Estimate below this share of the current floor: step down at once. */
  severeShare: 0.5,
  /** A probe needs the estimate this far above the current level's floor (a link at its limit is not probed)… */
  probeHeadroom: 1.2,
  /** …or this far above the rate we send: the sender, not the link, is what holds the estimate down. */
  appLimitedHeadroom: 1.3,
  /** Share of the camera's bytes resent (read only without an estimate): bad above, severe, good below. */
  badRetransmit: 0.2,
  severeRetransmit: 0.5,
  goodRetransmit: 0.05,
} as const;

export const PROBE_WINDOW = 3;
export const BASE_UP_HOLD = 2;
export const MAX_UP_HOLD = 5;
export const BASE_PROBE_HOLD = 4;
/** Caps the wait for a probe at 12 s (samples every 2 s): a lifted limit shows only to a probe. */
export const MAX_PROBE_HOLD = 6;
/**
 * Without an estimate (Firefox), what a step down leaves behind. Measured at 300 kbit/s from a
 * 640×480 picture: whatever the new level (even with the encoding inactive), Firefox went on
 * resending what the link had dropped before the step, ≈ 1 Mbit/s for 6–10 s, decaying after, and
 * the receiver's reports said 80–95 % loss meanwhile. Judged on those samples, a smaller picture
 * that fits would be paused, and a paused one resumed no sooner (a picture getting through is
 * what ends the receiver's requests for the old packets). So bad samples after such a step do not
 * count for DRAIN_SAMPLES samples, and for up to MAX_DRAIN_SAMPLES while resends are still much of
 * what the camera sends.
 */
export const DRAIN_SAMPLES = 2;
export const MAX_DRAIN_SAMPLES = 6;

/** One stats sample of a link, as far as the browser reports it (null: not reported). */
export interface LinkSignal {
  availableOutgoingBitrate: number | null;
  /** Bits per second we actually sent on the link since the previous sample (all media and control). */
  sendingBitrate: number | null;
  /** 0–1, what the remote side reports lost of what we send (max over audio and video). */
  loss: number | null;
  rttMs: number | null;
  /** The camera encoder's `qualityLimitationReason` ('none' | 'bandwidth' | 'cpu' | 'other'). */
  qualityLimitationReason: string | null;
  /** 0–1, the share of the camera's bytes in the interval that were resent on the receiver's NACKs. */
  retransmitShare: number | null;
}

export type StepReason = 'bandwidth' | 'loss' | 'rtt' | 'retransmit' | 'recovered' | 'probe';

export interface AdaptationState {
  readonly level: VideoLevel;
  /** Consecutive bad samples; healthy ones in which the next level fits; healthy ones at all. */
  readonly bad: number;
  readonly good: number;
  readonly calm: number;
  /** Samples needed before a step up on the estimate / a probe (each grows after a failed one). */
  readonly upHold: number;
  readonly probeHold: number;
  /** Samples since the last step up (null: none pending judgement). */
  readonly sinceStepUp: number | null;
  /**
   * Samples since a step down without an estimate, while its aftermath may still excuse bad samples
   * (null: none pending): they count the repairs of what the level before lost.
   */
  readonly sinceStepDown: number | null;
  readonly lastReason: StepReason | null;
}

export const initialAdaptation: AdaptationState = {
  level: 'full',
  bad: 0,
  good: 0,
  calm: 0,
  upHold: BASE_UP_HOLD,
  probeHold: BASE_PROBE_HOLD,
  sinceStepUp: null,
  sinceStepDown: null,
  lastReason: null,
};

const index = (level: VideoLevel) => LEVELS.indexOf(level);
const better = (level: VideoLevel): VideoLevel => LEVELS[Math.max(0, index(level) - 1)]!;

/** The lower (worse) of two levels. */
export function lowerOf(a: VideoLevel, b: VideoLevel): VideoLevel {
  return index(a) >= index(b) ? a : b;
}

/** The best level a bandwidth mode allows. */
export function modeCeiling(mode: BandwidthMode): VideoLevel {
  return mode === 'audio-only' ? 'paused' : mode === 'small-video' ? 'small' : 'full';
}

function fits(level: VideoLevel, signal: LinkSignal): boolean {
  return signal.availableOutgoingBitrate === null || signal.availableOutgoingBitrate >= LEVEL_FLOOR[level];
}

/**
 * Without an estimate (Firefox), a link too small for the video shows first in the video's own
 * repair traffic. Measured at 300 kbit/s from 640×480: within 1.5 s of the limit half of what
 * Firefox sent were retransmissions, soon nearly all of it (1.5–2 Mbit/s of resends, the encoder
 * itself down to a few frames a second), while the receiver's reports showed ≤ 13 % loss (RTX
 * repairs the counted loss) and arrived seconds apart. Where there is an estimate it already says
 * the level does not fit, so the share is not read there. Most of the bytes being resends
 * (severe) steps straight to `small` (as does severe loss without an estimate); a milder share a level at a time; below `small` the share
 * says nothing new (the resends of a step down go on for a while, see {@link DRAIN_SAMPLES}), and
 * only loss or delay, which the voice suffers from too, pause the picture.
 */
function resending(level: VideoLevel, signal: LinkSignal, share: number): boolean {
  return signal.availableOutgoingBitrate === null && index(level) < index('small') && signal.retransmitShare !== null && signal.retransmitShare > share;
}

/** Why this sample is bad for `level` (null: it is not). */
function badReason(level: VideoLevel, signal: LinkSignal): StepReason | null {
  if (level === 'paused') return null;
  if (!fits(level, signal)) return 'bandwidth';
  if (signal.loss !== null && signal.loss > THRESHOLDS.badLoss) return 'loss';
  if (signal.rttMs !== null && signal.rttMs > THRESHOLDS.badRttMs) return 'rtt';
  if (resending(level, signal, THRESHOLDS.badRetransmit)) return 'retransmit';
  return null;
}

function severe(level: VideoLevel, signal: LinkSignal): boolean {
  const available = signal.availableOutgoingBitrate;
  return (
    (available !== null && available < LEVEL_FLOOR[level] * THRESHOLDS.severeShare) ||
    (signal.loss !== null && signal.loss > THRESHOLDS.severeLoss) ||
    resending(level, signal, THRESHOLDS.severeRetransmit)
  );
}

/**
 * The estimate leaves room above what this level needs, or above what the sender uses (always true
 * where there is no estimate).
 */
function roomAbove(level: VideoLevel, signal: LinkSignal): boolean {
  const available = signal.availableOutgoingBitrate;
  if (available === null) return true;
  const appLimited = signal.sendingBitrate !== null && available >= signal.sendingBitrate * THRESHOLDS.appLimitedHeadroom;
  return appLimited || available >= LEVEL_FLOOR[level] * THRESHOLDS.probeHeadroom;
}

function healthy(signal: LinkSignal): boolean {
  return (
    (signal.loss === null || signal.loss < THRESHOLDS.goodLoss) &&
    (signal.rttMs === null || signal.rttMs < THRESHOLDS.goodRttMs) &&
    signal.qualityLimitationReason !== 'bandwidth' &&
    (signal.availableOutgoingBitrate !== null || signal.retransmitShare === null || signal.retransmitShare < THRESHOLDS.goodRetransmit)
  );
}

/** The best level below `level` that this sample says fits (at least one step down). */
function stepDownTarget(level: VideoLevel, reason: StepReason, signal: LinkSignal): VideoLevel {
  const below = LEVELS.slice(index(level) + 1);
  // Without an estimate, a severe sample (a quarter of the packets lost, or resending at least as
  // much as it sends anew) says the link carries well under what is sent: `reduced` (up to
  // 400 kbit/s) would not fit either.
  if (signal.availableOutgoingBitrate === null && index(level) < index('small') && severe(level, signal)) return 'small';
  // Loss or delay while the estimate is still high: one step at a time.
  if (reason !== 'bandwidth') return below[0]!;
  return below.find((candidate) => fits(candidate, signal)) ?? 'paused';
}

/**
 * A bad sample right after a step down without an estimate still shows the level before. Above
 * `small` a storm of resends is itself a reason to go on down, so only the first DRAIN_SAMPLES are
 * excused there.
 */
function excused(level: VideoLevel, sinceStepDown: number | null, signal: LinkSignal): boolean {
  if (sinceStepDown === null) return false;
  const resendsGoOn = level === 'small' && signal.retransmitShare !== null && signal.retransmitShare > THRESHOLDS.badRetransmit;
  return sinceStepDown <= DRAIN_SAMPLES || (resendsGoOn && sinceStepDown <= MAX_DRAIN_SAMPLES);
}

/**
 * One stats sample → the next state. `ceiling` is the best level allowed (the participants'
 * low-bandwidth switches): the machine never probes above it, and drops to it at once.
 */
export function stepAdaptation(state: AdaptationState, signal: LinkSignal, ceiling: VideoLevel = 'full'): AdaptationState {
  if (index(state.level) < index(ceiling)) {
    return { ...state, level: ceiling, bad: 0, good: 0, calm: 0, sinceStepUp: null, sinceStepDown: null };
  }
  const sinceStepUp = state.sinceStepUp === null ? null : state.sinceStepUp + 1;
  const sinceStepDown = state.sinceStepDown === null || state.sinceStepDown >= MAX_DRAIN_SAMPLES ? null : state.sinceStepDown + 1;
  const reason = badReason(state.level, signal);
  if (reason && excused(state.level, sinceStepDown, signal)) return { ...state, bad: 0, good: 0, calm: 0, sinceStepUp, sinceStepDown };
  if (reason) {
    const bad = state.bad + 1;
    if (bad < 2 && !severe(state.level, signal)) return { ...state, bad, good: 0, calm: 0, sinceStepUp, sinceStepDown };
    const failed = sinceStepUp !== null && sinceStepUp <= PROBE_WINDOW;
    const failedProbe = failed && state.lastReason === 'probe';
    return {
      level: stepDownTarget(state.level, reason, signal),
      bad: 0,
      good: 0,
      calm: 0,
      upHold: failed && !failedProbe ? Math.min(MAX_UP_HOLD, state.upHold * 2) : state.upHold,
      probeHold: failedProbe ? Math.min(MAX_PROBE_HOLD, state.probeHold * 2) : state.probeHold,
      sinceStepUp: null,
      sinceStepDown: signal.availableOutgoingBitrate === null ? 0 : null,
      lastReason: reason,
    };
  }
  // A step up that stayed good through the probe window: the back-off is over.
  const settled = sinceStepUp !== null && sinceStepUp > PROBE_WINDOW;
  const upHold = settled ? BASE_UP_HOLD : state.upHold;
  const probeHold = settled ? BASE_PROBE_HOLD : state.probeHold;
  const next = { ...state, bad: 0, upHold, probeHold, sinceStepUp: settled ? null : sinceStepUp, sinceStepDown };
  if (state.level === ceiling || state.level === 'full') return { ...next, good: 0, calm: 0 };
  const target = better(state.level);
  const calm = healthy(signal) && roomAbove(state.level, signal) ? state.calm + 1 : 0;
  // Paused, the estimate says nothing about video, and without one (Firefox) nothing says the next
  // level fits: only a probe can tell (a step up every 2 samples would refill the link it just left).
  const estimated = signal.availableOutgoingBitrate !== null;
  const good = calm > 0 && estimated && state.level !== 'paused' && fits(target, signal) ? state.good + 1 : 0;
  if (good >= upHold) return { ...next, level: target, good: 0, calm: 0, sinceStepUp: 0, lastReason: 'recovered' };
  if (calm >= probeHold) return { ...next, level: target, good: 0, calm: 0, sinceStepUp: 0, lastReason: 'probe' };
  return { ...next, good, calm };
}

/** The level actually sent: the machine's, capped by both participants' switches. */
export function effectiveLevel(machine: VideoLevel, ownMode: BandwidthMode, remoteMode: BandwidthMode): VideoLevel {
  return lowerOf(machine, lowerOf(modeCeiling(ownMode), modeCeiling(remoteMode)));
}
