import { useId, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CallSession, CallSnapshot } from '../../call';
import { Page } from '../components/Page';
import { ChatPanel } from './ChatPanel';
import { endKind } from './model';
import { useFocusHeadingOnMount } from './useCall';

/** After these a guest's place, and with it the invitation's address, still exists (P-11). */
const guestMayStillMail: readonly string[] = ['left', 'iceFailed', 'connectionFailed'];

/**
 * After the call: why it ended (ended by the host, declined, removed, room full, …), and the chat
 * and received files, which can still be saved until the page is left (P-11).
 */
export function EndedView({
  session,
  snapshot,
  role,
  consultationId,
  endedByHost = false,
  onRejoin,
  afterCall = null,
  linkGone = false,
}: {
  session: CallSession;
  snapshot: CallSnapshot;
  /** A colleague (member) leaves to the dashboard like the host; the host and guests may have the chat PDF mailed. */
  role: 'host' | 'member' | 'guest';
  consultationId: string | null;
  endedByHost?: boolean;
  onRejoin?: () => void;
  /**
   * What the host's or a colleague's page adds (calls missed meanwhile, keeping guests as contacts):
   * passed in, so a guest's page never loads those parts.
   */
  afterCall?: ReactNode;
  /** Guest only: the link no longer works, so neither does the chat by e-mail. */
  linkGone?: boolean;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  useFocusHeadingOnMount();
  const kind = endedByHost ? 'ended' : endKind(snapshot.endReason, snapshot.error);
  const hasContent = snapshot.chat.length > 0 || snapshot.transfers.length > 0;
  const text = role === 'host' && kind === 'ended' ? t('room.end.ended.hostText') : t(`room.end.${kind}.text`);
  // Leaving this page loses the chat: ask first (the browser asks on reload and close).
  const confirmLeave = (event: MouseEvent) => {
    if (hasContent && !window.confirm(t('room.end.leaveConfirm'))) event.preventDefault();
  };
  const canRejoin = onRejoin && (kind === 'left' || kind === 'iceFailed' || kind === 'connectionFailed' || kind === 'replaced');
  return (
    <Page title={t(`room.end.${kind}.title`)} width="narrow">
      <div className={kind === 'ended' || kind === 'left' ? 'alert alert-info' : 'alert alert-warning'} role="status">
        <p>{text}</p>
      </div>
      <div className="actions">
        {canRejoin ? (
          <button type="button" className="button button-primary" onClick={onRejoin}>
            {t('room.end.rejoin')}
          </button>
        ) : null}
        {role !== 'guest' ? (
          <>
            <Link to="/dashboard" className={canRejoin ? 'button button-secondary' : 'button button-primary'} onClick={confirmLeave}>
              {t('room.end.toDashboard')}
            </Link>
            <Link to="/activity" className="button button-secondary" onClick={confirmLeave}>
              {t('room.end.toActivity')}
            </Link>
          </>
        ) : null}
      </div>
      {afterCall}
      {hasContent ? (
        <section className="panel ended-chat" aria-labelledby={headingId}>
          <h2 id={headingId}>{t('room.end.chatTitle')}</h2>
          <p className="alert alert-warning">{t('room.end.chatWarning')}</p>
          <ChatPanel
            session={session}
            snapshot={snapshot}
            chatMail={
              role === 'host' && consultationId
                ? { kind: 'host', consultationId }
                : role === 'guest'
                  ? { kind: 'guest', gone: linkGone || !guestMayStillMail.includes(kind), afterEnd: snapshot.chatMailAfterEnd }
                  : null
            }
            readOnly
            headingId={headingId}
          />
        </section>
      ) : null}
    </Page>
  );
}
