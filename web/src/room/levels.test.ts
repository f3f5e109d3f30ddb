import { describe, expect, it } from 'vitest';
import { FLOOR_DB, levelFromRms, litSegments, rms, smoothLevel, toDecibels, toneEnvelope } from './levels';

describe('microphone level', () => {
  it('is 0 for silence in both sample formats', () => {
    expect(rms(new Uint8Array(512).fill(128))).toBe(0);
    expect(rms(new Float32Array(512), 'float')).toBe(0);
    expect(rms([])).toBe(0);
    expect(levelFromRms(0)).toBe(0);
  });

  it('reads a full-scale square wave as 0 dBFS, i.e. the full bar', () => {
    const square = Float32Array.from({ length: 256 }, (_, index) => (index % 2 ? 1 : -1));
    expect(rms(square, 'float')).toBeCloseTo(1);
    expect(levelFromRms(rms(square, 'float'))).toBeCloseTo(1);
  });

  it('reads byte samples centred on 128', () => {
    // ±64 around 128 is half scale: −6 dBFS.
    const half = Uint8Array.from({ length: 256 }, (_, index) => (index % 2 ? 192 : 64));
    expect(rms(half)).toBeCloseTo(0.5);
    expect(toDecibels(0.5)).toBeCloseTo(-6.02, 1);
    expect(levelFromRms(0.5)).toBeCloseTo(1 - 6.02 / -FLOOR_DB, 2);
  });

  it('maps quiet speech (−40 dBFS) to a visible third of the bar and the floor to nothing', () => {
    expect(levelFromRms(10 ** (-40 / 20))).toBeCloseTo(1 / 3, 2);
    expect(levelFromRms(10 ** (-60 / 20))).toBe(0);
    expect(levelFromRms(10 ** (-80 / 20))).toBe(0);
    expect(levelFromRms(2)).toBe(1);
  });

  it('rises at once and falls slowly', () => {
    expect(smoothLevel(0.1, 0.9, 16)).toBe(0.9);
    expect(smoothLevel(0.9, 0, 100)).toBeCloseTo(0.75);
    expect(smoothLevel(0.9, 0, 10_000)).toBe(0);
    expect(smoothLevel(0.5, 0.45, 1000)).toBe(0.45);
  });

  it('lights segments in proportion', () => {
    expect(litSegments(0)).toBe(0);
    expect(litSegments(0.34)).toBe(3);
    expect(litSegments(1.2)).toBe(10);
    expect(litSegments(-1)).toBe(0);
  });
});

describe('test tone envelope', () => {
  it('ramps up and down without clicks and keeps the peak modest', () => {
    expect(toneEnvelope(0.5)).toEqual([
      [0, 0],
      [0.02, 0.2],
      [0.48, 0.2],
      [0.5, 0],
    ]);
  });

  it('shortens the ramp for very short notes', () => {
    const [, attack, release] = toneEnvelope(0.04, 0.1);
    expect(attack?.[0]).toBeCloseTo(0.01);
    expect(release?.[0]).toBeCloseTo(0.03);
  });
});
