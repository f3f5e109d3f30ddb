import { useSyncExternalStore } from 'react';
import type { SessionAccount, SessionState } from '../../../common/api/accounts';
import { ApiError, loadSession, onSessionState, onUnauthenticated } from '../api/client';

type SessionStatus = 'loading' | 'ready' | 'unavailable';

export interface Session {
  status: SessionStatus;
  account: SessionAccount | null;
  /** Set when the account was lost by a 401 rather than by logging out. */
  expired: boolean;
  /** With status 'unavailable': the server could not be reached at all (no network), not an error answer. */
  offline?: boolean;
  /** The organisation requires a second factor and this person has none yet (issue 12). */
  secondFactorSetupRequired?: boolean;
}

let state: Session = { status: 'loading', account: null, expired: false };
const listeners = new Set<() => void>();

function set(next: Session): void {
  state = next;
  for (const listener of listeners) listener();
}

function ready({ account, secondFactorSetupRequired }: SessionState): void {
  set({ status: 'ready', account, expired: false, secondFactorSetupRequired: secondFactorSetupRequired === true });
}

onSessionState(ready);
onUnauthenticated(() => {
  if (state.account) set({ status: 'ready', account: null, expired: true });
});

/**
 * Loads the login state once at start-up (`loading`: the request startup.ts sent before this module
 * was evaluated, so its answer may have come before anyone listened); also the "try again" button.
 */
export async function startSession(loading: Promise<SessionState> = loadSession()): Promise<void> {
  if (state.status !== 'ready') set({ ...state, status: 'loading' });
  try {
    ready(await loading);
  } catch (error) {
    set({ status: 'unavailable', account: null, expired: false, offline: error instanceof ApiError && error.code === 'network_error' });
  }
}

/**
 * After the profile changed (e.g. a saved form), keep the header and dashboard in step. Only what a
 * session carries belongs here (the caller picks it): a whole profile stays with the page that shows it.
 */
export function replaceAccount(account: SessionAccount): void {
  set({ ...state, account });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession(): Session {
  return useSyncExternalStore(subscribe, () => state);
}
