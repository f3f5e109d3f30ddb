import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallSession } from './CallSession';
import { FakeMediaDevices, createFakeMediaStream } from './testing/fakeMedia';
import { FakeNetwork } from './testing/fakeRtc';
import { FakeSignalingServer } from './testing/fakeSignaling';
import { checksumDigest, recordingLogger, run } from './testing/harness';

/** The low-bandwidth switch through the session: announced in the media state, seen by the other side. */

async function connectedPair(guestMode?: 'auto' | 'small-video' | 'audio-only') {
  const server = new FakeSignalingServer();
  const network = new FakeNetwork();
  const session = (id: string, bandwidthMode?: 'auto' | 'small-video' | 'audio-only') =>
    new CallSession({
      signalingUrl: 'ws://test/api/signaling',
      WebSocket: server.socketFor(id),
      RTCPeerConnection: network.RTCPeerConnection,
      mediaDevices: new FakeMediaDevices().asMediaDevices(),
      createMediaStream: () => createFakeMediaStream(),
      iceConfiguration: { iceServers: [] },
      logger: recordingLogger(),
      digest: checksumDigest,
      bandwidthMode,
    });
  server.register({ id: 'host', displayName: 'Dr. Weiß', role: 'host' });
  server.register({ id: 'guest', displayName: 'Jürgen Groß', role: 'guest' });
  const host = session('host');
  const guest = session('guest', guestMode);
  await Promise.all([host.startMedia(), guest.startMedia()]);
  host.join();
  guest.join();
  await run(50);
  host.admit('guest');
  await run(200);
  return { host, guest };
}

const guestAsSeenByHost = (host: CallSession) => host.getSnapshot().participants.find((p) => p.id === 'guest');

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('CallSession: low-bandwidth switch', () => {
  it('starts with the remembered mode and announces it on admission', async () => {
    const { host, guest } = await connectedPair('small-video');
    expect(guest.getSnapshot().adaptation.mode).toBe('small-video');
    expect(guestAsSeenByHost(host)?.media.bandwidth).toBe('small-video');
    expect(guestAsSeenByHost(host)?.media.videoPausedTo).toEqual([]);
  });

  it('a change reaches the other side, and the link the host keeps to the guest is capped by it', async () => {
    const { host, guest } = await connectedPair();
    expect(guestAsSeenByHost(host)?.media.bandwidth).toBe('auto');
    guest.setBandwidthMode('audio-only');
    await run(100);
    expect(guest.getSnapshot().adaptation.mode).toBe('audio-only');
    expect(guestAsSeenByHost(host)?.media.bandwidth).toBe('audio-only');
    // Two samples later the host's adaptation knows the link and sends the guest audio only.
    await run(4_100);
    expect(host.getSnapshot().adaptation.links.guest).toMatchObject({ sentLevel: 'paused', weak: false });
    expect(guest.getSnapshot().adaptation.links.host).toMatchObject({ sentLevel: 'paused', weak: false });
    guest.setBandwidthMode('auto');
    await run(2_100);
    expect(host.getSnapshot().adaptation.links.guest?.sentLevel).toBe('full');
  });
});
