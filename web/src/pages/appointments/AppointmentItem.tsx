import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { cancelAppointment, confirmAppointment, markNoShow, moveAppointment, type AppointmentView } from '../../api/appointments';
import { FormAlert } from '../../components/feedback';
import { currentLanguage } from '../../i18n';
import { actionsFor, localInputToIso } from './dayModel';

type Open = 'none' | 'cancel' | 'move';

/** One appointment of the day: time, patient, type, state, who waits, and what the practice can do. */
export function AppointmentItem({
  appointment,
  timeZone,
  waiting,
  isHost,
  onChanged,
}: {
  appointment: AppointmentView;
  timeZone: string;
  waiting: number;
  /** The professional themselves opens the room; staff and the representative the consultation's page. */
  isHost: boolean;
  onChanged: (changed: AppointmentView, announcement: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState<Open>('none');
  const [message, setMessage] = useState('');
  const [moveTo, setMoveTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [taken, setTaken] = useState<string | undefined>(undefined);
  // Closing a form returns focus to the button that opened it.
  const cancelButton = useRef<HTMLButtonElement>(null);
  const moveButton = useRef<HTMLButtonElement>(null);
  const tag = currentLanguage() === 'de' ? 'de-DE' : 'en-GB';
  const time = new Intl.DateTimeFormat(tag, { timeZone, hour: '2-digit', minute: '2-digit' });
  const full = new Intl.DateTimeFormat(tag, { timeZone, dateStyle: 'full', timeStyle: 'short' });
  const actions = actionsFor(appointment, new Date());
  const name = appointment.patientName;

  const lastOpen = useRef<Open>('none');
  useEffect(() => {
    // The opener is rendered again once its form is gone (after an action it may be gone for good).
    if (open === 'none' && lastOpen.current !== 'none') (lastOpen.current === 'move' ? moveButton : cancelButton).current?.focus();
    lastOpen.current = open;
  }, [open]);

  const close = () => {
    setOpen('none');
    setError(undefined);
    setTaken(undefined);
  };

  const run = async (action: () => Promise<AppointmentView>, announce: (changed: AppointmentView) => string) => {
    setBusy(true);
    setError(undefined);
    setTaken(undefined);
    try {
      const changed = await action();
      setOpen('none');
      onChanged(changed, announce(changed));
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'slot_taken') {
        const slots = (failure.details.nextSlots ?? '').split(',').filter(Boolean);
        setTaken(t('appointments.moveTaken', { slots: slots.map((slot) => full.format(new Date(slot))).join('; ') }));
      } else {
        setError(failure);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <article className={`appointment appointment-${appointment.status}`} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="appointment-title">
        <span className="appointment-time">
          {t('appointments.time', { from: time.format(new Date(appointment.startsAt)), to: time.format(new Date(appointment.endsAt)) })}
        </span>{' '}
        {name}
      </h3>
      <p className="appointment-facts">
        {appointment.typeName} · {t(`appointments.status.${appointment.status}`)}
        {appointment.bookedBy === 'practice' ? ` · ${t('appointments.bookedByPractice')}` : ''}
      </p>
      {waiting > 0 && appointment.status === 'booked' ? (
        <p className="appointment-waiting">
          <span className="badge badge-waiting">{t('appointments.waiting')}</span>
        </p>
      ) : null}
      <div className="actions">
        {actions.start && appointment.consultationId ? (
          <Link
            className={waiting > 0 ? 'button button-primary' : 'button button-secondary'}
            to={isHost ? `/consultations/${appointment.consultationId}/room` : `/consultations/${appointment.consultationId}`}
            aria-label={t('appointments.startLabel', { name })}
          >
            {t('appointments.start')}
          </Link>
        ) : null}
        {appointment.status === 'requested' ? (
          <button
            type="button"
            className="button button-primary"
            disabled={busy}
            aria-label={t('appointments.confirmLabel', { name })}
            onClick={() =>
              void run(
                () => confirmAppointment(appointment.id),
                () => t('appointments.confirmed', { name }),
              )
            }
          >
            {t('appointments.confirm')}
          </button>
        ) : null}
        {actions.noShow ? (
          <button
            type="button"
            className="button button-secondary"
            disabled={busy}
            aria-label={t('appointments.noShowLabel', { name })}
            onClick={() =>
              void run(
                () => markNoShow(appointment.id),
                () => t('appointments.noShowDone', { name }),
              )
            }
          >
            {t('appointments.noShow')}
          </button>
        ) : null}
        {actions.move && open === 'none' ? (
          <button
            ref={moveButton}
            type="button"
            className="button button-secondary"
            aria-label={t('appointments.moveLabel', { name })}
            onClick={() => setOpen('move')}
          >
            {t('appointments.move')}
          </button>
        ) : null}
        {actions.cancel && open === 'none' ? (
          <button
            ref={cancelButton}
            type="button"
            className="button button-secondary"
            aria-label={t('appointments.cancelLabel', { name })}
            onClick={() => setOpen('cancel')}
          >
            {t('appointments.cancel')}
          </button>
        ) : null}
      </div>
      {open === 'cancel' ? (
        <form
          className="form appointment-form"
          aria-label={t('appointments.cancelLabel', { name })}
          onSubmit={(event) => {
            event.preventDefault();
            void run(
              () => cancelAppointment(appointment.id, message.trim()),
              () => t('appointments.cancelled', { name }),
            );
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-message`}>{t('appointments.cancelMessage', { name })}</label>
            <p className="field-hint" id={`${id}-message-hint`}>
              {t('appointments.cancelMessageHint')}
            </p>
            <textarea
              id={`${id}-message`}
              rows={3}
              maxLength={500}
              value={message}
              aria-describedby={`${id}-message-hint`}
              onChange={(event) => setMessage(event.target.value)}
            />
          </div>
          <FormAlert error={error} />
          <div className="actions">
            <button type="submit" className="button button-danger" disabled={busy}>
              {t('appointments.cancelConfirm', { name })}
            </button>
            <button type="button" className="button button-secondary" onClick={close}>
              {t('appointments.cancelKeep')}
            </button>
          </div>
        </form>
      ) : null}
      {open === 'move' ? (
        <form
          className="form appointment-form"
          aria-label={t('appointments.moveLabel', { name })}
          onSubmit={(event) => {
            event.preventDefault();
            const startsAt = localInputToIso(moveTo);
            if (!startsAt) return;
            void run(
              () => moveAppointment(appointment.id, startsAt),
              (changed) => t('appointments.moved', { name, when: full.format(new Date(changed.startsAt)) }),
            );
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-move`}>{t('appointments.moveTo')}</label>
            <p className="field-hint" id={`${id}-move-hint`}>
              {t('appointments.moveHint', { name })}
            </p>
            <input
              id={`${id}-move`}
              type="datetime-local"
              step={300}
              required
              value={moveTo}
              aria-describedby={`${id}-move-hint`}
              onChange={(event) => setMoveTo(event.target.value)}
            />
          </div>
          <FormAlert error={error}>{taken ? <p>{taken}</p> : null}</FormAlert>
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {t('appointments.moveSubmit')}
            </button>
            <button type="button" className="button button-secondary" onClick={close}>
              {t('appointments.moveCancel')}
            </button>
          </div>
        </form>
      ) : null}
    </article>
  );
}
