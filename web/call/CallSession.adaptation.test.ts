import { describe, expect, it } from 'vitest';
import type { CallSession } from './CallSession';
import { callWorld, fakeTimersInEachTest, hostWithAdmittedGuest, run } from './testing/harness';

/** The low-bandwidth switch through the session: announced in the media state, seen by the other side. */

const connectedPair = (guestMode?: 'auto' | 'small-video' | 'audio-only') => hostWithAdmittedGuest(callWorld(), { guest: { bandwidthMode: guestMode } });

const guestAsSeenByHost = (host: CallSession) => host.getSnapshot().participants.find((p) => p.id === 'guest');

fakeTimersInEachTest();

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
