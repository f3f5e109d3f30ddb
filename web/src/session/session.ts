import { useSyncExternalStore } from 'react';
import { sessionAccountResponse, type SessionAccount } from '../../../common/api/accounts';
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

onSessionState(({ account, secondFactorSetupRequired }) =>
  set({ status: 'ready', account, expired: false, secondFactorSetupRequired: secondFactorSetupRequired === true }),
);
onUnauthenticated(() => {
  if (state.account) set({ status: 'ready', account: null, expired: true });
});

/** Loads the login state once at start-up; also used by the "try again" button. */
export async function startSession(): Promise<void> {
  if (state.status !== 'ready') set({ ...state, status: 'loading' });
  try {
    await loadSession();
  } catch (error) {
    set({ status: 'unavailable', account: null, expired: false, offline: error instanceof ApiError && error.code === 'network_error' });
  }
}

/**
 * After the profile changed (e.g. a saved form), keep the header and dashboard in step. Only what a
 * session carries is kept here: a whole profile (address, phone) stays with the page that shows it.
 */
export function replaceAccount(account: SessionAccount): void {
  set({ ...state, account: sessionAccountResponse.parse(account) });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession(): Session {
  return useSyncExternalStore(subscribe, () => state);
}
