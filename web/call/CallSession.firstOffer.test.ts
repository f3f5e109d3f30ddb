import { describe, expect, it } from 'vitest';
import type { CallSession } from './CallSession';
import { callWorld, fakeTimersInEachTest, run } from './testing/harness';

fakeTimersInEachTest();

const linkTo = (s: CallSession, id: string) => s.getSnapshot().participants.find((p) => p.id === id)?.link;

/**
 * A page whose offers reach the other side `delayMs` late, as on a loaded machine where each
 * setLocalDescription took up to seconds, for four links at once, and the page was slow to send.
 */
function slowOffers(Base: typeof RTCPeerConnection, delayMs: number): typeof RTCPeerConnection {
  return class extends Base {
    override async setLocalDescription(description?: RTCLocalSessionDescriptionInit): Promise<void> {
      const offering = this.signalingState === 'stable';
      await super.setLocalDescription(description);
      if (offering) await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  };
}

describe('CallSession: the first offer between guests admitted together', () => {
  it('waits for the other guest’s offer even when its ICE configuration comes late, without a collision', async () => {
    const { server, logger, session } = callWorld({ statsIntervalMs: 2000 });
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

    expect(linkTo(guestA, 'guest-b')).toBe('connected');
    expect(linkTo(guestB, 'guest-a')).toBe('connected');
    expect(linkTo(host, 'guest-b')).toBe('connected');
    const messages = logger.lines.map((line) => line.message);
    expect(messages).not.toContain('link: no first offer came; offering (polite)');
    expect(messages).not.toContain('link: offer collision, rolling back (polite)');
  });

  it('links a guest admitted later to the guests already in the call at its admission, not after the roster', async () => {
    const { server, session } = callWorld({ statsIntervalMs: 2000 });
    // The roster after an admission is handled only once the page rendered the call view: seconds
    // on a loaded phone or with five pages on two cores.
    server.rosterAfterAdmissionMs = 10_000;
    server.register({ id: 'host', displayName: 'Dr. Weiß', role: 'host' });
    server.register({ id: 'guest-a', displayName: 'Anna Alt', role: 'guest' });
    server.register({ id: 'guest-b', displayName: 'Bernd Bau', role: 'guest' });
    const [host, guestA, guestB] = [session('host'), session('guest-a'), session('guest-b')];
    await Promise.all([host, guestA, guestB].map((s) => s.startMedia()));
    for (const s of [host, guestA, guestB]) s.join();
    await run(50);
    host.admit('guest-a');
    await run(50);
    host.admit('guest-b');
    await run(2000);

    expect(linkTo(guestB, 'guest-a')).toBe('connected');
    expect(linkTo(guestA, 'guest-b')).toBe('connected');
    expect(linkTo(guestB, 'host')).toBe('connected');
  });

  it('connects a mesh of five whose slowest page offers seconds late, with no second offer and no rollback', async () => {
    const { server, logger, session, network } = callWorld({ statsIntervalMs: 2000 });
    server.register({ id: 'host', displayName: 'Dr. Weiß', role: 'host' });
    const guestIds = ['guest-a', 'guest-b', 'guest-c', 'guest-d'];
    for (const id of guestIds) server.register({ id, displayName: `Gast ${id}`, role: 'guest' });
    const host = session('host');
    // guest-d is the impolite side towards the other guests, and its page takes 8 s for each offer.
    const guests = guestIds.map((id) => session(id, id === 'guest-d' ? { RTCPeerConnection: slowOffers(network.RTCPeerConnection, 8000) } : {}));
    const everyone = [host, ...guests];
    await Promise.all(everyone.map((s) => s.startMedia()));
    for (const s of everyone) s.join();
    await run(50);
    for (const id of guestIds) host.admit(id);
    await run(10_000);

    const ids = ['host', ...guestIds];
    const notConnected = everyone.flatMap((s, index) =>
      ids.filter((id) => id !== ids[index] && linkTo(s, id) !== 'connected').map((id) => `${ids[index]} → ${id}`),
    );
    expect(notConnected).toEqual([]);
    const messages = logger.lines.map((line) => line.message);
    expect(messages).not.toContain('link: no first offer came; offering (polite)');
    expect(messages).not.toContain('link: offer collision, rolling back (polite)');
    expect(messages).not.toContain('link: ignored colliding offer (impolite)');
    expect(network.all().reduce((sum, pc) => sum + pc.counts.rollbacks, 0)).toBe(0);
  });
});
