import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallSession, type CallSessionOptions } from './CallSession';
import { FakeMediaDevices, createFakeMediaStream } from './testing/fakeMedia';
import { FakeNetwork } from './testing/fakeRtc';
import { FakeSignalingServer } from './testing/fakeSignaling';
import { checksumDigest, recordingLogger, run } from './testing/harness';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('CallSession: the first offer between guests admitted together', () => {
  it('waits for the other guest’s offer even when its ICE configuration comes late, without a collision', async () => {
    const server = new FakeSignalingServer();
    const network = new FakeNetwork();
    const logger = recordingLogger();
    const session = (id: string, options: Partial<CallSessionOptions> = {}) =>
      new CallSession({
        signalingUrl: 'ws://test/api/signaling',
        WebSocket: server.socketFor(id),
        RTCPeerConnection: network.RTCPeerConnection,
        mediaDevices: new FakeMediaDevices().asMediaDevices(),
        createMediaStream: () => createFakeMediaStream(),
        iceConfiguration: { iceServers: [] },
        logger,
        digest: checksumDigest,
        statsIntervalMs: 2000,
        ...options,
      });
    server.register({ id: 'host', displayName: 'Dr. Weiß', role: 'host' });
    server.register({ id: 'guest-a', displayName: 'Anna Alt', role: 'guest' });
    server.register({ id: 'guest-b', displayName: 'Bernd Bau', role: 'guest' });
    const host = session('host');
    // guest-a < guest-b: guest-a is the polite side and waits for guest-b's first offer, which comes
    // only once guest-b's ICE configuration has loaded (slow on a loaded machine or network).
    const guestA = session('guest-a');
    const guestB = session('guest-b', { iceConfiguration: () => new Promise((resolve) => setTimeout(() => resolve({ iceServers: [] }), 2500)) });
    await Promise.all([host.startMedia(), guestA.startMedia(), guestB.startMedia()]);
    for (const s of [host, guestA, guestB]) s.join();
    await run(50);
    host.admit('guest-a');
    host.admit('guest-b');
    await run(4000);

    const linkTo = (s: CallSession, id: string) => s.getSnapshot().participants.find((p) => p.id === id)?.link;
    expect(linkTo(guestA, 'guest-b')).toBe('connected');
    expect(linkTo(guestB, 'guest-a')).toBe('connected');
    expect(linkTo(host, 'guest-b')).toBe('connected');
    const messages = logger.lines.map((line) => line.message);
    expect(messages).not.toContain('link: no first offer came; offering (polite)');
    expect(messages).not.toContain('link: offer collision, rolling back (polite)');
  });
});
