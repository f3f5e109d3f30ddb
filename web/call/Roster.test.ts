import { describe, expect, it } from 'vitest';
import { emptyMediaState } from '../../common/signaling';
import {
  admittedOthers,
  cameBack,
  emptyRoster,
  expired,
  left,
  listed,
  selfAdmitted,
  upserted,
  welcomed,
  withNames,
  withoutKept,
  type KeepContext,
  type RosterState,
} from './Roster';
import { person } from './testing/participants';

const HOST = person('host', { displayName: 'Dr. Weiß', role: 'host' });
const GUEST = person('guest', { displayName: 'Jürgen Groß' });
const WAITING = person('late', { displayName: 'Zoë Spät', status: 'waiting' });

/** Links up to the given peers, call not ended. */
const context = (...up: string[]): KeepContext => ({ ended: false, linkUp: (id) => up.includes(id) });
const ids = (state: RosterState): string[] => [...state.others.keys()];

/** The host's view after its welcome: itself, an admitted guest and one waiting. */
const hostView = (): RosterState =>
  welcomed(emptyRoster, { participantId: 'host', role: 'host', status: 'admitted', participants: [HOST, GUEST, WAITING] }, context());

describe('Roster: welcome', () => {
  it('names us from the list and keeps everyone else in the server order', () => {
    const state = hostView();
    expect(state.self).toEqual({ id: 'host', displayName: 'Dr. Weiß', role: 'host', status: 'admitted' });
    expect(ids(state)).toEqual(['guest', 'late']);
    expect(admittedOthers(state).map((p) => p.id)).toEqual(['guest']);
  });

  it('gives a waiting guest the few it may see, and no peer to link to', () => {
    const state = welcomed(emptyRoster, { participantId: 'late', role: 'guest', status: 'waiting', participants: [WAITING, HOST] }, context('host'));
    expect(state.self).toMatchObject({ id: 'late', status: 'waiting', role: 'guest' });
    expect(ids(state)).toEqual(['host']);
    // A waiting participant keeps nobody through a later roster, whatever the links say.
    expect(ids(listed(state, [WAITING], context('host')))).toEqual([]);
  });

  it('keeps our earlier name when the list leaves us out, and takes the welcome status over it', () => {
    const first = welcomed(emptyRoster, { participantId: 'guest', role: 'guest', status: 'waiting', participants: [GUEST] }, context());
    const resumed = welcomed(first, { participantId: 'guest', role: 'guest', status: 'admitted', participants: [HOST] }, context());
    expect(resumed.self).toEqual({ id: 'guest', displayName: 'Jürgen Groß', role: 'guest', status: 'admitted' });
    expect(welcomed(emptyRoster, { participantId: 'x', role: 'guest', status: 'waiting', participants: [] }, context()).self?.displayName).toBe('');
  });

  it('lets the listed status of us win over the welcome status (they should agree)', () => {
    const state = welcomed(
      emptyRoster,
      { participantId: 'guest', role: 'guest', status: 'waiting', participants: [{ ...GUEST, status: 'admitted' }] },
      context(),
    );
    expect(state.self?.status).toBe('admitted');
  });

  it('after an expired resume token, takes the new identity and drops the old one from view', () => {
    const before = hostView();
    const after = welcomed(before, { participantId: 'host-2', role: 'host', status: 'admitted', participants: [{ ...HOST, id: 'host-2' }, GUEST] }, context());
    expect(after.self?.id).toBe('host-2');
    expect(ids(after)).toEqual(['guest']);
  });
});

describe('Roster: joins, updates and leaves', () => {
  it('adds a newcomer at the end and keeps the place of one that changes', () => {
    const joined = upserted(hostView(), person('third', { displayName: 'Ada' }));
    expect(ids(joined)).toEqual(['guest', 'late', 'third']);
    const renamed = upserted(joined, { ...GUEST, displayName: 'J. Groß', media: { ...emptyMediaState, audio: true, video: true } });
    expect(ids(renamed)).toEqual(['guest', 'late', 'third']);
    expect(renamed.others.get('guest')).toMatchObject({ displayName: 'J. Groß', media: { audio: true, video: true } });
  });

  it('turns an update about us into our own view (rename, status) without listing us', () => {
    const state = upserted(hostView(), { ...HOST, displayName: 'Dr. A. Weiß' });
    expect(state.self).toEqual({ id: 'host', displayName: 'Dr. A. Weiß', role: 'host', status: 'admitted' });
    expect(ids(state)).toEqual(['guest', 'late']);
  });

  it('shows an admitted waiting guest as a peer to link to', () => {
    const state = upserted(hostView(), { ...WAITING, status: 'admitted' });
    expect(admittedOthers(state).map((p) => p.id)).toEqual(['guest', 'late']);
  });

  it('drops someone who left; an unknown id changes nothing visible', () => {
    const state = left(hostView(), 'guest');
    expect(ids(state)).toEqual(['late']);
    expect(ids(left(state, 'nobody'))).toEqual(['late']);
  });

  it('passes the invited name on as the server sent it (the host alone gets it)', () => {
    const state = upserted(hostView(), person('renamed', { displayName: 'Alice Tester (Praxis)', invitedName: 'Alice Tester' }));
    expect(state.others.get('renamed')?.invitedName).toBe('Alice Tester');
  });

  it('does not touch the state it was given', () => {
    const before = hostView();
    upserted(before, person('third'));
    left(before, 'guest');
    listed(before, [HOST], context('guest'));
    expect(ids(before)).toEqual(['guest', 'late']);
    expect(before.kept.size).toBe(0);
  });
});

describe('Roster: waiting room to admission', () => {
  it('admits us, and nothing without a welcome', () => {
    const waiting = welcomed(emptyRoster, { participantId: 'late', role: 'guest', status: 'waiting', participants: [WAITING, HOST] }, context());
    expect(selfAdmitted(waiting).self?.status).toBe('admitted');
    expect(selfAdmitted(emptyRoster)).toBe(emptyRoster);
  });

  it('replaces the others with the roster that follows an admission', () => {
    const waiting = welcomed(emptyRoster, { participantId: 'late', role: 'guest', status: 'waiting', participants: [WAITING, HOST] }, context());
    const admitted = listed(selfAdmitted(waiting), [HOST, GUEST, { ...WAITING, status: 'admitted' }], context());
    expect(admittedOthers(admitted).map((p) => p.id)).toEqual(['host', 'guest']);
    expect(admitted.self?.status).toBe('admitted');
  });
});

describe('Roster: peers kept through a restarted server', () => {
  it('keeps an admitted peer left out of a roster while our link to it is up, shown offline, at the end', () => {
    const state = listed(hostView(), [HOST, WAITING], context('guest'));
    expect(ids(state)).toEqual(['late', 'guest']);
    expect(state.others.get('guest')?.online).toBe(false);
    expect([...state.kept]).toEqual(['guest']);
  });

  it('keeps nobody whose link is down, who was waiting, or once the call ended', () => {
    expect(ids(listed(hostView(), [HOST], context()))).toEqual([]);
    expect(ids(listed(hostView(), [HOST], context('late')))).toEqual([]);
    expect(ids(listed(hostView(), [HOST], { ended: true, linkUp: () => true }))).toEqual([]);
  });

  it('ends the keeping when the peer is listed, updated or leaves', () => {
    const kept = listed(hostView(), [HOST], context('guest'));
    const relisted = listed(kept, [HOST, GUEST], context('guest'));
    expect(relisted.kept.size).toBe(0);
    expect(relisted.others.get('guest')?.online).toBe(true);
    expect(upserted(kept, GUEST).kept.size).toBe(0);
    const gone = left(kept, 'guest');
    expect(gone.kept.size).toBe(0);
    expect(ids(gone)).toEqual([]);
  });

  it('keeps a peer through several rosters without it (one grace, not one per roster)', () => {
    const once = listed(hostView(), [HOST], context('guest'));
    const twice = listed(once, [HOST], context('guest'));
    expect([...twice.kept]).toEqual(['guest']);
    expect(twice.others.get('guest')?.online).toBe(false);
  });

  it('drops a kept peer when its grace expires, unless it came back online', () => {
    const kept = listed(hostView(), [HOST], context('guest'));
    const dropped = expired(kept, 'guest');
    expect(ids(dropped)).toEqual([]);
    expect(dropped.kept.size).toBe(0);
    const back = upserted(kept, GUEST);
    expect(expired(back, 'guest').others).toBe(back.others);
  });

  it('lets a grace that outlived its peer expire without effect', () => {
    // Kept, then a roster without it while its link is down: it goes, its grace still runs.
    const gone = listed(listed(hostView(), [HOST], context('guest')), [HOST], context());
    expect(ids(gone)).toEqual([]);
    expect([...gone.kept]).toEqual(['guest']);
    const after = expired(gone, 'guest');
    expect(after.others).toBe(gone.others);
    expect(after.kept.size).toBe(0);
  });

  it('forgets every grace at teardown and keeps showing the kept peers', () => {
    const kept = listed(hostView(), [HOST], context('guest'));
    const torn = withoutKept(kept);
    expect(torn.kept.size).toBe(0);
    expect(ids(torn)).toEqual(['guest']);
    expect(withoutKept(torn)).toBe(torn);
  });
});

describe('Roster: names for the chat PDF', () => {
  it('remembers the admitted others, then us, in order of first sight, and never forgets one', () => {
    let state = withNames(hostView(), false);
    expect([...state.names]).toEqual(['Jürgen Groß']);
    state = withNames(state, true);
    expect([...state.names]).toEqual(['Jürgen Groß', 'Dr. Weiß']);
    state = withNames(upserted(left(state, 'guest'), { ...WAITING, status: 'admitted' }), false);
    expect([...state.names]).toEqual(['Jürgen Groß', 'Dr. Weiß', 'Zoë Spät']);
  });

  it('returns the same state when no name is new, and names nobody waiting', () => {
    const state = withNames(hostView(), true);
    expect(withNames(state, true)).toBe(state);
    expect(state.names.has('Zoë Spät')).toBe(false);
  });
});

describe('Roster: who came back', () => {
  it('names the others whose socket is back (offline before, online now), not newcomers or media changes', () => {
    const before = upserted(hostView(), { ...GUEST, online: false });
    const back = upserted(upserted(before, GUEST), person('new'));
    expect(cameBack(before, back)).toEqual(['guest']);
    const muted = upserted(hostView(), { ...GUEST, media: { ...emptyMediaState, audio: false } });
    expect(cameBack(hostView(), muted)).toEqual([]);
  });
});
