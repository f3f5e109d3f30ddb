import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { ConsultationView } from '../../../common/api/consultations';
import { fetchIceConfiguration, signalingUrl, type CallSession } from '../../call';
import { ApiError } from '../api/client';
import { endConsultation, getConsultation } from '../api/consultations';
import { FormAlert, Spinner } from '../components/feedback';
import { Page } from '../components/Page';
import { SaveGuestsAfterCall } from '../pages/contacts/SaveGuestsAfterCall';
import { MissedWhileBusy } from '../presence/MissedWhileBusy';
import { useSession } from '../session/session';
import { hostIceUrl } from './api';
import { playChime, playNotification } from './audio';
import { CallView, type PanelName } from './CallView';
import { EndedView } from './EndedView';
import { HostPanel } from './HostPanel';
import { newArrivals, roomScreen, waitingRoom } from './model';
import { useCallSession, useCallSnapshot, useGoneWhileReconnecting, useUnloadWarning } from './useCall';
import './room.css';

function HostCall({ consultation, onConsultationChanged }: { consultation: ConsultationView; onConsultationChanged: (view: ConsultationView) => void }) {
  const { t } = useTranslation();
  const id = consultation.id;
  const session: CallSession = useCallSession(`host:${id}`, () => ({
    signalingUrl: signalingUrl(window.location, `/api/signaling?consultation=${encodeURIComponent(id)}`),
    iceConfiguration: fetchIceConfiguration(hostIceUrl(id)),
    mode: consultation.mode,
  }));
  const snapshot = useCallSnapshot(session);
  const [ending, setEnding] = useState(false);
  const [endError, setEndError] = useState<unknown>(undefined);
  const [endedByMe, setEndedByMe] = useState(false);
  const [requestedPanel, setRequestedPanel] = useState<{ panel: PanelName; at: number } | null>(null);
  useUnloadWarning(snapshot.hasUnsavedContent);

  // Camera, microphone and the signaling socket at once: the host goes straight into the room.
  useEffect(() => {
    void session.startMedia();
    session.join();
  }, [session]);

  // Someone entered the waiting room: a chime, a visible notice and an announcement.
  const arrivedAt = useRef(new Map<string, number>());
  const [arrivals, setArrivals] = useState<string[]>([]);
  useEffect(() => {
    const before = new Set(arrivedAt.current.keys());
    const fresh = newArrivals(before, snapshot.participants);
    const waitingIds = new Set(waitingRoom(snapshot.participants).map((p) => p.id));
    for (const key of [...arrivedAt.current.keys()]) if (!waitingIds.has(key)) arrivedAt.current.delete(key);
    if (fresh.length === 0) {
      setArrivals((current) => {
        const next = current.filter((key) => waitingIds.has(key));
        return next.length === current.length ? current : next;
      });
      return;
    }
    for (const key of fresh) arrivedAt.current.set(key, Date.now());
    setArrivals((current) => [...current.filter((key) => waitingIds.has(key)), ...fresh]);
    playNotification(playChime(snapshot.local.selected.audiooutput), 'waiting-room chime');
  }, [snapshot.participants, snapshot.local.selected.audiooutput]);

  async function endForEveryone(): Promise<void> {
    setEnding(true);
    setEndError(undefined);
    try {
      await endConsultation(id);
      setEndedByMe(true);
      // The server tells every socket; should ours have missed it, leave by ourselves.
      session.leave();
    } catch (error) {
      if (error instanceof ApiError && (error.code === 'not_found' || error.code === 'consultation_ended')) {
        setEndedByMe(true);
        session.leave();
      } else setEndError(error);
    } finally {
      setEnding(false);
    }
  }

  // Ended elsewhere (another tab, the retention job) while our socket was away: the upgrade is refused.
  useGoneWhileReconnecting(
    snapshot.signaling === 'reconnecting',
    () =>
      getConsultation(id).then(
        (view) => view.status === 'ended',
        (error: unknown) => error instanceof ApiError && error.code === 'not_found',
      ),
    () => {
      setEndedByMe(true);
      session.leave();
    },
  );

  const screen = roomScreen(snapshot);
  if (screen === 'ended' || screen === 'failed') {
    return (
      <EndedView
        session={session}
        snapshot={snapshot}
        role="host"
        consultationId={id}
        endedByHost={endedByMe}
        onRejoin={() => window.location.reload()}
        afterCall={
          <>
            <MissedWhileBusy />
            <SaveGuestsAfterCall guests={consultation.invitations} />
          </>
        }
      />
    );
  }
  const waiting = waitingRoom(snapshot.participants);
  const names = arrivals.map((key) => waiting.find((p) => p.id === key)?.displayName).filter((name): name is string => Boolean(name));
  const notice =
    names.length > 0 ? (
      <div className="call-banner call-banner-notice" role="status">
        <span>{t('room.host.arrived', { names: names.join(', '), count: names.length })}</span>
        <button
          type="button"
          className="button button-small button-primary"
          onClick={() => {
            setRequestedPanel({ panel: 'host', at: Date.now() });
            setArrivals([]);
          }}
        >
          {t('room.host.openWaiting')}
        </button>
        <button type="button" className="button button-small button-secondary" onClick={() => setArrivals([])}>
          {t('room.host.dismiss')}
        </button>
      </div>
    ) : null;

  return (
    <CallView
      session={session}
      snapshot={snapshot}
      title={t('room.host.title')}
      chatMail={{ kind: 'host', consultationId: id }}
      requestedPanel={requestedPanel}
      host={{
        waitingCount: waiting.length,
        notice,
        ending,
        onEndForEveryone: () => void endForEveryone(),
        panel: (
          <HostPanel
            session={session}
            snapshot={snapshot}
            consultation={consultation}
            arrivedAt={arrivedAt.current}
            onConsultationChanged={onConsultationChanged}
            onEndForEveryone={() => void endForEveryone()}
            ending={ending}
            endError={endError}
          />
        ),
      }}
    />
  );
}

/** `/consultations/:id/room`: the logged-in host's call with the waiting room. */
export function HostRoomPage() {
  const { account } = useSession();
  if (account && !account.abilities.holdsConsultations) return <StaffNotInCalls />;
  return <HostRoom />;
}

/** Practice staff organise consultations but never take part in them (Anlage 31b). */
function StaffNotInCalls() {
  const { t } = useTranslation();
  return (
    <Page title={t('room.host.staffTitle')} width="narrow">
      <p>{t('room.host.staffText')}</p>
      <p>
        <Link to="/dashboard" className="button button-primary">
          {t('room.end.toDashboard')}
        </Link>
      </p>
    </Page>
  );
}

function HostRoom() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [state, setState] = useState<{ kind: 'loading' } | { kind: 'ready'; consultation: ConsultationView } | { kind: 'error'; error: unknown }>({
    kind: 'loading',
  });
  useEffect(() => {
    let cancelled = false;
    setState({ kind: 'loading' });
    getConsultation(id).then(
      (consultation) => !cancelled && setState({ kind: 'ready', consultation }),
      (error: unknown) => !cancelled && setState({ kind: 'error', error }),
    );
    return () => {
      cancelled = true;
    };
  }, [id]);

  if (state.kind === 'loading') {
    return (
      <Page title={t('room.host.title')}>
        <Spinner label={t('common.loading')} />
      </Page>
    );
  }
  if (state.kind === 'error') {
    const missing = state.error instanceof ApiError && (state.error.code === 'not_found' || state.error.code === 'validation_failed');
    return (
      <Page title={missing ? t('room.host.notFoundTitle') : t('room.host.title')} width="narrow">
        {missing ? <p>{t('room.host.notFound')}</p> : <FormAlert error={state.error} />}
        <p>
          <Link to="/dashboard" className="button button-primary">
            {t('room.end.toDashboard')}
          </Link>
        </p>
      </Page>
    );
  }
  if (state.consultation.status === 'ended') {
    return (
      <Page title={t('room.end.ended.title')} width="narrow">
        <p>{t('room.end.ended.hostText')}</p>
        <div className="actions">
          <Link to="/dashboard" className="button button-primary">
            {t('room.end.toDashboard')}
          </Link>
          <Link to="/activity" className="button button-secondary">
            {t('room.end.toActivity')}
          </Link>
        </div>
      </Page>
    );
  }
  return (
    <HostCall
      key={state.consultation.id}
      consultation={state.consultation}
      onConsultationChanged={(consultation) => setState({ kind: 'ready', consultation })}
    />
  );
}
