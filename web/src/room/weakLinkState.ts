import type { CallSnapshot } from '../../call';

/**
 * What the weak-link notices say (A31b-8), as data: our own sending (`reduced` while the engine sends
 * smaller video to someone, `paused` while it has paused it) and who has paused their video to us.
 */
export interface WeakLinkState {
  self: 'reduced' | 'paused' | null;
  /** Participants whose link to us is weak: they paused their video to us. */
  pausedToUs: Array<{ id: string; name: string }>;
}

export function weakLinkState(snapshot: CallSnapshot): WeakLinkState {
  const links = Object.values(snapshot.adaptation.links);
  const selfId = snapshot.self?.id;
  const self = links.some((link) => link.weak)
    ? 'paused'
    : links.some((link) => link.networkLevel !== 'full' && link.networkLevel !== 'paused')
      ? 'reduced'
      : null;
  const pausedToUs = snapshot.participants
    .filter((p) => p.status === 'admitted' && selfId !== undefined && p.media.videoPausedTo?.includes(selfId))
    .map((p) => ({ id: p.id, name: p.displayName }));
  return { self, pausedToUs };
}

export type WeakLinkAnnouncement = { key: 'self' | 'selfReduced' } | { key: 'other'; name: string };

/** What has been said in the current weak spell: the worst of our own states, and who was named. */
export interface WeakLinkHeard {
  self: 'reduced' | 'paused' | null;
  others: ReadonlySet<string>;
}

export const nothingHeard: WeakLinkHeard = { self: null, others: new Set() };

/**
 * What a screen reader hears when the state changes: once when our link gets weak, once more only if
 * it gets worse (smaller video, then paused), and once per participant who starts pausing to us.
 * The engine steps back up and probes while the link stays weak; none of that is announced again
 * until the spell is over (the link fully back), so a flapping link cannot flood the consultation.
 */
export function weakLinkAnnouncements(heard: WeakLinkHeard, now: WeakLinkState): { heard: WeakLinkHeard; said: WeakLinkAnnouncement[] } {
  const said: WeakLinkAnnouncement[] = [];
  let self = now.self === null ? null : heard.self;
  if (now.self === 'paused' && self !== 'paused') {
    said.push({ key: 'self' });
    self = 'paused';
  } else if (now.self === 'reduced' && self === null) {
    said.push({ key: 'selfReduced' });
    self = 'reduced';
  }
  const pausing = new Set(now.pausedToUs.map((p) => p.id));
  for (const participant of now.pausedToUs) if (!heard.others.has(participant.id)) said.push({ key: 'other', name: participant.name });
  return { heard: { self, others: pausing }, said };
}
