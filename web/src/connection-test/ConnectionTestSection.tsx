import { lazy, Suspense, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Spinner } from '../components/feedback';
import type { ConnectionTestLoader } from './api';
import './connection-test.css';

// The call engine and the device check load only when someone starts the test (the dashboard's chunk stays small).
const ConnectionTest = lazy(async () => ({ default: (await import('./ConnectionTest')).ConnectionTest }));

/**
 * Offers the connection test (issue 9 §5) and runs it on request: on the join page before the
 * appointment's window opens, and on the professional's dashboard. Closing it stops the camera.
 */
export function ConnectionTestSection({ intro, load }: { intro: string; load: ConnectionTestLoader }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [open, setOpen] = useState(false);
  return (
    <section className="connection-test-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('connectionTest.title')}</h2>
      <p>{intro}</p>
      {open ? (
        <Suspense fallback={<Spinner label={t('connectionTest.loading')} />}>
          <ConnectionTest load={load} />
        </Suspense>
      ) : null}
      <p>
        <button type="button" className={open ? 'button button-secondary' : 'button button-primary'} onClick={() => setOpen(!open)}>
          {open ? t('connectionTest.close') : t('connectionTest.start')}
        </button>
      </p>
    </section>
  );
}
