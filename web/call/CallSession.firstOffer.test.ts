import { describe, expect, it } from 'vitest';
import type { CallSession } from './CallSession';
import { callWorld, fakeTimersInEachTest, run } from './testing/harness';

fakeTimersInEachTest();

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

    const linkTo = (s: CallSession, id: string) => s.getSnapshot().participants.find((p) => p.id === id)?.link;
    expect(linkTo(guestA, 'guest-b')).toBe('connected');
    expect(linkTo(guestB, 'guest-a')).toBe('connected');
    expect(linkTo(host, 'guest-b')).toBe('connected');
    const messages = logger.lines.map((line) => line.message);
    expect(messages).not.toContain('link: no first offer came; offering (polite)');
    expect(messages).not.toContain('link: offer collision, rolling back (polite)');
  });
});
