import { useEffect, useId, useRef, useState, type HTMLAttributes, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { addGuestRequest, type ConsultationView, type InvitationView } from '../../../../common/api/consultations';
import { addGuest, endConsultation, resendInvitation, revokeInvitation } from '../../api/consultations';
import { ApiError } from '../../api/client';
import { displayPhone } from '../../components/addressChecks';
import { FormAlert, StatusMessage, SubmitButton } from '../../components/feedback';
import { InlineConfirm } from '../../components/InlineConfirm';
import { useForm } from '../../components/useForm';
import { GuestFields } from './fields';
import {
  channelsOf,
  consultationPhase,
  dateLocale,
  deliveryFailed,
  formatWindow,
  guestFromValues,
  guestState,
  MAX_INVITATIONS,
  waitingCount,
  type Phase,
} from './model';

/** The heading level of the card's title: 2 on the consultation's own page, 3 in the dashboard's list. */
type Level = 2 | 3;

function Heading({ level, ...props }: { level: number; ref?: Ref<HTMLHeadingElement> } & HTMLAttributes<HTMLHeadingElement>) {
  const Tag = `h${Math.min(level, 6)}` as 'h2';
  return <Tag {...props} />;
}

/** True when the consultation is gone for the host (ended elsewhere, or by the retention job). */
export function isGone(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'consultation_ended' || error.code === 'not_found');
}

const phaseKeys = {
  upcoming: 'consultations.phaseUpcoming',
  open: 'consultations.phaseOpen',
  running: 'consultations.phaseRunning',
  expired: 'consultations.phaseExpired',
} as const satisfies Record<Phase, string>;

const stateKeys = {
  notOpened: 'consultations.stateNotOpened',
  opened: 'consultations.stateOpened',
  waiting: 'consultations.stateWaiting',
  inCall: 'consultations.stateInCall',
  declined: 'consultations.stateDeclined',
  removed: 'consultations.stateRemoved',
  revoked: 'consultations.stateRevoked',
} as const;

/** Focus that returns to a trigger once the element that replaced it is gone. */
function useReturnFocus() {
  const trigger = useRef<HTMLButtonElement>(null);
  const pending = useRef(false);
  useEffect(() => {
    if (!pending.current || !trigger.current) return;
    pending.current = false;
    trigger.current.focus();
  });
  return { trigger, request: () => (pending.current = true) };
}

function Guest({
  consultationId,
  invitation,
  level,
  highlighted,
  onChanged,
  onGone,
}: {
  consultationId: string;
  invitation: InvitationView;
  /** The heading level of the guest's name. */
  level: number;
  highlighted: boolean;
  onChanged: (view: ConsultationView) => void;
  onGone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState<'resend' | 'revoke' | undefined>(undefined);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const nameRef = useRef<HTMLHeadingElement>(null);
  const nameId = useId();
  const revokeFocus = useReturnFocus();
  const state = guestState(invitation);
  const active = invitation.status === 'active';
  const failed = active && deliveryFailed(invitation);
  const forGuest = t('consultations.forGuest', { name: invitation.guestName });
  const locale = dateLocale(i18n.resolvedLanguage);

  async function run(kind: 'resend' | 'revoke'): Promise<void> {
    setBusy(kind);
    setMessage(undefined);
    setError(undefined);
    try {
      const view =
        kind === 'resend'
          ? await resendInvitation(consultationId, invitation.id)
          : await revokeInvitation(consultationId, invitation.id);
      onChanged(view);
      const updated = view.invitations.find((item) => item.id === invitation.id);
      if (kind === 'revoke') {
        setConfirming(false);
        setMessage({ tone: 'success', text: t('consultations.revoked', { name: invitation.guestName }) });
        nameRef.current?.focus();
      } else if (updated && deliveryFailed(updated)) {
        setMessage({ tone: 'error', text: t('consultations.resentFailed', { name: invitation.guestName }) });
      } else {
        setMessage({ tone: 'success', text: t('consultations.resent', { name: invitation.guestName }) });
      }
    } catch (failure) {
      if (isGone(failure)) onGone();
      else setError(failure);
    } finally {
      setBusy(undefined);
    }
  }

  const classes = ['guest', highlighted ? 'guest-highlight' : '', active ? '' : 'guest-revoked'].filter(Boolean).join(' ');
  const channelNames = { email: t('consultations.channelEmail'), sms: t('consultations.channelSms') };
  return (
    // Named by the guest, so that each guest's actions can be found by name.
    <li className={classes} aria-labelledby={nameId}>
      <div className="guest-head">
        <Heading level={level} id={nameId} className="guest-name" tabIndex={-1} ref={nameRef}>
          {invitation.guestName}
        </Heading>
        <p className={`guest-state guest-state-${state}`}>{t(stateKeys[state])}</p>
      </div>
      <ul className="guest-channels">
        {channelsOf(invitation).map((channel) => (
          <li key={channel.channel}>
            <span className="guest-channel">
              {t('consultations.deliveryTo', {
                channel: channelNames[channel.channel],
                address: channel.channel === 'sms' ? displayPhone(channel.address) : channel.address,
              })}
            </span>{' '}
            <span className={`delivery delivery-${channel.delivery ?? 'pending'}`}>
              {channel.delivery === 'failed' ? (
                <span aria-hidden="true" className="field-error-icon">
                  !
                </span>
              ) : null}
              {t(
                channel.delivery === 'sent'
                  ? 'consultations.deliverySent'
                  : channel.delivery === 'failed'
                    ? 'consultations.deliveryFailed'
                    : 'consultations.deliveryPending',
              )}
            </span>
          </li>
        ))}
      </ul>
      {failed ? (
        <div className="alert alert-error delivery-error">
          <p>{t('consultations.deliveryFailedTitle')}</p>
          {invitation.deliveryError ? (
            <p>
              {t('consultations.deliveryReason')}{' '}
              {/* The provider's own words, passed on unchanged (they come in English). */}
              <span lang="en" className="delivery-reason">
                {invitation.deliveryError}
              </span>
            </p>
          ) : null}
          <p>{t('consultations.deliveryAdvice')}</p>
        </div>
      ) : null}
      {active && invitation.lastSentAt ? (
        <p className="guest-sent">
          {t('consultations.lastSent', {
            time: new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(new Date(invitation.lastSentAt)),
          })}
        </p>
      ) : null}
      <StatusMessage>{message?.tone === 'success' ? <p>{message.text}</p> : null}</StatusMessage>
      <FormAlert error={error}>{message?.tone === 'error' ? <p>{message.text}</p> : null}</FormAlert>
      {active && !confirming ? (
        <div className="guest-actions">
          <button type="button" className="button button-secondary button-small" onClick={() => void run('resend')} disabled={busy !== undefined}>
            {busy === 'resend' ? <span className="spinner" aria-hidden="true" /> : null}
            {t('consultations.resend')}
            <span className="visually-hidden"> {forGuest}</span>
          </button>
          <button
            type="button"
            ref={revokeFocus.trigger}
            className="button button-secondary button-small button-danger-outline"
            onClick={() => {
              setMessage(undefined);
              setError(undefined);
              setConfirming(true);
            }}
            disabled={busy !== undefined}
          >
            {t('consultations.revoke')}
            <span className="visually-hidden"> {forGuest}</span>
          </button>
        </div>
      ) : null}
      {active && confirming ? (
        <InlineConfirm
          text={t('consultations.revokeConfirm', { name: invitation.guestName })}
          confirmLabel={t('consultations.revokeYes')}
          busy={busy === 'revoke'}
          onConfirm={() => void run('revoke')}
          onCancel={() => {
            revokeFocus.request();
            setConfirming(false);
          }}
        />
      ) : null}
    </li>
  );
}

const initialGuest: Record<string, string> = { 'guest.name': '', 'guest.email': '', 'guest.phone': '' };

function AddGuest({
  consultation,
  onChanged,
  onGone,
}: {
  consultation: ConsultationView;
  onChanged: (view: ConsultationView) => void;
  onGone: () => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | undefined>(undefined);
  const headingId = useId();
  const toggleFocus = useReturnFocus();
  const form = useForm({
    initial: initialGuest,
    schema: addGuestRequest,
    toInput: (values) => ({ guest: guestFromValues(values, 'guest.') }),
    onSubmit: async (data) => {
      const before = new Set(consultation.invitations.map((invitation) => invitation.id));
      const view = await addGuest(consultation.id, data);
      onChanged(view);
      const added = view.invitations.find((invitation) => !before.has(invitation.id));
      const name = added?.guestName ?? data.guest.name;
      setMessage(
        added && deliveryFailed(added)
          ? { tone: 'error', text: t('consultations.guestAddedFailed', { name }) }
          : { tone: 'success', text: t('consultations.guestAdded', { name }) },
      );
      toggleFocus.request();
      setOpen(false);
      return initialGuest;
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
      <StatusMessage>{message?.tone === 'success' ? <p>{message.text}</p> : null}</StatusMessage>
      <FormAlert>{message?.tone === 'error' ? <p>{message.text}</p> : null}</FormAlert>
      {open ? (
        <section className="add-guest-form" aria-labelledby={headingId}>
          <p className="add-guest-title" id={headingId}>
            {t('consultations.addGuestTitle')}
          </p>
          <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="form form-compact" aria-labelledby={headingId}>
            <GuestFields prefix="guest." field={form.field} />
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
  onChanged,
  onEnded,
  onGone,
}: {
  consultation: ConsultationView;
  level: Level;
  highlighted: ReadonlySet<string>;
  onChanged: (view: ConsultationView) => void;
  onEnded: () => void;
  /** The consultation ended or disappeared while the host looked at it. */
  onGone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const now = new Date();
  const phase = consultationPhase(consultation, now);
  const waiting = waitingCount(consultation);
  const locale = dateLocale(i18n.resolvedLanguage);
  return (
    <article className={`consultation consultation-${phase}`} aria-labelledby={headingId}>
      <header className="consultation-head">
        <Heading level={level} id={headingId} className="consultation-title">
          {formatWindow(t, locale, consultation.validFrom, consultation.validUntil, now)}
        </Heading>
        <p className="consultation-badges">
          <span className={`badge badge-${phase}`}>{t(phaseKeys[phase])}</span>
          {waiting > 0 ? <span className="badge badge-waiting">{t('consultations.waiting', { count: waiting })}</span> : null}
        </p>
        <Link to={`/consultations/${consultation.id}/room`} className="button button-primary consultation-room">
          {t('consultations.openRoom')}
        </Link>
      </header>
      <Heading level={level + 1} className="guests-title">
        {t('consultations.guestsTitle')}
      </Heading>
      <ul className="guest-list">
        {consultation.invitations.map((invitation) => (
          <Guest
            key={invitation.id}
            consultationId={consultation.id}
            invitation={invitation}
            level={level + 2}
            highlighted={highlighted.has(invitation.id)}
            onChanged={onChanged}
            onGone={onGone}
          />
        ))}
      </ul>
      <div className="consultation-footer">
        <AddGuest consultation={consultation} onChanged={onChanged} onGone={onGone} />
        <EndConsultation consultation={consultation} onEnded={onEnded} />
      </div>
    </article>
  );
}
