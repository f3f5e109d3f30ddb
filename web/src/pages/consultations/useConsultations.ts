import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConsultationView } from '../../../../common/api/consultations';
import { describeChanges, type GuestChange } from './model';

/** How often open consultations are asked for while the page is visible. */
const POLL_INTERVAL_MS = 5_000;
/** How long a guest's row stays highlighted after a change. */
const HIGHLIGHT_MS = 6_000;

/**
 * Runs `poll` at once and then every `intervalMs` while the page is visible; a hidden tab asks
 * nothing and catches up as soon as it is shown again. Polls never overlap.
 */
function useVisiblePolling(poll: () => Promise<void>, intervalMs: number, enabled = true): void {
  const pollRef = useRef(poll);
  pollRef.current = poll;
  useEffect(() => {
    if (!enabled) return;
    let timer: number | undefined;
    let stopped = false;
    let running = false;
    async function tick(): Promise<void> {
      window.clearTimeout(timer);
      if (stopped || running || document.visibilityState !== 'visible') return;
      running = true;
      try {
        await pollRef.current();
      } finally {
        running = false;
      }
      if (!stopped && document.visibilityState === 'visible') timer = window.setTimeout(() => void tick(), intervalMs);
    }
    function onVisibilityChange(): void {
      if (document.visibilityState === 'visible') void tick();
      else window.clearTimeout(timer);
    }
    document.addEventListener('visibilitychange', onVisibilityChange);
    void tick();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibilityChange);
    };
  }, [intervalMs, enabled]);
}

export interface ConsultationsState {
  /** Undefined until the first answer. */
  consultations: ConsultationView[] | undefined;
  /** The last failed poll; cleared by the next good one. */
  error: unknown;
  /** Changes seen by the latest poll, for the live region. */
  changes: GuestChange[];
  /** Invitations whose row is highlighted for a moment. */
  highlighted: ReadonlySet<string>;
  /** Puts the answer of an action in place (so that it is not announced as news). */
  replace: (view: ConsultationView) => void;
  remove: (id: string) => void;
  reload: () => Promise<void>;
}

/**
 * Keeps a list of the host's consultations fresh by polling, and tells what changed between polls:
 * who entered the waiting room, was let in, or left.
 */
export function useConsultations(load: () => Promise<ConsultationView[]>, enabled = true): ConsultationsState {
  const [consultations, setConsultations] = useState<ConsultationView[] | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [changes, setChanges] = useState<GuestChange[]>([]);
  const [highlighted, setHighlighted] = useState<ReadonlySet<string>>(new Set());
  const latest = useRef<ConsultationView[] | undefined>(undefined);
  /** Bumped by every local change, so that a poll that started before it cannot undo it. */
  const generation = useRef(0);
  const timers = useRef(new Set<number>());
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending) window.clearTimeout(timer);
    };
  }, []);

  const apply = useCallback((next: ConsultationView[], announce: boolean) => {
    const found = announce ? describeChanges(latest.current, next) : [];
    latest.current = next;
    setConsultations(next);
    if (found.length === 0) return;
    setChanges(found);
    const ids = found.map((change) => change.invitationId);
    setHighlighted((current) => new Set([...current, ...ids]));
    const timer = window.setTimeout(() => {
      timers.current.delete(timer);
      setHighlighted((current) => new Set([...current].filter((id) => !ids.includes(id))));
    }, HIGHLIGHT_MS);
    timers.current.add(timer);
  }, []);

  const reload = useCallback(async () => {
    const started = generation.current;
    try {
      const next = await loadRef.current();
      if (generation.current !== started) return;
      setError(undefined);
      apply(next, true);
    } catch (failure) {
      if (generation.current === started) setError(failure);
    }
  }, [apply]);

  useVisiblePolling(reload, POLL_INTERVAL_MS, enabled);

  const replace = useCallback(
    (view: ConsultationView) => {
      generation.current += 1;
      const current = latest.current ?? [];
      const exists = current.some((item) => item.id === view.id);
      apply(exists ? current.map((item) => (item.id === view.id ? view : item)) : [view, ...current], false);
    },
    [apply],
  );

  const remove = useCallback(
    (id: string) => {
      generation.current += 1;
      apply(
        (latest.current ?? []).filter((item) => item.id !== id),
        false,
      );
    },
    [apply],
  );

  return { consultations, error, changes, highlighted, replace, remove, reload };
}
