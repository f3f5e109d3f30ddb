import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { matchPath, useLocation } from 'react-router-dom';
import './pwa.css';

/** Pages that hold (or are about to hold) a call: nothing may reload them. */
const callPaths = ['/join', '/consultations/:id/room', '/calls/:id'];

function isCallPath(pathname: string): boolean {
  return callPaths.some((pattern) => matchPath(pattern, pathname) !== null);
}

/**
 * Registers the service worker (production builds only) and reports a new version that is waiting.
 * Only a worker that replaces one already in charge counts: the very first install is no "update".
 */
function useWaitingWorker(onCallPath: boolean): ServiceWorker | undefined {
  const [waiting, setWaiting] = useState<ServiceWorker>();
  const registered = useRef(false);
  useEffect(() => {
    if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
    // Installing the worker downloads the whole app shell. A patient who opens an invitation on a
    // weak link needs every bit for joining and the call, and a guest never installs anything: the
    // worker is registered from the first page that is not a call page.
    if (onCallPath || registered.current) return;
    registered.current = true;
    const container = navigator.serviceWorker;
    let stopped = false;
    const offer = (worker: ServiceWorker | null) => {
      if (worker && container.controller && !stopped) setWaiting(worker);
    };
    container
      .register('/sw.js', { scope: '/' })
      .then((registration) => {
        offer(registration.waiting);
        registration.addEventListener('updatefound', () => {
          const installing = registration.installing;
          installing?.addEventListener('statechange', () => {
            if (installing.state === 'installed') offer(installing);
          });
        });
      })
      .catch((error: unknown) => {
        // The app works without it (no offline start); tell whoever looks at the console why.
        // eslint-disable-next-line no-console -- the only place a failed registration can be seen
        console.warn('service worker not registered', error);
      });
    return () => {
      stopped = true;
    };
  }, [onCallPath]);
  return waiting;
}

/**
 * "A new version is ready": taken at the next start by itself. Outside a call the user may take it
 * now; during a call only the note shows, so a consultation is never reloaded.
 */
export function UpdateNote() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const waiting = useWaitingWorker(isCallPath(pathname));
  const [dismissed, setDismissed] = useState(false);
  if (!waiting || dismissed) return null;
  function updateNow(worker: ServiceWorker): void {
    navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), { once: true });
    worker.postMessage({ type: 'skip-waiting' });
  }
  return (
    <div className="update-note" role="status">
      <p>{t('pwa.updateReady')}</p>
      <div className="update-note-actions">
        {isCallPath(pathname) ? null : (
          <button type="button" className="button button-primary" onClick={() => updateNow(waiting)}>
            {t('pwa.updateNow')}
          </button>
        )}
        <button type="button" className="button" onClick={() => setDismissed(true)}>
          {t('pwa.updateLater')}
        </button>
      </div>
    </div>
  );
}
