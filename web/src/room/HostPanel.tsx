import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_INVITATIONS, type ConsultationView } from '../../../common/api/consultations';
import { MAX_PARTICIPANTS, MAX_WAITING_MESSAGE_LENGTH } from '../../../common/signaling';
import type { CallSession, CallSnapshot, ParticipantView } from '../../call';
import { FormAlert, SubmitButton } from '../components/feedback';
import { currentLanguage } from '../i18n';
import { AddGuestMessages, useAddGuestForm } from '../pages/consultations/addGuest';
import { GuestFields } from '../pages/consultations/fields';
import { inCall, invitedNameNote, waitingRoom } from './model';

const timeFormat = () => new Intl.DateTimeFormat(currentLanguage() === 'en' ? 'en-GB' : 'de-DE', { hour: '2-digit', minute: '2-digit' });

function WaitingGuest({
  participant,
  since,
  session,
  sent,
  onSent,
}: {
  participant: ParticipantView;
  since: number | undefined;
  session: CallSession;
  sent: string[];
  onSent: (text: string) => void;
}) {
  const { t } = useTranslation();
  const inputId = useId();
  const counterId = useId();
  const [text, setText] = useState('');
  const [declining, setDeclining] = useState(false);
  const name = participant.displayName;

  function send(message: string, event?: FormEvent): void {
    event?.preventDefault();
    const trimmed = message.trim().slice(0, MAX_WAITING_MESSAGE_LENGTH);
    if (!trimmed) return;
    session.sendWaitingMessage(participant.id, trimmed);
    onSent(trimmed);
    setText('');
  }

  return (
    <li className="waiting-guest">
      <p className="waiting-name">
        <strong>{name}</strong>
        <InvitedAs participant={participant} />
        {since ? <span className="waiting-since"> {t('room.host.waitingSince', { time: timeFormat().format(since) })}</span> : null}
        {participant.online ? null : <span className="tile-chip">{t('room.tile.offline')}</span>}
      </p>
      {declining ? (
        <div className="confirm" role="group" aria-label={t('room.host.declineConfirm', { name })}>
          <p>{t('room.host.declineConfirm', { name })}</p>
          <div className="actions">
            <button type="button" className="button button-danger" onClick={() => session.decline(participant.id)}>
              {t('room.host.declineYes')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setDeclining(false)}>
              {t('room.host.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button
            type="button"
            className="button button-primary"
            onClick={() => session.admit(participant.id)}
            aria-label={t('room.host.admitNamed', { name })}
          >
            {t('room.host.admit')}
          </button>
          <button type="button" className="button button-secondary" onClick={() => setDeclining(true)} aria-label={t('room.host.declineNamed', { name })}>
            {t('room.host.decline')}
          </button>
        </div>
      )}
      <form className="waiting-message-form" onSubmit={(event) => send(text, event)}>
        <label htmlFor={inputId}>{t('room.host.messageTo', { name })}</label>
        <div className="inline-form">
          <input
            id={inputId}
            type="text"
            value={text}
            maxLength={MAX_WAITING_MESSAGE_LENGTH}
            onChange={(event) => setText(event.target.value)}
            aria-describedby={counterId}
          />
          <button type="submit" className="button button-secondary" disabled={!text.trim()} aria-label={t('room.host.sendMessageNamed', { name })}>
            {t('room.host.sendMessage')}
          </button>
        </div>
        <p id={counterId} className="field-hint">
          {t('room.host.messageLimit', { count: MAX_WAITING_MESSAGE_LENGTH - text.length })}
        </p>
        <div className="quick-replies">
          {(['quickMoment', 'quickFive'] as const).map((key) => (
            <button key={key} type="button" className="button button-small button-secondary" onClick={() => send(t(`room.host.${key}`))}>
              {t(`room.host.${key}`)}
            </button>
          ))}
        </div>
      </form>
      {sent.length > 0 ? (
        <ul className="waiting-sent" aria-label={t('room.host.sentTo', { name })}>
          {sent.map((message, index) => (
            <li key={`${index}:${message}`}>{t('room.host.sent', { text: message })}</li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** "invited as Max Muster" beside a name the guest typed differently. */
function InvitedAs({ participant }: { participant: ParticipantView }) {
  const { t } = useTranslation();
  const invited = invitedNameNote(participant);
  return invited ? <span className="invited-as field-hint"> {t('room.host.invitedAs', { name: invited })}</span> : null;
}

function InCallList({ session, snapshot }: { session: CallSession; snapshot: CallSnapshot }) {
  const { t } = useTranslation();
  const [removing, setRemoving] = useState<string | null>(null);
  const admitted = inCall(snapshot.participants);
  return (
    <ul className="in-call-list">
      <li>
        <span>{snapshot.self?.displayName ?? ''}</span> <span className="field-hint">{t('room.host.youHost')}</span>
      </li>
      {admitted.map((participant) => (
        <li key={participant.id}>
          <span>{participant.displayName}</span>
          <InvitedAs participant={participant} />
          {removing === participant.id ? (
            <span className="confirm">
              <span>{t('room.host.removeConfirm', { name: participant.displayName })}</span>{' '}
              <button type="button" className="button button-small button-danger" onClick={() => session.remove(participant.id)}>
                {t('room.host.removeYes')}
              </button>{' '}
              <button type="button" className="button button-small button-secondary" onClick={() => setRemoving(null)}>
                {t('room.host.cancel')}
              </button>
            </span>
          ) : participant.role === 'host' ? null : (
            <button
              type="button"
              className="button button-small button-secondary"
              onClick={() => setRemoving(participant.id)}
              aria-label={t('room.host.removeNamed', { name: participant.displayName })}
            >
              {t('room.host.remove')}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

function InviteGuest({ consultation, onChanged }: { consultation: ConsultationView; onChanged: (view: ConsultationView) => void }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [open, setOpen] = useState(false);
  const { form, message, setMessage, sms } = useAddGuestForm({ consultation, onChanged, onAdded: () => setOpen(false) });
  if (consultation.invitations.length >= MAX_INVITATIONS) {
    return <p className="form-note">{t('consultations.maxGuests', { count: MAX_INVITATIONS })}</p>;
  }
  return (
    <div className="invite-guest">
      <AddGuestMessages message={message} />
      {open ? (
        <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="form form-compact" aria-labelledby={headingId}>
          <h4 id={headingId}>{t('room.host.inviteTitle')}</h4>
          <GuestFields prefix="guest." field={form.field} sms={sms} />
          <FormAlert error={form.formError} checkFields={form.checkFields} />
          <div className="actions">
            <SubmitButton busy={form.busy}>{t('room.host.inviteSubmit')}</SubmitButton>
            <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>
              {t('room.host.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <button
          type="button"
          className="button button-secondary"
          aria-expanded={false}
          onClick={() => {
            setMessage(undefined);
            setOpen(true);
          }}
        >
          {t('room.host.invite')}
        </button>
      )}
    </div>
  );
}

/**
 * The host's panel: who waits (admit, decline, a short text), who is in the call (remove), the
 * room-full notices, inviting another guest, and ending the consultation for everyone.
 */
export function HostPanel({
  session,
  snapshot,
  consultation,
  arrivedAt,
  onConsultationChanged,
  onEndForEveryone,
  ending,
  endError,
}: {
  session: CallSession;
  snapshot: CallSnapshot;
  consultation: ConsultationView;
  arrivedAt: ReadonlyMap<string, number>;
  onConsultationChanged: (view: ConsultationView) => void;
  onEndForEveryone: () => void;
  ending: boolean;
  endError: unknown;
}) {
  const { t } = useTranslation();
  const [sent, setSent] = useState<Record<string, string[]>>({});
  const [confirmEnd, setConfirmEnd] = useState(false);
  const waiting = waitingRoom(snapshot.participants);
  // The server refuses a sixth admission (P-13); say so while someone waits and the room is full.
  const roomFull = inCall(snapshot.participants).length + 1 >= MAX_PARTICIPANTS && waiting.length > 0;

  return (
    <div className="host-panel">
      <section aria-labelledby="waiting-heading">
        <h3 id="waiting-heading">{t('room.host.waitingTitle', { number: waiting.length })}</h3>
        {waiting.length === 0 ? <p className="field-hint">{t('room.host.nobodyWaiting')}</p> : null}
        <ul className="waiting-list">
          {waiting.map((participant) => (
            <WaitingGuest
              key={participant.id}
              participant={participant}
              since={arrivedAt.get(participant.id)}
              session={session}
              sent={sent[participant.id] ?? []}
              onSent={(text) => setSent((all) => ({ ...all, [participant.id]: [...(all[participant.id] ?? []), text] }))}
            />
          ))}
        </ul>
        <div role="alert">
          {roomFull ? <p className="alert alert-warning">{t('room.host.roomFullAdmit')}</p> : null}
          {snapshot.refused.map((refusal) => (
            <p key={`${refusal.at}:${refusal.displayName}`} className="alert alert-warning">
              {t('room.host.refused', { name: refusal.displayName, time: timeFormat().format(refusal.at) })}
            </p>
          ))}
        </div>
      </section>

      <section aria-labelledby="in-call-heading">
        <h3 id="in-call-heading">{t('room.host.inCallTitle')}</h3>
        <InCallList session={session} snapshot={snapshot} />
      </section>

      <section aria-labelledby="invite-heading">
        <h3 id="invite-heading">{t('room.host.inviteHeading')}</h3>
        <InviteGuest consultation={consultation} onChanged={onConsultationChanged} />
      </section>

      <section aria-labelledby="end-heading" className="host-end">
        <h3 id="end-heading">{t('room.host.endHeading')}</h3>
        <FormAlert error={endError} />
        {confirmEnd ? (
          <div className="confirm">
            <p>{t('room.host.endConfirm')}</p>
            <div className="actions">
              <button type="button" className="button button-danger" onClick={onEndForEveryone} disabled={ending}>
                {ending ? t('common.sending') : t('room.host.endYes')}
              </button>
              <button type="button" className="button button-secondary" onClick={() => setConfirmEnd(false)}>
                {t('room.host.cancel')}
              </button>
            </div>
          </div>
        ) : (
          <button type="button" className="button button-danger-outline button-secondary" onClick={() => setConfirmEnd(true)}>
            {t('room.host.end')}
          </button>
        )}
      </section>
    </div>
  );
}
