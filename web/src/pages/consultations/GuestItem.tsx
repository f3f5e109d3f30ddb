import { useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsultationView, InvitationView } from '../../../../common/api/consultations';
import { resendInvitation, revokeInvitation } from '../../api/consultations';
import { displayPhone } from '../../components/addressChecks';
import { FormAlert, StatusMessage } from '../../components/feedback';
import { InlineConfirm } from '../../components/InlineConfirm';
import { Heading, isGone, useReturnFocus } from './cardParts';
import { channelsOf, dateLocale, deliveryFailed, guestState } from './model';

const stateKeys = {
  notOpened: 'consultations.stateNotOpened',
  opened: 'consultations.stateOpened',
  waiting: 'consultations.stateWaiting',
  inCall: 'consultations.stateInCall',
  declined: 'consultations.stateDeclined',
  removed: 'consultations.stateRemoved',
  revoked: 'consultations.stateRevoked',
} as const;

/** Tells the guest's status region what just happened (its own actions, or those in `extra`). */
export type Announce = (message: { tone: 'success' | 'error'; text: string }) => void;

/**
 * One invited guest as the host or practice staff see them: channels and delivery, where they are,
 * resend and revoke; `extra` adds what only one side may do (save as contact, waiting room).
 */
export function GuestItem({
  consultationId,
  invitation,
  level,
  highlighted,
  onChanged,
  onGone,
  extra,
}: {
  consultationId: string;
  invitation: InvitationView;
  /** The heading level of the guest's name. */
  level: number;
  highlighted: boolean;
  onChanged: (view: ConsultationView) => void;
  onGone: () => void;
  /** `focusGuest` moves focus to the guest's name, e.g. when the control that had it goes away. */
  extra?: (announce: Announce, focusGuest: () => void) => ReactNode;
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
      const view = kind === 'resend' ? await resendInvitation(consultationId, invitation.id) : await revokeInvitation(consultationId, invitation.id);
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
              {t('consultations.deliveryReason')} {/* The provider's own words, passed on unchanged (they come in English). */}
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
      {extra?.(
        (next) => {
          setError(undefined);
          setMessage(next);
        },
        () => nameRef.current?.focus(),
      )}
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
