import type { Participant, ServerMessageOf } from '../../common/signaling';
import type { SelfView } from './types';

/**
 * Who is in the call as this participant sees it, kept apart from CallRoster (which holds it and makes
 * the links follow it) so its rules can be read and tested alone: pure functions over an immutable
 * state, no WebRTC, no timers.
 * The server decides what each participant sees (a host also sees the waiting room, a waiting guest at
 * most the hosts, only the host learns an `invitedName`); the roster keeps what it is told, in the
 * server's order, with newcomers at the end.
 */
export interface RosterState {
  /** Us, once a `welcome` named us. */
  readonly self: SelfView | null;
  /** Everyone else the server lets us see, by participant id. */
  readonly others: ReadonlyMap<string, Participant>;
  /**
   * Peers kept (shown offline) through a roster that left them out while our link to them was up: a
   * signaling server that restarted lists only who has reconnected so far, and closing a link that
   * still carries media would cut a call that does not need the server (P-12). CallRoster drops each
   * with {@link expired} after RESUME_GRACE_MS unless it is listed again or leaves first.
   */
  readonly kept: ReadonlySet<string>;
  /** Everyone seen admitted while we took part, in order of first sight: the chat PDF's participants. */
  readonly names: ReadonlySet<string>;
}

/** What the roster needs to know of the rest of the session to keep a peer missing from a roster. */
export interface KeepContext {
  /** The call ended for us: nobody is kept any more. */
  readonly ended: boolean;
  /** Our link to this peer still carries media (connected or reconnecting). */
  linkUp(participantId: string): boolean;
}

type Welcome = Pick<ServerMessageOf<'welcome'>, 'participantId' | 'role' | 'status' | 'participants'>;

export const emptyRoster: RosterState = { self: null, others: new Map(), kept: new Set(), names: new Set() };

/**
 * The server named us (first connection, resume, or a new identity after an expired resume token).
 * Our name comes from the list, else stays what it was.
 */
export function welcomed(state: RosterState, welcome: Welcome, context: KeepContext): RosterState {
  const me = welcome.participants.find((p) => p.id === welcome.participantId);
  const self: SelfView = {
    id: welcome.participantId,
    displayName: me?.displayName ?? state.self?.displayName ?? '',
    role: welcome.role,
    status: welcome.status,
  };
  return listed({ ...state, self }, welcome.participants, context);
}

/** A full list from the server (`welcome` or `roster`): it replaces the others, except peers kept (see {@link RosterState.kept}). */
export function listed(state: RosterState, participants: readonly Participant[], context: KeepContext): RosterState {
  const me = state.self ? participants.find((p) => p.id === state.self?.id) : undefined;
  const self = me && state.self ? { ...state.self, displayName: me.displayName, status: me.status } : state.self;
  const others = new Map(participants.filter((p) => p.id !== self?.id).map((p) => [p.id, p]));
  const kept = new Set([...state.kept].filter((id) => !others.has(id)));
  if (self?.status === 'admitted' && !context.ended) {
    for (const [id, previous] of state.others) {
      if (others.has(id) || previous.status !== 'admitted' || !context.linkUp(id)) continue;
      others.set(id, { ...previous, online: false });
      kept.add(id);
    }
  }
  return { ...state, self, others, kept };
}

/** Someone joined or changed (status, online flag, media state, name); about us, it updates our own view. */
export function upserted(state: RosterState, participant: Participant): RosterState {
  const kept = without(state.kept, participant.id);
  if (state.self && participant.id === state.self.id) {
    return { ...state, kept, self: { ...state.self, displayName: participant.displayName, status: participant.status } };
  }
  // Map#set keeps an existing participant's place: a rename or media change does not reorder the tiles.
  return { ...state, kept, others: new Map(state.others).set(participant.id, participant) };
}

/** Someone left for good (left, removed, declined, timed out, ended). */
export function left(state: RosterState, participantId: string): RosterState {
  const others = new Map(state.others);
  others.delete(participantId);
  return { ...state, kept: without(state.kept, participantId), others };
}

/** We were let in from the waiting room. */
export function selfAdmitted(state: RosterState): RosterState {
  return state.self ? { ...state, self: { ...state.self, status: 'admitted' } } : state;
}

/** The resume grace of a kept peer is over: dropped unless it came back online meanwhile. */
export function expired(state: RosterState, participantId: string): RosterState {
  const kept = without(state.kept, participantId);
  const peer = state.others.get(participantId);
  if (!peer || peer.online) return { ...state, kept };
  return left({ ...state, kept }, participantId);
}

/** The session is torn down: no kept peer expires any more (they stay as they are shown). */
export function withoutKept(state: RosterState): RosterState {
  return state.kept.size === 0 ? state : { ...state, kept: new Set() };
}

/** Remembers the names of the admitted others and, with `self`, our own (see {@link RosterState.names}). */
export function withNames(state: RosterState, self: boolean): RosterState {
  const seen = admittedOthers(state).map((p) => p.displayName);
  if (self && state.self) seen.push(state.self.displayName);
  if (seen.every((name) => state.names.has(name))) return state;
  return { ...state, names: new Set([...state.names, ...seen]) };
}

/**
 * Others whose signaling socket is back: shown offline before, online now. The server dropped what was
 * relayed to them meanwhile.
 */
export function cameBack(before: RosterState, after: RosterState): string[] {
  return [...after.others.values()].filter((p) => p.online && before.others.get(p.id)?.online === false).map((p) => p.id);
}

/** The others we have (or will have) a peer link to once admitted ourselves, in roster order. */
export function admittedOthers(state: RosterState): Participant[] {
  return [...state.others.values()].filter((p) => p.status === 'admitted');
}

function without(ids: ReadonlySet<string>, id: string): ReadonlySet<string> {
  if (!ids.has(id)) return ids;
  const rest = new Set(ids);
  rest.delete(id);
  return rest;
}
