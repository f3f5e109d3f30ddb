import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StatsSampler, classify, computeStats, readReport, type LinkStats } from './stats';

type Entry = Record<string, unknown>;

/** A Chrome-shaped report: transport → selected pair → local candidate, inbound/outbound RTP. */
function chromeReport(t: { rtt: number; lost: number; received: number; bytesIn: number; bytesOut: number; frames: number }) {
  const entries: Entry[] = [
    { id: 'T01', type: 'transport', selectedCandidatePairId: 'CP2' },
    { id: 'CP1', type: 'candidate-pair', currentRoundTripTime: 0.9, localCandidateId: 'L1' },
    { id: 'CP2', type: 'candidate-pair', currentRoundTripTime: t.rtt, localCandidateId: 'L2' },
    { id: 'L1', type: 'local-candidate', candidateType: 'host' },
    { id: 'L2', type: 'local-candidate', candidateType: 'relay' },
    { id: 'IA', type: 'inbound-rtp', kind: 'audio', packetsLost: t.lost, packetsReceived: t.received, bytesReceived: t.bytesIn / 4 },
    {
      id: 'IV',
      type: 'inbound-rtp',
      kind: 'video',
      packetsLost: 0,
      packetsReceived: t.received,
      bytesReceived: (t.bytesIn * 3) / 4,
      framesDecoded: t.frames,
    },
    { id: 'OA', type: 'outbound-rtp', kind: 'audio', bytesSent: t.bytesOut },
  ];
  return new Map(entries.map((entry) => [entry.id as string, entry]));
}

describe('readReport / computeStats', () => {
  it('uses the selected candidate pair and sums RTP counters', () => {
    const raw = readReport(chromeReport({ rtt: 0.042, lost: 3, received: 100, bytesIn: 4000, bytesOut: 500, frames: 30 }), 1000);
    expect(raw).toEqual({
      at: 1000,
      rttMs: 42,
      packetsLost: 3,
      packetsReceived: 200,
      bytesReceived: 4000,
      bytesSent: 500,
      framesDecoded: 30,
      localCandidateType: 'relay',
    });
  });

  /**
   * Recorded from Firefox ESR 153 in a call with Chromium (e2e/firefox-call.e2e.ts), reduced to the
   * fields read here: two pairs are nominated and succeeded, only the first one listed is not in use.
   */
  function firefoxReport(withTransport: boolean) {
    const entries: Entry[] = [
      { id: 'bdc4a733', type: 'candidate-pair', nominated: true, selected: false, state: 'succeeded', currentRoundTripTime: 0.3, localCandidateId: 'c1' },
      { id: '73ef97a5', type: 'candidate-pair', nominated: true, selected: true, state: 'succeeded', currentRoundTripTime: 0.008, localCandidateId: 'c2' },
      { id: '5b861f01', type: 'candidate-pair', nominated: false, selected: false, state: 'in-progress', currentRoundTripTime: 0, localCandidateId: 'c1' },
      { id: 'c1', type: 'local-candidate', candidateType: 'host', address: '192.0.2.1' },
      { id: 'c2', type: 'local-candidate', candidateType: 'relay', address: '192.0.2.1' },
      { id: 'in-v', type: 'inbound-rtp', kind: 'video', mediaType: 'video', packetsLost: 0, packetsReceived: 40, bytesReceived: 9000, framesDecoded: 12 },
    ];
    if (withTransport) entries.push({ id: 'ec51d2bf', type: 'transport', iceState: 'connected', selectedCandidatePairId: '73ef97a5' });
    return new Map(entries.map((entry) => [entry.id as string, entry]));
  }

  it('takes the pair Firefox marks selected, not another nominated one', () => {
    for (const withTransport of [true, false]) {
      const raw = readReport(firefoxReport(withTransport), 0);
      expect(raw.rttMs, `transport stats: ${withTransport}`).toBe(8);
      expect(raw.localCandidateType).toBe('relay');
      expect(raw.framesDecoded).toBe(12);
    }
  });

  it('finds the selected pair in Firefox reports (no transport stats)', () => {
    const report = new Map<string, Entry>([
      ['a', { id: 'a', type: 'candidate-pair', selected: false, currentRoundTripTime: 1 }],
      ['b', { id: 'b', type: 'candidate-pair', selected: true, currentRoundTripTime: 0.2 }],
    ]);
    expect(readReport(report, 0).rttMs).toBe(200);
  });

  it('derives loss, bitrate and frame rate from deltas', () => {
    const first = readReport(chromeReport({ rtt: 0.05, lost: 10, received: 1000, bytesIn: 0, bytesOut: 0, frames: 0 }), 0);
    const second = readReport(chromeReport({ rtt: 0.05, lost: 20, received: 1245, bytesIn: 250_000, bytesOut: 125_000, frames: 60 }), 2000);
    const stats = computeStats(first, second, true);
    expect(stats.packetLoss).toBeCloseTo(10 / (10 + 490));
    expect(stats.inboundBitrate).toBe(1_000_000);
    expect(stats.outboundBitrate).toBe(500_000);
    expect(stats.framesPerSecond).toBe(30);
    expect(stats.quality).toBe('fair'); // 2 % loss is not < 2 %
  });

  it('classifies with the documented thresholds', () => {
    expect(classify(null, null)).toBe('unknown');
    expect(classify(149, 0.019)).toBe('good');
    expect(classify(150, 0)).toBe('fair');
    expect(classify(20, 0.05)).toBe('fair');
    expect(classify(400, 0)).toBe('poor');
    expect(classify(20, 0.08)).toBe('poor');
    expect(classify(30, null)).toBe('good');
  });

  it('calls a frozen picture poor when the camera is announced on', () => {
    const a = readReport(chromeReport({ rtt: 0.01, lost: 0, received: 10, bytesIn: 0, bytesOut: 0, frames: 50 }), 0);
    const b = readReport(chromeReport({ rtt: 0.01, lost: 0, received: 20, bytesIn: 10, bytesOut: 0, frames: 50 }), 2000);
    expect(computeStats(a, b, true).quality).toBe('poor');
    expect(computeStats(a, b, false).quality).toBe('good');
  });
});

describe('StatsSampler', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('samples every interval and forgets sources that went away', async () => {
    let counter = 0;
    const sources = new Map([
      [
        'p1',
        {
          getStats: async () => {
            counter += 1;
            return chromeReport({
              rtt: 0.02,
              lost: 0,
              received: counter * 100,
              bytesIn: counter * 1000,
              bytesOut: 0,
              frames: counter * 60,
            }) as unknown as RTCStatsReport;
          },
        },
      ],
    ]);
    const samples: LinkStats[] = [];
    const sampler = new StatsSampler({ sources: () => sources, onSample: (_id, stats) => samples.push(stats), intervalMs: 2000 });
    sampler.start();
    await vi.advanceTimersByTimeAsync(6000);
    expect(samples).toHaveLength(3);
    expect(samples[0]?.quality).toBe('good'); // RTT known from the first sample
    expect(samples[0]?.framesPerSecond).toBeNull();
    expect(samples[2]?.framesPerSecond).toBe(30);
    expect(samples[2]?.inboundBitrate).toBe(4000);
    sources.clear();
    await vi.advanceTimersByTimeAsync(2000);
    expect(samples).toHaveLength(3);
    sampler.stop();
  });
});
