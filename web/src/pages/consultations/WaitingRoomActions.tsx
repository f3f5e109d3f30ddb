import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvitationView } from '../../../../common/api/consultations';
import { ApiError } from '../../api/client';
import { waitingRoomAction, type WaitingRoomAction } from '../../api/consultations';
import { errorText } from '../../components/fieldProblems';
import { InlineConfirm } from '../../components/InlineConfirm';
import { useReturnFocus } from './cardParts';
import type { Announce } from './GuestItem';

const MESSAGE_LIMIT = 280;

/**
 * Practice staff handle a waiting guest through the API — let in, decline, send a short note —
 * and never join the call themselves (there is no way into the room from here).
 */
export function WaitingRoomActions({
  consultationId,
  hostName,
  invitation,
  announce,
  focusGuest,
  onRefresh,
}: {
  consultationId: string;
  hostName: string;
  invitation: InvitationView;
  announce: Announce;
  focusGuest: () => void;
  /** Asks for the consultation again, so that the guest's new place shows at once. */
  onRefresh: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [busy, setBusy] = useState<WaitingRoomAction['kind'] | undefined>(undefined);
  const [confirming, setConfirming] = useState(false);
  const [text, setText] = useState('');
  const [textProblem, setTextProblem] = useState(false);
  const declineFocus = useReturnFocus();
  const name = invitation.guestName;
  const participantId = invitation.participantId;
  if (invitation.status !== 'active' || invitation.participantStatus !== 'waiting' || !participantId) return null;

  async function run(action: WaitingRoomAction): Promise<void> {
    if (!participantId) return;
    setBusy(action.kind);
    try {
      await waitingRoomAction(consultationId, participantId, action);
      if (action.kind === 'admit') announce({ tone: 'success', text: t('staff.admitted', { name, host: hostName }) });
      if (action.kind === 'decline') announce({ tone: 'success', text: t('staff.declined', { name }) });
      if (action.kind === 'message') {
        setText('');
        announce({ tone: 'success', text: t('staff.messageSent', { name }) });
      }
      if (action.kind !== 'message') {
        // These controls go once the guest has left the waiting room: focus goes to the guest's name.
        focusGuest();
        onRefresh();
      }
    } catch (failure) {
      const gone = failure instanceof ApiError && failure.code === 'not_found';
      announce({ tone: 'error', text: gone ? t('staff.notWaiting', { name }) : errorText(t, failure) });
      if (gone) onRefresh();
    } finally {
      setBusy(undefined);
      setConfirming(false);
    }
  }

  function send(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const trimmed = text.trim();
    if (!trimmed) {
      setTextProblem(true);
      return;
    }
    setTextProblem(false);
    void run({ kind: 'message', text: trimmed });
  }

  return (
    <div className="staff-waiting">
      {confirming ? (
        <InlineConfirm
          text={t('staff.declineConfirm', { name })}
          confirmLabel={t('staff.declineYes')}
          busy={busy === 'decline'}
          onConfirm={() => void run({ kind: 'decline' })}
          onCancel={() => {
            declineFocus.request();
            setConfirming(false);
          }}
        />
      ) : (
        <div className="guest-actions">
          <button
            type="button"
            className="button button-primary button-small"
            aria-label={t('staff.admitLabel', { name })}
            onClick={() => void run({ kind: 'admit' })}
            disabled={busy !== undefined}
          >
            {busy === 'admit' ? <span className="spinner" aria-hidden="true" /> : null}
            {t('staff.admit')}
          </button>
          <button
            type="button"
            ref={declineFocus.trigger}
            className="button button-secondary button-small button-danger-outline"
            aria-label={t('staff.declineLabel', { name })}
            onClick={() => setConfirming(true)}
            disabled={busy !== undefined}
          >
            {t('staff.decline')}
          </button>
        </div>
      )}
      <form className="staff-message" onSubmit={send} noValidate>
        <div className={textProblem ? 'field field-invalid' : 'field'}>
          <label htmlFor={`${id}-text`}>{t('staff.message', { name })}</label>
          <p className="field-hint" id={`${id}-hint`}>
            {t('staff.messageHint')}
          </p>
          {textProblem ? (
            <p className="field-error" id={`${id}-error`}>
              {t('staff.messageEmpty')}
            </p>
          ) : null}
          <div className="staff-message-row">
            <input
              id={`${id}-text`}
              type="text"
              value={text}
              maxLength={MESSAGE_LIMIT}
              onChange={(event) => setText(event.target.value)}
              aria-invalid={textProblem || undefined}
              aria-describedby={textProblem ? `${id}-hint ${id}-error` : `${id}-hint`}
            />
            <button
              type="submit"
              className="button button-secondary button-small"
              aria-label={t('staff.messageSendLabel', { name })}
              disabled={busy !== undefined}
            >
              {t('staff.messageSend')}
            </button>
          </div>
        </div>
      </form>
    </div>
  );
}
