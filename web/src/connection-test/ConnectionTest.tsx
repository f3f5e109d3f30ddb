import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionTestConfiguration } from '../../../common/api/connection-test';
import { createBrowserCallSession, type CallSession } from '../../call';
import { FormAlert, Spinner } from '../components/feedback';
import { DevicePanel } from '../room/DevicePanel';
import { useCallSnapshot } from '../room/useCall';
import type { ConnectionTestLoader } from './api';
import { NetworkCheck } from './NetworkCheck';
import '../room/room.css';

/**
 * A call session of its own that only ever runs the device check: it never connects to signaling,
 * and its camera and microphone stop when the test closes. Not the page's call session, so the
 * guest's real session (and its resume token) stays untouched.
 */
function useDeviceCheckSession(): CallSession | null {
  const [session, setSession] = useState<CallSession | null>(null);
  useEffect(() => {
    const created = createBrowserCallSession();
    setSession(created);
    return () => created.destroy();
  }, []);
  return session;
}

function Devices({ session }: { session: CallSession }) {
  const { t } = useTranslation();
  const snapshot = useCallSnapshot(session);
  const headingId = useId();
  return (
    <section className="connection-test-devices" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('connectionTest.devicesTitle')}</h3>
      <DevicePanel session={session} snapshot={snapshot} variant="check" />
    </section>
  );
}

/**
 * The whole connection test (issue 9 §5): today's device check — camera, microphone, speaker — and
 * the network check. One request gives the test's ICE servers and the consultation's mode, so an
 * audio-only consultation never opens the camera, not even here.
 */
export function ConnectionTest({ load }: { load: ConnectionTestLoader }) {
  const { t } = useTranslation();
  const session = useDeviceCheckSession();
  const [configuration, setConfiguration] = useState<ConnectionTestConfiguration | null>(null);
  const [error, setError] = useState<unknown>(null);
  const loader = useRef(load);
  loader.current = load;

  useEffect(() => {
    if (!session) return;
    let current = true;
    loader.current().then(
      (loaded) => {
        if (!current) return;
        session.prepareMode(loaded.mode);
        void session.startMedia();
        setConfiguration(loaded);
      },
      (failure: unknown) => {
        if (current) setError(failure);
      },
    );
    return () => {
      current = false;
    };
  }, [session]);

  if (error) {
    return (
      <FormAlert error={error}>
        <p>{t('connectionTest.failed')}</p>
      </FormAlert>
    );
  }
  if (!session || !configuration) return <Spinner label={t('connectionTest.loading')} />;
  return (
    <div className="connection-test">
      <Devices session={session} />
      <NetworkCheck load={load} first={configuration} />
    </div>
  );
}
