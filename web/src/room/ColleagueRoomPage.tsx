import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { fetchIceConfiguration, signalingUrl, type CallSession } from '../../call';
import { MissedWhileBusy } from '../presence/MissedWhileBusy';
import { CallView } from './CallView';
import { EndedView } from './EndedView';
import { hostIceUrl } from './api';
import { roomScreen } from './model';
import { useCallSession, useCallSnapshot, useUnloadWarning } from './useCall';
import './room.css';

/**
 * `/calls/:id`: a colleague's call that this professional answered (P-07). They come straight in
 * (no waiting room); the caller holds the consultation, so ending it for everyone is the caller's.
 */
export function ColleagueRoomPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const session: CallSession = useCallSession(`member:${id}`, () => ({
    signalingUrl: signalingUrl(window.location, `/api/signaling?consultation=${encodeURIComponent(id)}`),
    iceConfiguration: fetchIceConfiguration(hostIceUrl(id)),
  }));
  const snapshot = useCallSnapshot(session);
  useUnloadWarning(snapshot.hasUnsavedContent);

  useEffect(() => session.join(), [session]);
  // The callee learns the call's mode (P-28) from the welcome: only then are devices asked for, so an
  // audio-only call never opens the camera.
  const welcomed = snapshot.self !== null;
  useEffect(() => {
    if (welcomed) void session.startMedia();
  }, [session, welcomed]);

  const screen = roomScreen(snapshot);
  if (screen === 'ended' || screen === 'failed') {
    return (
      <EndedView
        session={session}
        snapshot={snapshot}
        role="member"
        consultationId={id}
        onRejoin={() => window.location.reload()}
        afterCall={<MissedWhileBusy />}
      />
    );
  }
  return <CallView session={session} snapshot={snapshot} title={t('colleagues.room.title')} chatMail={null} />;
}
