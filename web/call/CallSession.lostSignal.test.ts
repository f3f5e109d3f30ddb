import { describe, expect, it } from 'vitest';
import type { SignalPayload } from '../../common/signaling';
import type { CallSession } from './CallSession';
import { callWorld, fakeTimersInEachTest, run } from './testing/harness';

fakeTimersInEachTest();

const view = (s: CallSession, id: string) => s.getSnapshot().participants.find((p) => p.id === id);
const isDescription = (payload: SignalPayload, type: 'offer' | 'answer') => payload.kind === 'description' && payload.description.type === type;

/** Host and guest in the call's lobby, the guest waiting; 'guest' < 'host': the guest is the polite side. */
async function hostAndWaitingGuest() {
  const world = callWorld({ statsIntervalMs: 2000 });
  world.server.register({ id: 'host', displayName: 'Dr. Weiß', role: 'host' });
  world.server.register({ id: 'guest', displayName: 'Jürgen Groß', role: 'guest' });
  const host = world.session('host');
  const guest = world.session('guest');
  await Promise.all([host.startMedia(), guest.startMedia()]);
  host.join();
  guest.join();
  await run(50);
  /** Drops `to`'s socket exactly as the first matching signal is relayed to it; true once it happened. */
  const dropOnFirst = (from: string, to: string, type: 'offer' | 'answer') => {
    const dropped = { done: false };
    world.server.onRelay = (relayFrom, relayTo, payload) => {
      if (dropped.done || relayFrom !== from || relayTo !== to || !isDescription(payload, type)) return;
      dropped.done = true;
      world.server.drop(to);
    };
    return dropped;
  };
  return { ...world, host, guest, dropOnFirst };
}

/** Both see each other's camera and microphone over a connected link. */
function expectMediaBothWays(host: CallSession, guest: CallSession): void {
  for (const [viewer, other] of [
    [host, 'guest'],
    [guest, 'host'],
  ] as const) {
    expect(view(viewer, other)).toMatchObject({ link: 'connected', online: true });
    const kinds = view(viewer, other)
      ?.cameraStream?.getTracks()
      .map((track) => track.kind)
      .sort();
    expect(kinds).toEqual(['audio', 'video']);
  }
}

describe('CallSession: a description the server could not deliver', () => {
  it('connects when the guest’s socket was away exactly as the host’s first offer was relayed', async () => {
    // A phone switching networks at the admission: the server drops the offer (it keeps nothing for
    // an away socket), the guest waits for it, and its own offer after 10 s is ignored by the host,
    // which still waits for its answer. Without a repeat neither side ever gets media.
    const { host, guest, logger, network, dropOnFirst } = await hostAndWaitingGuest();
    const dropped = dropOnFirst('host', 'guest', 'offer');
    host.admit('guest');
    // The guest's socket is back within a second; the host sees it online again and repeats its offer.
    await run(2_000);

    expect(dropped.done).toBe(true);
    expectMediaBothWays(host, guest);
    expect(network.all()).toHaveLength(2);
    const messages = logger.lines.map((line) => line.message);
    expect(messages).not.toContain('link: remote description refused; resetting the link');
    expect(logger.lines.filter((line) => line.level === 'warn')).toEqual([]);
  });

  it('connects when the host’s socket was away as the guest’s answer was relayed', async () => {
    // The answer is lost instead: the host, still waiting, repeats its offer once its own socket has
    // resumed, and the guest sends the same answer again rather than negotiating anew.
    const { host, guest, logger, network, dropOnFirst } = await hostAndWaitingGuest();
    const dropped = dropOnFirst('guest', 'host', 'answer');
    host.admit('guest');
    await run(2_000);

    expect(dropped.done).toBe(true);
    expectMediaBothWays(host, guest);
    expect(network.all()).toHaveLength(2);
    expect(network.all().reduce((sum, pc) => sum + pc.counts.answers, 0)).toBe(1);
    expect(logger.lines.map((line) => line.message)).not.toContain('link: remote description refused; resetting the link');
  });

  it('connects when the offer and its candidates vanish without anyone noticing', async () => {
    // A socket that died silently and came back before the server noticed: no presence change tells
    // the host, so only the repeat of an offer left unanswered helps.
    const { host, guest, server } = await hostAndWaitingGuest();
    let hostOffers = 0;
    server.onRelay = (from, _to, payload) => {
      if (from !== 'host') return;
      if (isDescription(payload, 'offer')) hostOffers += 1;
      return hostOffers > 1; // the first offer and the candidates after it are swallowed
    };
    host.admit('guest');
    await run(30_000);

    expectMediaBothWays(host, guest);
  });

  it('recovers a lost ICE-restart offer when the guest’s socket comes back', async () => {
    const { host, guest, network, dropOnFirst } = await hostAndWaitingGuest();
    host.admit('guest');
    await run(200);
    expectMediaBothWays(host, guest);
    const dropped = dropOnFirst('host', 'guest', 'offer');
    host.restartIce();
    await run(2_000);

    expect(dropped.done).toBe(true);
    expectMediaBothWays(host, guest);
    expect(network.all().every((pc) => pc.signalingState === 'stable')).toBe(true);
  });
});
