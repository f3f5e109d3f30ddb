import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { acceptCall, declineCall } from '../api/colleagues';
import { ApiError } from '../api/client';
import { errorText } from '../components/fieldProblems';
import { playNotification, playRing } from '../room/audio';
import { usePresence, usePresenceClient } from './PresenceProvider';
import './presence.css';

const RING_EVERY_MS = 2500;

/**
 * The pages of a call (host room, colleague call, guest join): a ring never appears there
 * (Anlage 31b). The server already refuses calls to someone in a call; this covers the moments on a
 * room page before its socket joins (device check) and a ring that started just before.
 */
export function isRoomPath(pathname: string): boolean {
  return /^\/(consultations\/[^/]+\/room|calls\/[^/]+|join)\/?$/.test(pathname);
}

/**
 * The ring of a colleague's call, on whatever page is open: who calls, answer or decline. It rings
 * audibly where the browser allows sound (after the first click on the page) and is announced to
 * screen readers as an alert dialog.
 */
export function IncomingCall() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = usePresenceClient();
  const { incoming } = usePresence();
  const { pathname } = useLocation();
  const call = isRoomPath(pathname) ? undefined : incoming[0];
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const titleId = useId();
  const answerButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!call) return undefined;
    setError(undefined);
    answerButton.current?.focus();
    playNotification(playRing(), 'ring');
    const timer = setInterval(() => playNotification(playRing(), 'ring'), RING_EVERY_MS);
    return () => clearInterval(timer);
  }, [call]);

  if (!call || !client) return null;

  async function answer(accept: boolean): Promise<void> {
    if (!call || !client) return;
    setBusy(true);
    setError(undefined);
    try {
      if (accept) {
        const answered = await acceptCall(call.callId);
        client.dismiss(call.callId);
        void navigate(`/calls/${answered.consultationId}`);
      } else {
        await declineCall(call.callId);
        client.dismiss(call.callId);
      }
    } catch (caught) {
      // A ring that ended meanwhile (hung up, answered in another tab) simply goes away.
      if (caught instanceof ApiError && (caught.code === 'not_found' || caught.code === 'call_not_ringing')) client.dismiss(call.callId);
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="incoming-call" role="alertdialog" aria-labelledby={titleId} aria-describedby={`${titleId}-text`}>
      <span className="incoming-call-icon" aria-hidden="true" />
      <div className="incoming-call-body">
        <h2 id={titleId}>{t('colleagues.incoming.title')}</h2>
        <p id={`${titleId}-text`}>{t('colleagues.incoming.text', { name: call.fromName })}</p>
        {error ? (
          <p className="incoming-call-error" role="alert">
            {errorText(t, error)}
          </p>
        ) : null}
        <div className="actions">
          <button ref={answerButton} type="button" className="button button-primary" disabled={busy} onClick={() => void answer(true)}>
            {t('colleagues.incoming.accept')}
          </button>
          <button type="button" className="button button-danger" disabled={busy} onClick={() => void answer(false)}>
            {t('colleagues.incoming.decline')}
          </button>
        </div>
      </div>
    </div>
  );
}
