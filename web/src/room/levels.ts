/**
 * Level-meter math for the microphone check (pure; the Web Audio wiring is in audio.ts).
 *
 * The AnalyserNode gives the waveform as bytes (128 = silence) or floats (−1…1). We take the RMS of
 * one frame, convert it to dBFS and map {@link FLOOR_DB}…0 dBFS linearly to 0…1, so that quiet
 * speech (around −40 dBFS) already moves the bar visibly. The bar rises at once and falls slowly
 * (like a VU meter), which also keeps it readable at 60 frames per second.
 */

export const FLOOR_DB = -60;
/** Above this level (0–1) we say "we hear you". */
export const HEARD_THRESHOLD = 0.25;

/** Root mean square of one frame: bytes centred on 128 or floats in −1…1. */
export function rms(samples: ArrayLike<number>, format: 'byte' | 'float' = 'byte'): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let index = 0; index < samples.length; index++) {
    const raw = samples[index] as number;
    const value = format === 'byte' ? (raw - 128) / 128 : raw;
    sum += value * value;
  }
  return Math.sqrt(sum / samples.length);
}

export function toDecibels(rmsValue: number): number {
  return rmsValue > 0 ? 20 * Math.log10(rmsValue) : -Infinity;
}

/** 0 at or below {@link FLOOR_DB}, 1 at 0 dBFS. */
export function levelFromRms(rmsValue: number, floorDb = FLOOR_DB): number {
  const db = toDecibels(rmsValue);
  if (!Number.isFinite(db) || db <= floorDb) return 0;
  return Math.min(1, (db - floorDb) / -floorDb);
}

/**
 * The displayed level: rises immediately, decays by `releasePerSecond` (fraction of full scale per
 * second) over `elapsedMs`.
 */
export function smoothLevel(previous: number, next: number, elapsedMs: number, releasePerSecond = 1.5): number {
  if (next >= previous) return next;
  return Math.max(next, previous - (releasePerSecond * Math.max(0, elapsedMs)) / 1000);
}

/** The meter has 10 segments; this many are lit. */
export function litSegments(level: number, segments = 10): number {
  return Math.max(0, Math.min(segments, Math.round(level * segments)));
}

/**
 * Tone envelope of the speaker test: a short attack and release (no clicks), peak gain kept modest
 * so that a loud speaker does not startle. Returns [time, gain] points relative to the start.
 */
export function toneEnvelope(durationS: number, peak = 0.2, rampS = 0.02): Array<[number, number]> {
  const ramp = Math.min(rampS, durationS / 4);
  return [
    [0, 0],
    [ramp, peak],
    [durationS - ramp, peak],
    [durationS, 0],
  ];
}
