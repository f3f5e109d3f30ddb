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
  /**
   * The person sent a request that ends their own login (erasure, restriction), and the page that
   * tells them what happened is not shown yet. The server ends the session before it answers, and
   * the presence socket can report that first: guards wait instead of sending them to the login.
   */
  endingOwnLogin: boolean;
}

type SessionFields = Omit<Session, 'endingOwnLogin'>;

/** What the server said, and what this page is doing about it: published together as `state`. */
let fields: SessionFields = { status: 'loading', account: null, expired: false };
let endingOwnLogin = false;
let state: Session = { ...fields, endingOwnLogin };
const listeners = new Set<() => void>();

function publish(): void {
  state = { ...fields, endingOwnLogin };
  for (const listener of listeners) listener();
}

function set(next: SessionFields): void {
  fields = next;
  publish();
}

function ready({ account, secondFactorSetupRequired }: SessionState): void {
  set({ status: 'ready', account, expired: false, secondFactorSetupRequired: secondFactorSetupRequired === true });
}

onSessionState(ready);
onUnauthenticated(() => {
  if (fields.account) set({ status: 'ready', account: null, expired: true });
});

/**
 * Loads the login state once at start-up (`loading`: the request startup.ts sent before this module
 * was evaluated, so its answer may have come before anyone listened); also the "try again" button.
 */
export async function startSession(loading: Promise<SessionState> = loadSession()): Promise<void> {
  if (fields.status !== 'ready') set({ ...fields, status: 'loading' });
  try {
    ready(await loading);
  } catch (error) {
    set({ status: 'unavailable', account: null, expired: false, offline: error instanceof ApiError && error.code === 'network_error' });
  }
}

/**
 * Runs a request that ends the person's own login. From its start until {@link ownLoginEnded} (the
 * page that follows it is shown), a login that ends is not a reason to go to the login page. A
 * failed request (a wrong password) leaves the login as it was and the flag cleared.
 */
export async function endOwnLogin<T>(send: () => Promise<T>): Promise<T> {
  endingOwnLogin = true;
  publish();
  try {
    return await send();
  } catch (error) {
    ownLoginEnded();
    throw error;
  }
}

/** The page after a request that ended the login is shown (or the request failed). */
export function ownLoginEnded(): void {
  if (!endingOwnLogin) return;
  endingOwnLogin = false;
  publish();
}

/**
 * After the profile changed (e.g. a saved form), keep the header and dashboard in step. Only what a
 * session carries belongs here (the caller picks it): a whole profile stays with the page that shows it.
 */
export function replaceAccount(account: SessionAccount): void {
  set({ ...fields, account });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession(): Session {
  return useSyncExternalStore(subscribe, () => state);
}
