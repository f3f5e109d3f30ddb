import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { createBrowserCallSession, type CallSession, type CallSessionOptions, type CallSnapshot } from '../../call';
import { readBandwidthMode } from './bandwidthPreference';

declare global {
  interface Window {
    /**
     * The running call session, for end-to-end tests and support only (e.g.
     * `__sprechzimmerCall.rtcStats(participantId)`); see web/README.md. Never used by the app itself.
     */
    __sprechzimmerCall?: CallSession;
  }
}

interface Entry {
  session: CallSession;
  users: number;
  timer: ReturnType<typeof setTimeout> | null;
}

/** Sessions by key; one per page and consultation. Survives React's development double effects. */
const sessions = new Map<string, Entry>();

const resumeKey = (key: string) => `sprechzimmer.resume.${key}`;

function readResumeToken(key: string): string | null {
  try {
    return window.sessionStorage.getItem(resumeKey(key));
  } catch {
    return null;
  }
}

function writeResumeToken(key: string, token: string | null): void {
  try {
    if (token) window.sessionStorage.setItem(resumeKey(key), token);
    else window.sessionStorage.removeItem(resumeKey(key));
  } catch {
    // Storage blocked: a reload then joins as new (the server still knows an admitted guest).
  }
}

/**
 * The call session of this page, created on first use with `options` and destroyed when the
 * component using it goes away. The signaling resume token is kept in sessionStorage (this tab only),
 * so that a reload gets its place back without a second admission.
 */
export function useCallSession(key: string, options: () => Partial<CallSessionOptions>): CallSession {
  const optionsRef = useRef(options);
  optionsRef.current = options;
  let entry = sessions.get(key);
  if (!entry) {
    const session = createBrowserCallSession({ resumeToken: readResumeToken(key), bandwidthMode: readBandwidthMode(), ...optionsRef.current() });
    entry = { session, users: 0, timer: null };
    sessions.set(key, entry);
  }
  const { session } = entry;

  useEffect(() => {
    const current = sessions.get(key);
    if (!current) return;
    current.users += 1;
    if (current.timer) clearTimeout(current.timer);
    current.timer = null;
    window.__sprechzimmerCall = current.session;
    let lastToken = current.session.resumeToken;
    const unsubscribe = current.session.subscribe(() => {
      const snapshot = current.session.getSnapshot();
      const token = snapshot.state === 'ended' ? null : current.session.resumeToken;
      if (token !== lastToken) {
        lastToken = token;
        writeResumeToken(key, token);
      }
    });
    return () => {
      unsubscribe();
      current.users -= 1;
      if (current.users > 0) return;
      // Deferred: React (development) unmounts and mounts again at once; only a real unmount ends the call.
      current.timer = setTimeout(() => {
        if (current.users > 0) return;
        sessions.delete(key);
        current.session.destroy();
        if (window.__sprechzimmerCall === current.session) delete window.__sprechzimmerCall;
      }, 0);
    };
  }, [key]);

  return session;
}

export function useCallSnapshot(session: CallSession): CallSnapshot {
  return useSyncExternalStore(session.subscribe, session.getSnapshot);
}

/** Warns before the page is closed or reloaded while the chat holds something (P-11). */
export function useUnloadWarning(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers need a returnValue; the text itself is never shown.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [active]);
}

/** Milliseconds since `since` (re-rendered every second while `since` is set). */
export function useElapsed(since: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (since === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [since]);
  return since === null ? 0 : Math.max(0, now - since);
}

/** True while the viewport matches a media query (e.g. a phone-sized screen). */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (listener) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', listener);
      return () => list.removeEventListener('change', listener);
    },
    () => window.matchMedia(query).matches,
  );
}

/** Puts a class on <body> while mounted (the call hides the site header and footer). */
export function useBodyClass(name: string, active = true): void {
  useEffect(() => {
    if (!active) return;
    document.body.classList.add(name);
    return () => document.body.classList.remove(name);
  }, [name, active]);
}

/**
 * While the signaling socket keeps failing to reconnect, asks the server (REST) every few seconds
 * whether our place still exists; a refused upgrade (link revoked, consultation ended while we were
 * away) never reaches the engine as a close code. `check` resolves true when the place is gone.
 */
export function useGoneWhileReconnecting(reconnecting: boolean, check: () => Promise<boolean>, onGone: () => void): void {
  const checkRef = useRef(check);
  checkRef.current = check;
  const goneRef = useRef(onGone);
  goneRef.current = onGone;
  useEffect(() => {
    if (!reconnecting) return;
    let cancelled = false;
    const timer = setInterval(() => {
      checkRef.current().then(
        (gone) => {
          if (gone && !cancelled) goneRef.current();
        },
        () => undefined,
      );
    }, 5000);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [reconnecting]);
}

/**
 * Moves focus to the page's heading when a step of the flow appears without a navigation (device
 * check → waiting room → call → end), so that screen readers start reading at the new step.
 */
export function useFocusHeadingOnMount(): void {
  useEffect(() => {
    const heading = document.querySelector<HTMLElement>('main h1');
    if (heading && !heading.contains(document.activeElement)) heading.focus({ preventScroll: true });
  }, []);
}
