import { describe, expect, it, vi } from 'vitest';
import type { BandwidthMode } from '../../common/signaling';
import { applyVideoEncoding, readLinkCounters, readLinkSignal, readSentCounter, sendingBitrate } from './linkSignal';
import { silentLogger } from './logger';
import { VideoAdaptation, WARMUP_SAMPLES } from './VideoAdaptation';

/**
 * A sender with the setParameters() rules of webrtc-pc: parameters must come from the latest
 * getParameters() (transactionId), each transaction is used once, calls do not overlap.
 */
class RuleSender {
  encoding: RTCRtpEncodingParameters = { active: true };
  private transaction = 0;
  private used = new Set<string>();
  private busy = false;
  calls = 0;
  getParameters(): RTCRtpSendParameters {
    this.transaction += 1;
    return { transactionId: String(this.transaction), encodings: [{ ...this.encoding }], codecs: [], headerExtensions: [], rtcp: {} };
  }
  async setParameters(parameters: RTCRtpSendParameters): Promise<void> {
    if (this.busy) throw new DOMException('concurrent setParameters', 'InvalidStateError');
    if (parameters.transactionId !== String(this.transaction) || this.used.has(parameters.transactionId)) {
      throw new DOMException('stale transactionId', 'InvalidModificationError');
    }
    if (parameters.encodings.length !== 1) throw new DOMException('encodings changed', 'InvalidModificationError');
    this.used.add(parameters.transactionId);
    this.busy = true;
    await new Promise((resolve) => setTimeout(resolve, 1));
    this.busy = false;
    this.encoding = { ...parameters.encodings[0]! };
    this.calls += 1;
  }
}

/** A Chrome-shaped report of our sending: selected pair estimate, RTCP loss, camera limitation. */
function report(available: number, t: { loss?: number; rtt?: number; limitation?: string } = {}) {
  const entries: Record<string, unknown>[] = [
    { id: 'T', type: 'transport', selectedCandidatePairId: 'CP' },
    { id: 'CP', type: 'candidate-pair', availableOutgoingBitrate: available, currentRoundTripTime: t.rtt ?? 0.02 },
    { id: 'CPX', type: 'candidate-pair', availableOutgoingBitrate: 9e9 },
    { id: 'RA', type: 'remote-inbound-rtp', kind: 'audio', fractionLost: 0, roundTripTime: 0.5 },
    { id: 'RV', type: 'remote-inbound-rtp', kind: 'video', fractionLost: t.loss ?? 0 },
    { id: 'MS', type: 'media-source', kind: 'video', trackIdentifier: 'screen' },
    { id: 'MC', type: 'media-source', kind: 'video', trackIdentifier: 'cam' },
    { id: 'OS', type: 'outbound-rtp', kind: 'video', mediaSourceId: 'MS', qualityLimitationReason: 'none' },
    { id: 'OC', type: 'outbound-rtp', kind: 'video', mediaSourceId: 'MC', qualityLimitationReason: t.limitation ?? 'none' },
  ];
  return new Map(entries.map((entry) => [entry.id as string, entry])) as unknown as RTCStatsReport;
}

/** setParameters() is asynchronous: wait for the applied state (a loaded machine may take a while). */

function setup(remote: BandwidthMode = 'auto') {
  const audio = new RuleSender();
  const camera = new RuleSender();
  let changes = 0;
  let remoteMode = remote;
  const adaptation = new VideoAdaptation({
    logger: silentLogger,
    sender: (_peer, slot) => (slot === 'audio' ? audio : camera) as unknown as RTCRtpSender,
    remoteMode: () => remoteMode,
    cameraTrackId: () => 'cam',
    onChange: () => (changes += 1),
  });
  return { audio, camera, adaptation, changes: () => changes, setRemote: (mode: BandwidthMode) => (remoteMode = mode) };
}

describe('readLinkSignal', () => {
  it('reads the selected pair, the worst reported loss and the camera’s limitation', () => {
    expect(readLinkSignal(report(250_000, { loss: 0.12, limitation: 'bandwidth' }), 'cam')).toEqual({
      availableOutgoingBitrate: 250_000,
      sendingBitrate: null,
      loss: 0.12,
      rttMs: 20,
      qualityLimitationReason: 'bandwidth',
      retransmitShare: null,
    });
  });

  it('gives nulls where the browser reports nothing (Firefox has no estimate)', () => {
    const firefox = new Map([['CP', { id: 'CP', type: 'candidate-pair', selected: true, currentRoundTripTime: 0.05 }]]);
    expect(readLinkSignal(firefox as unknown as RTCStatsReport)).toEqual({
      availableOutgoingBitrate: null,
      sendingBitrate: null,
      loss: null,
      rttMs: 50,
      qualityLimitationReason: null,
      retransmitShare: null,
    });
  });

  it('derives the sending rate from the selected pair’s byte counter between two samples', () => {
    const at = (bytesSent: number, timestamp: number) => {
      const entries = report(250_000);
      const pair = (entries as unknown as Map<string, Record<string, unknown>>).get('CP')!;
      Object.assign(pair, { bytesSent, timestamp });
      return entries;
    };
    const before = readSentCounter(at(100_000, 10_000));
    expect(before).toEqual({ bytesSent: 100_000, timestamp: 10_000 });
    // 50,000 bytes in 2 s: 200 kbit/s.
    expect(readLinkSignal(at(150_000, 12_000), 'cam', readLinkCounters(at(100_000, 10_000), 'cam')).sendingBitrate).toBe(200_000);
    // No interval (same or older sample, a counter that went back after an ICE restart): unknown.
    expect(sendingBitrate(before, { bytesSent: 150_000, timestamp: 10_000 })).toBeNull();
    expect(sendingBitrate(before, { bytesSent: 50_000, timestamp: 12_000 })).toBeNull();
  });
});

describe('readLinkSignal: what Firefox reports', () => {
  /** Firefox 153: pair flagged `selected`, no estimate, receiver reports repeated until the next arrives. */
  const firefox = (t: { sent: number; resent: number; reportAt: number; audioLoss: number }) =>
    new Map(
      [
        { id: 'CP', type: 'candidate-pair', selected: true, currentRoundTripTime: 0.38 },
        { id: 'OV', type: 'outbound-rtp', kind: 'video', bytesSent: t.sent, retransmittedBytesSent: t.resent },
        { id: 'RA', type: 'remote-inbound-rtp', kind: 'audio', timestamp: t.reportAt, fractionLost: t.audioLoss },
        { id: 'RV', type: 'remote-inbound-rtp', kind: 'video', timestamp: 1_000, fractionLost: 0 },
      ].map((entry) => [entry.id, entry]),
    ) as unknown as RTCStatsReport;

  it('gives the share of the camera’s bytes that were resent in the interval', () => {
    const before = readLinkCounters(firefox({ sent: 100_000, resent: 10_000, reportAt: 1_000, audioLoss: 0 }));
    // 200 kB sent since, 150 kB of them resends.
    expect(readLinkSignal(firefox({ sent: 300_000, resent: 160_000, reportAt: 1_000, audioLoss: 0 }), null, before).retransmitShare).toBe(0.75);
    expect(readLinkSignal(firefox({ sent: 300_000, resent: 160_000, reportAt: 1_000, audioLoss: 0 })).retransmitShare).toBeNull();
  });

  it('counts a receiver report once, however often Firefox repeats it', () => {
    const first = firefox({ sent: 100_000, resent: 0, reportAt: 2_000, audioLoss: 0.12 });
    expect(readLinkSignal(first, null, null).loss).toBe(0.12);
    const repeated = firefox({ sent: 150_000, resent: 0, reportAt: 2_000, audioLoss: 0.12 });
    // Nothing new from the receiver: no loss figure at all (not the old one again).
    expect(readLinkSignal(repeated, null, readLinkCounters(first)).loss).toBeNull();
    const next = firefox({ sent: 200_000, resent: 0, reportAt: 5_000, audioLoss: 0.2 });
    expect(readLinkSignal(next, null, readLinkCounters(repeated)).loss).toBe(0.2);
  });
});

describe('applyVideoEncoding', () => {
  it('sets the level through getParameters/setParameters and removes our limits at full', async () => {
    const sender = new RuleSender();
    await applyVideoEncoding(sender as unknown as RTCRtpSender, { active: true, maxBitrate: 120_000, scaleResolutionDownBy: 4, maxFramerate: 10 });
    expect(sender.encoding).toMatchObject({ active: true, maxBitrate: 120_000, scaleResolutionDownBy: 4, maxFramerate: 10 });
    await applyVideoEncoding(sender as unknown as RTCRtpSender, { active: true, scaleResolutionDownBy: 1 });
    expect(sender.encoding).toEqual({ active: true, scaleResolutionDownBy: 1 });
    await applyVideoEncoding(sender as unknown as RTCRtpSender, { active: true, scaleResolutionDownBy: 1 });
    expect(sender.calls).toBe(2); // unchanged: no call
  });

  it('does nothing before negotiation (no encoding yet)', async () => {
    const sender = { getParameters: () => ({ encodings: [] }), setParameters: () => Promise.reject(new Error('must not be called')) };
    expect(await applyVideoEncoding(sender as unknown as RTCRtpSender, { active: false, scaleResolutionDownBy: 4 })).toBe(false);
  });
});

describe('VideoAdaptation', () => {
  it('watches during warm-up, then pauses video on a collapsed link, gives audio priority and announces it', async () => {
    const { audio, camera, adaptation } = setup();
    for (let i = 0; i < WARMUP_SAMPLES; i += 1) adaptation.observe('p1', report(80_000));
    await vi.waitFor(() => expect(audio.encoding).toMatchObject({ priority: 'high', networkPriority: 'high' }));
    // Applied after the audio, in the same pass: the camera is untouched during warm-up.
    await vi.waitFor(() => expect(camera.calls).toBe(0));
    expect(camera.encoding.active).toBe(true);
    adaptation.observe('p1', report(80_000));
    await vi.waitFor(() => expect(camera.encoding.active).toBe(false));
    expect(adaptation.snapshot.links.p1).toMatchObject({ networkLevel: 'paused', sentLevel: 'paused', weak: true, reason: 'bandwidth' });
    expect(adaptation.videoPausedTo()).toEqual(['p1']);
  });

  it('steps down to a smaller picture on a limited link and back up when it recovers', async () => {
    const { camera, adaptation } = setup();
    for (let i = 0; i < WARMUP_SAMPLES + 2; i += 1) adaptation.observe('p1', report(250_000));
    await vi.waitFor(() => expect(camera.encoding).toMatchObject({ active: true, scaleResolutionDownBy: 2, maxBitrate: 400_000, maxFramerate: 20 }));
    expect(adaptation.videoPausedTo()).toEqual([]);
    for (let i = 0; i < 4; i += 1) adaptation.observe('p1', report(3_000_000));
    await vi.waitFor(() => expect(camera.encoding).toEqual({ active: true, scaleResolutionDownBy: 1 }));
  });

  it('the switch applies at once, is not called a weak link, and lifting it brings video back at once', async () => {
    const { camera, adaptation, changes } = setup();
    adaptation.observe('p1', report(3_000_000));
    adaptation.setMode('audio-only');
    await vi.waitFor(() => expect(camera.encoding.active).toBe(false));
    expect(adaptation.snapshot).toMatchObject({ mode: 'audio-only', links: { p1: { sentLevel: 'paused', weak: false } } });
    expect(adaptation.videoPausedTo()).toEqual([]);
    expect(changes()).toBeGreaterThan(0);
    adaptation.setMode('auto');
    await vi.waitFor(() => expect(camera.encoding).toEqual({ active: true, scaleResolutionDownBy: 1 }));
  });

  it('sends no more than the other side’s switch allows', async () => {
    const { camera, adaptation, setRemote } = setup();
    adaptation.observe('p1', report(3_000_000));
    setRemote('small-video');
    adaptation.refresh();
    await vi.waitFor(() => expect(camera.encoding).toMatchObject({ active: true, scaleResolutionDownBy: 4, maxBitrate: 120_000 }));
  });
});
