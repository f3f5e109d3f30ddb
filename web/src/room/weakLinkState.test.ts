import { describe, expect, it } from 'vitest';
import { nothingHeard, weakLinkAnnouncements, type WeakLinkState } from './weakLinkState';

const calm: WeakLinkState = { self: null, pausedToUs: [] };
const state = (self: WeakLinkState['self'], ...names: string[]): WeakLinkState => ({ self, pausedToUs: names.map((name) => ({ id: `id-${name}`, name })) });

/** Replays a run of states and collects what a screen reader would hear. */
function heard(...states: WeakLinkState[]): string[] {
  const said: string[] = [];
  states.reduce((heardSoFar, now) => {
    const next = weakLinkAnnouncements(heardSoFar, now);
    for (const announcement of next.said) said.push(announcement.key === 'other' ? `other:${announcement.name}` : announcement.key);
    return next.heard;
  }, nothingHeard);
  return said;
}

describe('weak-link announcements (A31b-8, issue 14)', () => {
  it('says once that our link got weak, and once more when video pauses', () => {
    expect(heard(state('reduced'), state('reduced'), state('paused'), state('paused'))).toEqual(['selfReduced', 'self']);
  });

  it('does not repeat itself while the engine probes up and falls back', () => {
    expect(heard(state('paused'), state('reduced'), state('paused'), state('reduced'), state('paused'))).toEqual(['self']);
  });

  it('says nothing when the link recovers, and speaks again for a new weak spell', () => {
    expect(heard(state('reduced'), calm, calm, state('reduced'))).toEqual(['selfReduced', 'selfReduced']);
  });

  it('names each participant who starts pausing their video to us, once a spell', () => {
    expect(heard(state(null, 'Gerd'), state(null, 'Gerd'), state(null, 'Gerd', 'Hanna'), state(null, 'Hanna'), state(null, 'Hanna', 'Gerd'))).toEqual([
      'other:Gerd',
      'other:Hanna',
      'other:Gerd',
    ]);
  });

  it('says nothing while nothing is weak', () => {
    expect(heard(calm, calm)).toEqual([]);
  });
});
