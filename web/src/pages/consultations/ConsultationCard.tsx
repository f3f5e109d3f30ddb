import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ContactView } from '../../../../common/api/contacts';
import type { ConsultationView } from '../../../../common/api/consultations';
import { saveGuestAsContact } from '../../api/contacts';
import { endConsultation } from '../../api/consultations';
import { FormAlert, SubmitButton } from '../../components/feedback';
import { InlineConfirm } from '../../components/InlineConfirm';
import { savedContactOf } from '../contacts/model';
import { SaveGuestButton } from '../contacts/SaveGuestButton';
import { AddGuestMessages, useAddGuestForm } from './addGuest';
import { Heading, isGone, useReturnFocus } from './cardParts';
import { GuestFields } from './fields';
import { GuestItem } from './GuestItem';
import { consultationPhase, dateLocale, formatWindow, MAX_INVITATIONS, waitingCount, type Phase } from './model';
import { WaitingRoomActions } from './WaitingRoomActions';

/**
 * Who looks at the card. The host holds the call and may keep guests as contacts; practice staff
 * organise (invite, waiting room) but have no way into the call and cannot end it.
 */
export type CardViewer = { kind: 'host'; contacts: readonly ContactView[] | undefined; onContactSaved: (contact: ContactView) => void } | { kind: 'staff' };

/** The heading level of the card's title: 2 on the consultation's own page, 3 in the dashboard's list. */
type Level = 2 | 3;

const phaseKeys = {
  upcoming: 'consultations.phaseUpcoming',
  open: 'consultations.phaseOpen',
  running: 'consultations.phaseRunning',
  expired: 'consultations.phaseExpired',
} as const satisfies Record<Phase, string>;

function AddGuest({ consultation, onChanged, onGone }: { consultation: ConsultationView; onChanged: (view: ConsultationView) => void; onGone: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const headingId = useId();
  const toggleFocus = useReturnFocus();
  const { form, message, setMessage, sms } = useAddGuestForm({
    consultation,
    onChanged,
    onAdded: () => {
      toggleFocus.request();
      setOpen(false);
    },
    onError: (error) => {
      if (!isGone(error)) return false;
      onGone();
      return true;
    },
  });

  // Focus the first field when the form opens.
  useEffect(() => {
    if (!open) return;
    const element = form.formRef.current?.elements.namedItem('guest.name');
    if (element instanceof HTMLElement) element.focus();
  }, [open, form.formRef]);

  if (consultation.invitations.length >= MAX_INVITATIONS) {
    return <p className="form-note">{t('consultations.maxGuests', { count: MAX_INVITATIONS })}</p>;
  }
  return (
    <div className="add-guest">
      <AddGuestMessages message={message} />
      {open ? (
        <section className="add-guest-form" aria-labelledby={headingId}>
          <p className="add-guest-title" id={headingId}>
            {t('consultations.addGuestTitle')}
          </p>
          <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="form form-compact" aria-labelledby={headingId}>
            <GuestFields prefix="guest." field={form.field} sms={sms} />
            <FormAlert error={form.formError} checkFields={form.checkFields} />
            <div className="actions">
              <SubmitButton busy={form.busy}>{t('consultations.addGuestSubmit')}</SubmitButton>
              <button
                type="button"
                className="button button-secondary"
                onClick={() => {
                  toggleFocus.request();
                  setOpen(false);
                }}
              >
                {t('common.cancel')}
              </button>
            </div>
          </form>
        </section>
      ) : (
        <button
          type="button"
          ref={toggleFocus.trigger}
          className="button button-secondary"
          onClick={() => {
            setMessage(undefined);
            setOpen(true);
          }}
        >
          <span aria-hidden="true">+</span> {t('consultations.addGuest')}
        </button>
      )}
    </div>
  );
}

function EndConsultation({ consultation, onEnded }: { consultation: ConsultationView; onEnded: () => void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const focus = useReturnFocus();

  async function end(): Promise<void> {
    setBusy(true);
    setError(undefined);
    try {
      await endConsultation(consultation.id);
      onEnded();
    } catch (failure) {
      // Ended already (elsewhere or by the retention job): the same outcome for the host.
      if (isGone(failure)) onEnded();
      else setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="end-consultation">
      <FormAlert error={error} />
      {confirming ? (
        <InlineConfirm
          text={t('consultations.endConfirm')}
          confirmLabel={t('consultations.endYes')}
          busy={busy}
          onConfirm={() => void end()}
          onCancel={() => {
            focus.request();
            setConfirming(false);
          }}
        />
      ) : (
        <button
          type="button"
          ref={focus.trigger}
          className="button button-secondary button-danger-outline"
          onClick={() => {
            setError(undefined);
            setConfirming(true);
          }}
        >
          {t('consultations.end')}
        </button>
      )}
    </div>
  );
}

/**
 * One open consultation as the host manages it: the window, every invited guest with channel,
 * delivery (failures shown with the provider's reason) and where they are, and the actions.
 */
export function ConsultationCard({
  consultation,
  level,
  highlighted,
  viewer,
  onChanged,
  onEnded,
  onGone,
  onRefresh,
}: {
  consultation: ConsultationView;
  level: Level;
  highlighted: ReadonlySet<string>;
  viewer: CardViewer;
  onChanged: (view: ConsultationView) => void;
  onEnded: () => void;
  /** The consultation ended or disappeared while the host looked at it. */
  onGone: () => void;
  /** Ask the server again (after a waiting-room action, whose answer has no consultation). */
  onRefresh: () => void;
}) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const now = new Date();
  const phase = consultationPhase(consultation, now);
  const waiting = waitingCount(consultation);
  const locale = dateLocale(i18n.resolvedLanguage);
  const staff = viewer.kind === 'staff';
  return (
    <article className={`consultation consultation-${phase}`} aria-labelledby={headingId}>
      <header className="consultation-head">
        <Heading level={level} id={headingId} className="consultation-title">
          {formatWindow(t, locale, consultation.validFrom, consultation.validUntil, now)}
          {staff ? (
            <>
              <span className="visually-hidden"> – </span>
              <span className="consultation-host">{t('staff.hostedBy', { name: consultation.hostName })}</span>
            </>
          ) : null}
        </Heading>
        <p className="consultation-badges">
          <span className={`badge badge-${phase}`}>{t(phaseKeys[phase])}</span>
          {waiting > 0 ? <span className="badge badge-waiting">{t('consultations.waiting', { count: waiting })}</span> : null}
        </p>
        {staff ? null : (
          <Link to={`/consultations/${consultation.id}/room`} className="button button-primary consultation-room">
            {t('consultations.openRoom')}
          </Link>
        )}
      </header>
      <Heading level={level + 1} className="guests-title">
        {t('consultations.guestsTitle')}
      </Heading>
      <ul className="guest-list">
        {consultation.invitations.map((invitation) => (
          <GuestItem
            key={invitation.id}
            consultationId={consultation.id}
            invitation={invitation}
            level={level + 2}
            highlighted={highlighted.has(invitation.id)}
            onChanged={onChanged}
            onGone={onGone}
            extra={(announce, focusGuest) =>
              viewer.kind === 'staff' ? (
                <WaitingRoomActions
                  consultationId={consultation.id}
                  hostName={consultation.hostName}
                  invitation={invitation}
                  announce={announce}
                  focusGuest={focusGuest}
                  onRefresh={onRefresh}
                />
              ) : invitation.status === 'active' && viewer.contacts ? (
                <SaveGuestButton
                  name={invitation.guestName}
                  saved={savedContactOf({ name: invitation.guestName, email: invitation.email, phone: invitation.phone }, viewer.contacts) !== undefined}
                  save={() => saveGuestAsContact(consultation.id, invitation.id)}
                  onSaved={viewer.onContactSaved}
                  announce={announce}
                />
              ) : null
            }
          />
        ))}
      </ul>
      <div className="consultation-footer">
        <AddGuest consultation={consultation} onChanged={onChanged} onGone={onGone} />
        {staff ? null : <EndConsultation consultation={consultation} onEnded={onEnded} />}
      </div>
    </article>
  );
}
