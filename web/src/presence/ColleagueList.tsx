import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { RING_TIMEOUT_MS, type CallOutcome, type Colleague } from '../../../common/presence';
import type { CallMode } from '../../../common/signaling';
import { ApiError } from '../api/client';
import { callColleague, cancelCall, setDoNotDisturb } from '../api/colleagues';
import { Notice, Spinner } from '../components/feedback';
import { errorText } from '../components/fieldProblems';
import { MissedWhileBusy } from './MissedWhileBusy';
import { usePresence, usePresenceClient } from './PresenceProvider';
import '../pages/consultations/consultations.css';
import './presence.css';

/** How much longer than the ring the caller's page waits for the server's word. */
const RING_GRACE_MS = 5_000;

type Outgoing =
  | { state: 'starting'; colleague: Colleague }
  | { state: 'ringing'; colleague: Colleague; callId: string; consultationId: string }
  | { state: 'ended'; colleague: Colleague; outcome: Exclude<CallOutcome, 'accepted'> }
  | { state: 'failed'; colleague: Colleague; error: unknown };

/** The call being placed: ringing until the colleague answers (then into the room), declines or misses it. */
function OutgoingCall({ outgoing, onCancel, onClose }: { outgoing: Outgoing; onCancel: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const titleId = useId();
  useEffect(() => headingRef.current?.focus(), [outgoing.state]);
  const name = outgoing.colleague.displayName;
  // Busy is said at once, in words (Anlage 31b): the colleague is in a consultation or not to be disturbed.
  const failureText = ({ error }: { error: unknown }) =>
    error instanceof ApiError && error.code === 'colleague_busy'
      ? t(error.details.presence === 'do_not_disturb' ? 'colleagues.busyQuiet' : 'colleagues.busy', { name })
      : errorText(t, error);
  return (
    <section className="outgoing-call panel" aria-labelledby={titleId}>
      <h3 id={titleId} ref={headingRef} tabIndex={-1}>
        {outgoing.state === 'ringing' || outgoing.state === 'starting' ? t('colleagues.outgoing.calling', { name }) : t('colleagues.outgoing.endedTitle')}
      </h3>
      {outgoing.state === 'ringing' || outgoing.state === 'starting' ? <Spinner label={t('colleagues.outgoing.waiting')} /> : null}
      {outgoing.state === 'ended' ? <p role="status">{t(`colleagues.outgoing.${outgoing.outcome}`, { name })}</p> : null}
      {outgoing.state === 'failed' ? (
        <Notice tone="warning">
          <p role="status">{failureText(outgoing)}</p>
        </Notice>
      ) : null}
      <div className="actions">
        {outgoing.state === 'ringing' ? (
          <button type="button" className="button button-danger" onClick={onCancel}>
            {t('colleagues.outgoing.hangUp')}
          </button>
        ) : outgoing.state === 'starting' ? null : (
          <button type="button" className="button button-secondary" onClick={onClose}>
            {t('colleagues.outgoing.close')}
          </button>
        )}
      </div>
    </section>
  );
}

/**
 * The colleagues of the organisation with presence (online, in a call, away) and a call button
 * (P-07). Names only, like in a call (P-16).
 */
export function ColleagueList({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = usePresenceClient();
  const { colleagues, connection, doNotDisturb } = usePresence();
  const [switching, setSwitching] = useState(false);
  const [switchError, setSwitchError] = useState<unknown>(undefined);
  const [outgoing, setOutgoing] = useState<Outgoing | null>(null);
  const headingId = useId();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';

  useEffect(() => {
    if (!client || outgoing?.state !== 'ringing') return undefined;
    return client.onCallEnded((callId, outcome) => {
      if (callId !== outgoing.callId) return;
      if (outcome === 'accepted') void navigate(`/consultations/${outgoing.consultationId}/room`);
      else setOutgoing({ state: 'ended', colleague: outgoing.colleague, outcome });
    });
  }, [client, outgoing, navigate]);

  // The server says "missed" after the ring time; should that word be lost (the process that rang
  // went down), the caller's page stops waiting shortly after all the same.
  useEffect(() => {
    if (outgoing?.state !== 'ringing') return undefined;
    const timer = setTimeout(() => setOutgoing({ state: 'ended', colleague: outgoing.colleague, outcome: 'missed' }), RING_TIMEOUT_MS + RING_GRACE_MS);
    return () => clearTimeout(timer);
  }, [outgoing]);

  if (!client) return null;

  async function switchDoNotDisturb(on: boolean): Promise<void> {
    setSwitching(true);
    setSwitchError(undefined);
    try {
      // The socket confirms the stored state to every tab; this tab waits for that like the others.
      await setDoNotDisturb(on);
    } catch (error) {
      setSwitchError(error);
    } finally {
      setSwitching(false);
    }
  }

  async function call(colleague: Colleague, mode: CallMode): Promise<void> {
    setOutgoing({ state: 'starting', colleague });
    try {
      const placed = await callColleague(colleague.id, mode);
      setOutgoing({ state: 'ringing', colleague, ...placed });
    } catch (error) {
      setOutgoing({ state: 'failed', colleague, error });
    }
  }

  async function hangUp(): Promise<void> {
    if (outgoing?.state !== 'ringing') return;
    const { colleague, callId } = outgoing;
    setOutgoing({ state: 'ended', colleague, outcome: 'cancelled' });
    try {
      await cancelCall(callId);
    } catch (error) {
      // Answered, declined or timed out in the meantime: the presence channel reports how it ended.
      if (error instanceof ApiError && error.code === 'call_not_ringing') return;
      // Otherwise it may still ring at the colleague's: say so rather than show "cancelled".
      setOutgoing({ state: 'failed', colleague, error });
    }
  }

  return (
    <section className="colleagues" aria-labelledby={headingId}>
      <Heading id={headingId}>{t('colleagues.title')}</Heading>
      <MissedWhileBusy />
      <div className="do-not-disturb">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={doNotDisturb === true}
            disabled={doNotDisturb === null || switching}
            aria-describedby={`${headingId}-dnd`}
            onChange={(event) => void switchDoNotDisturb(event.target.checked)}
          />{' '}
          {t('colleagues.doNotDisturb.label')}
        </label>
        <p id={`${headingId}-dnd`} className="form-note">
          {t('colleagues.doNotDisturb.hint')}
        </p>
        {switchError ? (
          <p role="alert" className="form-note">
            {errorText(t, switchError)}
          </p>
        ) : null}
      </div>
      {outgoing ? <OutgoingCall outgoing={outgoing} onCancel={() => void hangUp()} onClose={() => setOutgoing(null)} /> : null}
      {connection === 'connecting' ? <Spinner label={t('common.loading')} /> : null}
      {connection === 'reconnecting' ? (
        <Notice tone="warning">
          <p>{t('colleagues.reconnecting')}</p>
        </Notice>
      ) : null}
      {connection === 'open' && colleagues.length === 0 ? <p>{t('colleagues.empty')}</p> : null}
      <ul className="colleague-list">
        {colleagues.map((colleague) => (
          <li key={colleague.id} className="colleague">
            <span>
              <span className="colleague-name">{colleague.displayName}</span>{' '}
              <span className={`presence presence-${colleague.presence}`}>{t(`colleagues.presence.${colleague.presence}`)}</span>
            </span>
            <button
              type="button"
              className="button button-small button-primary"
              disabled={colleague.presence === 'away' || outgoing?.state === 'ringing' || outgoing?.state === 'starting'}
              aria-label={t('colleagues.callLabel', { name: colleague.displayName })}
              onClick={() => void call(colleague, 'video')}
            >
              {t('colleagues.call')}
            </button>{' '}
            <button
              type="button"
              className="button button-small button-secondary"
              disabled={colleague.presence === 'away' || outgoing?.state === 'ringing' || outgoing?.state === 'starting'}
              aria-label={t('colleagues.audioCallLabel', { name: colleague.displayName })}
              onClick={() => void call(colleague, 'audio')}
            >
              {t('colleagues.audioCall')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
