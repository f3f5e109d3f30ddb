import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SignalPayload } from '../../common/signaling';
import { isPolite, PeerLink, type PeerLinkState } from './PeerLink';
import { FakeMediaStream, FakeMediaStreamTrack } from './testing/fakeMedia';
import { FakeNetwork } from './testing/fakeRtc';
import { linkPair, recordingLogger, run } from './testing/harness';

function states(link: PeerLink): PeerLinkState[] {
  const seen: PeerLinkState[] = [];
  link.on('state', (state) => seen.push(state));
  return seen;
}

const asTrack = (track: FakeMediaStreamTrack) => track as unknown as MediaStreamTrack;
const asStream = (stream: FakeMediaStream) => stream as unknown as MediaStream;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('PeerLink', () => {
  it('decides politeness deterministically and oppositely on both sides', () => {
    expect(isPolite('a', 'b')).toBe(true);
    expect(isPolite('b', 'a')).toBe(false);
  });

  it('lets the impolite side make the first offer; the polite side answers, no collision', async () => {
    // Chrome can stop gathering ICE candidates for good when a polite side answers an offer while its
    // own first setLocalDescription(offer) is still running (seen in the app on admission).
    const network = new FakeNetwork();
    const logger = recordingLogger();
    const { a, b, pcA, pcB, wire } = linkPair(network, { logger });
    const seenA = states(a);
    const seenB = states(b);
    await run(50);

    expect(a.state).toBe('connected');
    expect(b.state).toBe('connected');
    expect(seenA).toEqual(['connecting', 'connected']);
    expect(seenB).toEqual(['connecting', 'connected']);
    // 'alice' < 'bob', so alice is polite: she waited for bob's offer and answered it.
    const descriptions = wire.sent.filter((s) => s.payload.kind === 'description');
    expect(descriptions.map((s) => [s.from, s.payload.kind === 'description' && s.payload.description.type])).toEqual([
      ['bob', 'offer'],
      ['alice', 'answer'],
    ]);
    expect(pcA.counts.rollbacks + pcB.counts.rollbacks).toBe(0);
    expect(logger.lines.some((l) => l.message === 'link: waiting for the first offer (polite)')).toBe(true);
    expect(logger.lines.filter((l) => l.level === 'warn')).toEqual([]);
    expect(a.chatChannel.readyState).toBe('open');
    expect(b.fileChannel.readyState).toBe('open');
  });

  it('has the polite side offer by itself when no first offer comes', async () => {
    const network = new FakeNetwork();
    const sent: SignalPayload[] = [];
    // Only the polite side exists (the remote side kept an old link, e.g. after a page reload here).
    const alice = new PeerLink({
      localId: 'alice',
      remoteId: 'bob',
      configuration: {},
      RTCPeerConnection: network.RTCPeerConnection,
      sendSignal: (p) => sent.push(p),
    });
    await run(900);
    expect(sent.filter((p) => p.kind === 'description')).toEqual([]);
    await run(200);
    expect(sent.filter((p) => p.kind === 'description').map((p) => p.kind === 'description' && p.description.type)).toEqual(['offer']);
    alice.close();
  });

  it('keeps a polite side that expects a new remote link from offering while it waits, and answers the late offer', async () => {
    const network = new FakeNetwork();
    const logger = recordingLogger();
    const { a, b, pcA, pcB, wire } = linkPair(network, { logger, extra: { firstOfferWaitMs: 120_000 } });
    // bob (impolite) is slow: his offer reaches alice only after a minute.
    wire.hold = true;
    await run(60_000);
    expect(wire.sent.filter((s) => s.from === 'alice' && s.payload.kind === 'description')).toEqual([]);
    wire.release();
    await run(50);

    expect(a.state).toBe('connected');
    expect(b.state).toBe('connected');
    expect(pcA.counts.rollbacks + pcB.counts.rollbacks).toBe(0);
    expect(logger.lines.map((l) => l.message)).not.toContain('link: no first offer came; offering (polite)');
  });

  it('resolves an offer collision in a renegotiation (both start sharing their screen at once)', async () => {
    const network = new FakeNetwork();
    const logger = recordingLogger();
    const { a, b, pcA, pcB } = linkPair(network, { logger });
    await run(50);
    const screenA = new FakeMediaStream([], 'screen-a');
    const screenB = new FakeMediaStream([], 'screen-b');
    await Promise.all([
      a.setTrack('screen', asTrack(new FakeMediaStreamTrack('video', 'screen')), asStream(screenA)),
      b.setTrack('screen', asTrack(new FakeMediaStreamTrack('video', 'screen')), asStream(screenB)),
    ]);
    await run(100);

    expect(pcA.counts.rollbacks).toBe(1);
    expect(pcB.counts.rollbacks).toBe(0);
    expect(logger.lines.some((l) => l.message === 'link: ignored colliding offer (impolite)')).toBe(true);
    expect([...a.remoteStreams.keys()]).toContain('screen-b');
    expect([...b.remoteStreams.keys()]).toContain('screen-a');
    expect(a.state).toBe('connected');
    expect(b.state).toBe('connected');
    expect(logger.lines.filter((l) => l.level === 'warn')).toEqual([]);
  });

  it('ignores a second copy of an answer it already applied: the link stays, no reset', async () => {
    const network = new FakeNetwork();
    const logger = recordingLogger();
    const { b, wire } = linkPair(network, { logger });
    await run(50);
    const resets: SignalPayload[] = [];
    b.on('reset', (payload) => resets.push(payload));
    const answer = wire.sent.find((s) => s.from === 'alice' && s.payload.kind === 'description')?.payload as SignalPayload;
    // The same answer again (a repeat crossing the first, or one relayed twice): bob is stable by now.
    await b.handleSignal(answer);
    await run(50);

    expect(resets).toEqual([]);
    expect(b.state).toBe('connected');
    expect(logger.lines.filter((l) => l.level === 'warn')).toEqual([]);
  });

  it('ignores a late copy of an older answer while a newer offer waits, and takes the answer to that offer', async () => {
    const network = new FakeNetwork();
    const logger = recordingLogger();
    const { a, b, pcB, wire } = linkPair(network, { logger });
    await run(50);
    const resets: SignalPayload[] = [];
    b.on('reset', (payload) => resets.push(payload));
    const firstAnswer = wire.sent.find((s) => s.from === 'alice' && s.payload.kind === 'description')?.payload as SignalPayload;
    // bob starts sharing his screen: a new offer. A repeat of the first answer (sent for an offer he
    // repeated before) arrives while it waits; applied to the new offer it would not match it.
    await b.setTrack('screen', asTrack(new FakeMediaStreamTrack('video', 'screen')), asStream(new FakeMediaStream([], 'screen-b')));
    wire.hold = true;
    await run(20);
    expect(pcB.signalingState).toBe('have-local-offer');
    await b.handleSignal(firstAnswer);
    expect(pcB.signalingState).toBe('have-local-offer');
    wire.release();
    await run(50);

    const answers = wire.sent.filter((s) => s.from === 'alice' && s.payload.kind === 'description');
    const latest = answers.at(-1)?.payload;
    expect(answers).toHaveLength(2);
    expect(pcB.remoteDescription?.sdp).toBe(latest?.kind === 'description' ? latest.description.sdp : null);
    expect([...a.remoteStreams.keys()]).toContain('screen-b');
    expect(resets).toEqual([]);
    expect(b.state).toBe('connected');
  });

  it('answers an offer repeated after its answer was lost with the same answer, without negotiating again', async () => {
    const network = new FakeNetwork();
    const logger = recordingLogger();
    const { a, b, pcA, pcB, wire } = linkPair(network, { logger });
    const resets: SignalPayload[] = [];
    a.on('reset', (payload) => resets.push(payload));
    b.on('reset', (payload) => resets.push(payload));
    // alice's answer (and her candidates) never reach bob: his socket was away as they were relayed.
    wire.hold = true;
    await run(20);
    const toAlice = wire.held.filter((item) => item.to === a);
    wire.held = [];
    for (const item of toAlice) void a.handleSignal(item.payload);
    await run(50);
    wire.held = wire.held.filter((item) => item.to !== b);
    wire.release();
    expect(pcB.signalingState).toBe('have-local-offer');
    b.repeatOffer('our signaling resumed');
    await run(50);

    expect(a.state).toBe('connected');
    expect(b.state).toBe('connected');
    expect(pcA.counts.answers).toBe(1);
    expect(pcA.counts.rollbacks + pcB.counts.rollbacks).toBe(0);
    const answers = wire.sent.filter((s) => s.from === 'alice' && s.payload.kind === 'description');
    expect(answers).toHaveLength(2);
    expect(answers[1]?.payload).toEqual(answers[0]?.payload);
    expect(resets).toEqual([]);
    expect(logger.lines.filter((l) => l.level === 'warn')).toEqual([]);
  });

  it('repeats an unanswered offer on a timer, a few times, only while the remote is there', async () => {
    const network = new FakeNetwork();
    const sent: SignalPayload[] = [];
    let present = true;
    const bob = new PeerLink({
      localId: 'bob',
      remoteId: 'alice',
      configuration: {},
      RTCPeerConnection: network.RTCPeerConnection,
      sendSignal: (p) => sent.push(p),
      remotePresent: () => present,
    });
    const offers = () => sent.filter((p) => p.kind === 'description' && p.description.type === 'offer');
    await run(100);
    expect(offers()).toHaveLength(1);
    await run(5_000);
    expect(offers()).toHaveLength(2);
    // Byte for byte the first offer, with the candidates lost with it.
    expect(offers()[1]).toEqual(offers()[0]);
    expect(sent.filter((p) => p.kind === 'candidate')).toHaveLength(4);
    present = false;
    await run(60_000);
    expect(offers()).toHaveLength(2);
    // Back: the caller's event repeats at once and the timer starts over, then gives up.
    present = true;
    bob.repeatOffer('remote back');
    await run(120_000);
    expect(offers()).toHaveLength(6);
    bob.close();
  });

  it('queues candidates that arrive before the remote description and applies them after it', async () => {
    const network = new FakeNetwork();
    const logger = recordingLogger();
    const { a, b, pcA, pcB, wire } = linkPair(network, { logger });
    wire.hold = true;
    await run(10);
    // Deliver every candidate before any description.
    wire.release((items) => [...items.filter((item) => item.payload.kind === 'candidate'), ...items.filter((item) => item.payload.kind === 'description')]);
    await run(50);

    expect(logger.lines.some((l) => l.message === 'link: candidate queued')).toBe(true);
    expect(logger.lines.some((l) => l.message === 'link: applying queued candidates')).toBe(true);
    // The fake refuses addIceCandidate() without a remote description or with a stale ufrag: alice got
    // bob's candidates before his offer, queued them, and applied all of them successfully afterwards.
    expect(pcA.counts.candidatesRefused).toBe(0);
    expect(pcB.counts.rollbacks).toBe(0);
    expect(a.state).toBe('connected');
    expect(b.state).toBe('connected');
  });

  it('restarts ICE when the connection fails and comes back to connected', async () => {
    const network = new FakeNetwork();
    const { a, b, pcA, pcB } = linkPair(network);
    await run(50);
    const seenA = states(a);

    network.cut(pcA, 5000);
    await run(10);
    expect(a.state).toBe('reconnecting');
    // After 3 s of `disconnected` a restart is negotiated, but the network is still down.
    await run(3000);
    expect(pcA.counts.restarts + pcB.counts.restarts).toBeGreaterThanOrEqual(1);
    expect(a.state).toBe('reconnecting');
    await run(3000); // the fake now reports `failed`
    network.heal(pcA);
    await run(20_000);

    expect(a.state).toBe('connected');
    expect(b.state).toBe('connected');
    expect(seenA[0]).toBe('reconnecting');
    expect(seenA.at(-1)).toBe('connected');
    expect(seenA).not.toContain('failed');
  });

  it('recovers from a short disconnection without a restart', async () => {
    const network = new FakeNetwork();
    const { a, pcA, pcB } = linkPair(network);
    await run(50);
    network.cut(pcA);
    await run(1000);
    network.heal(pcA);
    await run(5000);
    expect(a.state).toBe('connected');
    expect(pcA.counts.restarts + pcB.counts.restarts).toBe(0);
  });

  it('gives up after the restart limit and tries again on `online`', async () => {
    const network = new FakeNetwork();
    const { a, b, pcA } = linkPair(network, { extra: { maxRestarts: 2, restartTimeoutMs: 1000 } });
    await run(50);
    network.cut(pcA, 100);
    await run(10_000);
    expect(a.state).toBe('failed');

    network.heal(pcA);
    a.restartIce('online');
    await run(2000);
    expect(a.state).toBe('connected');
    expect(b.state).toBe('connected');
  });

  it.each(['online', 'manual'] as const)('restarts ICE (%s) while connected without leaving the connected state', async (reason) => {
    const network = new FakeNetwork();
    const { a, b, pcA, wire } = linkPair(network);
    await run(50);
    const seenA = states(a);
    const offersBefore = wire.sent.length;
    a.restartIce(reason);
    await run(100);
    expect(pcA.counts.restarts).toBe(1);
    expect(wire.sent.length).toBeGreaterThan(offersBefore);
    await run(30_000); // the restart watchdog must not restart a healthy connection again
    expect(pcA.counts.restarts).toBe(1);
    expect(seenA).toEqual([]);
    expect(b.state).toBe('connected');
  });

  it('sends tracks with stable stream ids; replaceTrack needs no renegotiation; screen is a second stream', async () => {
    const network = new FakeNetwork();
    const { a, b, pcA } = linkPair(network);
    await run(50);
    const camera = new FakeMediaStream([], 'camera-stream');
    const screen = new FakeMediaStream([], 'screen-stream');
    await a.setTrack('audio', asTrack(new FakeMediaStreamTrack('audio')), asStream(camera));
    await a.setTrack('camera', asTrack(new FakeMediaStreamTrack('video')), asStream(camera));
    await run(50);
    expect([...b.remoteStreams.keys()]).toEqual(['camera-stream']);
    expect(
      b.remoteStreams
        .get('camera-stream')
        ?.getTracks()
        .map((t) => t.kind),
    ).toEqual(['audio', 'video']);

    const offers = pcA.counts.offers;
    await a.setTrack('camera', null, asStream(camera)); // camera off
    await a.setTrack('camera', asTrack(new FakeMediaStreamTrack('video', 'USB camera')), asStream(camera));
    await run(50);
    expect(pcA.counts.offers).toBe(offers);

    await a.setTrack('screen', asTrack(new FakeMediaStreamTrack('video', 'screen')), asStream(screen));
    await run(50);
    expect(pcA.counts.offers).toBe(offers + 1);
    expect([...b.remoteStreams.keys()].sort()).toEqual(['camera-stream', 'screen-stream']);
    expect(a.state).toBe('connected');
  });

  it('logs transitions at debug level and never SDP or candidates', async () => {
    const network = new FakeNetwork();
    const logger = recordingLogger();
    const { a } = linkPair(network, { logger });
    await run(50);
    a.close();
    expect(a.state).toBe('closed');
    const transitions = logger.lines.filter((line) => line.message === 'link: state');
    expect(transitions.length).toBeGreaterThanOrEqual(5);
    expect(transitions.every((line) => line.level === 'debug')).toBe(true);
    const text = JSON.stringify(logger.lines);
    expect(text).not.toContain('FAKE {');
    expect(text).not.toContain('candidate:');
    expect(text).not.toContain('ufrag');
  });

  it('ignores signals after close', async () => {
    const network = new FakeNetwork();
    const { a, b } = linkPair(network);
    b.close();
    await run(50);
    expect(b.state).toBe('closed');
    expect(a.state).not.toBe('connected');
  });
});
