import { describe, expect, it, vi } from 'vitest';
import { RESUME_GRACE_MS, type Participant } from '../../common/signaling';
import { CallRoster } from './CallRoster';
import { silentLogger } from './logger';
import { person } from './testing/participants';
import { fakeTimersInEachTest } from './testing/harness';

fakeTimersInEachTest();

const HOST = person('host', { role: 'host' });
const GUEST = person('guest');
const WAITING = person('late', { status: 'waiting' });

/** A roster over fake links: records what the links were told, with the links up that the test says. */
function rosterWithLinks(options: { up?: string[] } = {}) {
  const up = new Set(options.up ?? []);
  const synced: { selfId: string | null; peerIds: readonly string[] }[] = [];
  let ended = false;
  const peers = {
    sync: vi.fn((selfId: string | null, peerIds: readonly string[]) => synced.push({ selfId, peerIds })),
    linkUp: (id: string) => up.has(id),
    repeatOffers: vi.fn(),
    closeAll: vi.fn(),
  };
  const roster = new CallRoster({ logger: silentLogger, peers, ice: { current: null }, ended: () => ended, onChange: vi.fn() });
  const lastSync = () => synced.at(-1);
  const end = () => {
    ended = true;
  };
  return { roster, peers, lastSync, end };
}

const welcomeHost = (roster: CallRoster, participants: Participant[] = [HOST, GUEST, WAITING]) =>
  roster.welcomed({ participantId: 'host', role: 'host', status: 'admitted', participants });

describe('CallRoster', () => {
  it('keeps one link per admitted other while we are admitted, and none once the call ended', () => {
    const { roster, lastSync, end } = rosterWithLinks();
    welcomeHost(roster);
    expect(lastSync()).toEqual({ selfId: 'host', peerIds: ['guest'] });
    roster.upserted({ ...WAITING, status: 'admitted' });
    expect(lastSync()).toEqual({ selfId: 'host', peerIds: ['guest', 'late'] });
    end();
    roster.left('late');
    expect(lastSync()).toEqual({ selfId: null, peerIds: [] });
  });

  it('shows a peer left out of a roster while its link is up as offline, and drops it after the resume grace', () => {
    const { roster, lastSync } = rosterWithLinks({ up: ['guest'] });
    welcomeHost(roster);
    roster.listed([HOST]); // a restarted server that has only heard from us so far
    expect(roster.state.others.get('guest')).toMatchObject({ online: false });
    expect(lastSync()?.peerIds).toEqual(['guest']);
    vi.advanceTimersByTime(RESUME_GRACE_MS);
    expect([...roster.state.others.keys()]).toEqual([]);
    expect(lastSync()?.peerIds).toEqual([]);
  });

  it('sends our unanswered offer again to a kept peer that is back, and no longer drops it', () => {
    const { roster, peers } = rosterWithLinks({ up: ['guest'] });
    welcomeHost(roster);
    roster.listed([HOST]);
    roster.listed([HOST, GUEST]);
    expect(peers.repeatOffers).toHaveBeenCalledWith('remote back', ['guest']);
    vi.advanceTimersByTime(RESUME_GRACE_MS);
    expect(roster.state.others.get('guest')).toMatchObject({ online: true });
  });

  it('drops no kept peer once stopped: it stays as it is shown', () => {
    const { roster } = rosterWithLinks({ up: ['guest'] });
    welcomeHost(roster);
    roster.listed([HOST]);
    roster.stop();
    vi.advanceTimersByTime(RESUME_GRACE_MS);
    expect(roster.state.others.get('guest')).toMatchObject({ online: false });
  });

  it('closes every link on a new identity; only those in the call at a direct welcome may hold an old link', () => {
    const { roster, peers } = rosterWithLinks();
    roster.welcomed({ participantId: 'late', role: 'guest', status: 'waiting', participants: [WAITING, HOST] });
    expect(roster.mayHoldOldLink('host')).toBe(false);
    expect(peers.closeAll).not.toHaveBeenCalled();
    roster.welcomed({
      participantId: 'late-2',
      role: 'guest',
      status: 'admitted',
      participants: [HOST, GUEST, { ...WAITING, id: 'late-2', status: 'admitted' }],
    });
    expect(peers.closeAll).toHaveBeenCalledTimes(1);
    expect(roster.mayHoldOldLink('host')).toBe(true);
    expect(roster.mayHoldOldLink('guest')).toBe(true);
  });
});
