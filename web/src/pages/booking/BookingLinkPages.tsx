import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as z from 'zod';
import { ApiError } from '../../api/client';
import { cancelBooking, confirmBooking, confirmBookingCode, managedAppointment, type ManagedAppointment } from '../../api/booking';
import { FormAlert, Spinner, SubmitButton } from '../../components/feedback';
import { TextField } from '../../components/fields';
import { Page } from '../../components/Page';
import { plausibleToken } from '../../components/fragmentToken';
import { useFragmentToken, useOncePerToken } from '../../components/useFragmentToken';
import { useForm } from '../../components/useForm';
import { currentLanguage } from '../../i18n';
import { MoveByLink } from './MoveByLink';

type Outcome = 'pending' | 'confirmed' | 'expired' | 'invalid';

function outcomeOf(error: unknown): Outcome {
  return error instanceof ApiError && error.code === 'token_expired' ? 'expired' : 'invalid';
}

function ConfirmOutcome({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation();
  const texts = {
    pending: [t('booking.confirmTitle'), t('booking.confirming')],
    confirmed: [t('booking.confirmedTitle'), t('booking.confirmedText')],
    expired: [t('booking.expiredTitle'), t('booking.expiredText')],
    invalid: [t('booking.invalidTitle'), t('booking.invalidText')],
  } as const;
  const [title, text] = texts[outcome];
  return (
    <Page title={title} width="narrow">
      {outcome === 'pending' ? (
        <Spinner label={text} />
      ) : (
        <p className="lead" role="status">
          {text}
        </p>
      )}
    </Page>
  );
}

/** The link in the hold mail: opening it makes the booking firm (once). */
export function BookingConfirmPage() {
  const token = useFragmentToken();
  const [outcome, setOutcome] = useState<Outcome>(plausibleToken(token) ? 'pending' : 'invalid');
  useOncePerToken(token, () => {
    if (!plausibleToken(token)) return;
    confirmBooking(token).then(
      () => setOutcome('confirmed'),
      (error: unknown) => setOutcome(outcomeOf(error)),
    );
  });
  return <ConfirmOutcome outcome={outcome} />;
}

/** The code from the SMS, for a booking with only a mobile number. */
export function CodeForm({ holdId }: { holdId: string }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const form = useForm({
    initial: { code: '' },
    schema: z.strictObject({
      code: z
        .string()
        .trim()
        .regex(/^\d{6}$/),
    }),
    toInput: (values) => values,
    onSubmit: async (data) => {
      await confirmBookingCode(holdId, data.code);
      setOutcome('confirmed');
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'token_expired') {
        setOutcome('expired');
        return true;
      }
      return false;
    },
  });
  if (outcome) return <ConfirmOutcome outcome={outcome} />;
  return (
    <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="form">
      <TextField binding={form.field('code')} label={t('booking.code')} inputMode="numeric" autoComplete="one-time-code" />
      <FormAlert error={form.formError} checkFields={form.checkFields} />
      <SubmitButton busy={form.busy}>{t('booking.codeSubmit')}</SubmitButton>
    </form>
  );
}

/** The cancel link in every message: shows the appointment and cancels it, up to the practice's deadline. */
export function BookingManagePage() {
  const { t } = useTranslation();
  const token = useFragmentToken();
  const [appointment, setAppointment] = useState<ManagedAppointment | 'invalid' | undefined>(plausibleToken(token) ? undefined : 'invalid');
  const [state, setState] = useState<'idle' | 'busy' | 'cancelled' | 'moving'>('idle');
  const [movedTo, setMovedTo] = useState<string | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  useOncePerToken(token, () => {
    if (!plausibleToken(token)) return;
    managedAppointment(token).then(setAppointment, () => setAppointment('invalid'));
  });
  if (appointment === undefined) return <ConfirmOutcome outcome="pending" />;
  if (appointment === 'invalid') return <ConfirmOutcome outcome="invalid" />;
  if (state === 'cancelled' || appointment.status === 'cancelled') {
    return (
      <Page title={t('booking.cancelledTitle')} width="narrow">
        <p className="lead" role="status">
          {t('booking.cancelledText')}
        </p>
      </Page>
    );
  }
  const tag = currentLanguage() === 'de' ? 'de-DE' : 'en-GB';
  const full = new Intl.DateTimeFormat(tag, { timeZone: appointment.timeZone, dateStyle: 'full', timeStyle: 'short' });
  if (movedTo) {
    return (
      <Page title={t('booking.movedTitle')} width="narrow">
        <p className="lead" role="status">
          {t('booking.movedText', { when: full.format(new Date(movedTo)) })}
        </p>
      </Page>
    );
  }
  const changeable = new Date(appointment.changeableUntil) > new Date();
  const cancel = () => {
    setState('busy');
    cancelBooking(token).then(
      () => setState('cancelled'),
      (failure: unknown) => {
        setError(failure);
        setState('idle');
      },
    );
  };
  return (
    <Page title={t('booking.manageTitle')} width="narrow">
      <p className="lead">
        {t('booking.manageWhen', { type: appointment.typeName, name: appointment.professionalName, when: full.format(new Date(appointment.startsAt)) })}
      </p>
      {changeable ? <p>{t('booking.manageUntil', { until: full.format(new Date(appointment.changeableUntil)) })}</p> : <p>{t('booking.notChangeable')}</p>}
      <FormAlert error={error} />
      {changeable && state === 'moving' ? (
        <MoveByLink token={token} timeZone={appointment.timeZone} onMoved={setMovedTo} onBack={() => setState('idle')} />
      ) : changeable ? (
        <div className="actions">
          <button type="button" className="button button-primary" disabled={state === 'busy'} onClick={cancel}>
            {t('booking.cancel')}
          </button>
          {appointment.status === 'booked' ? (
            <button type="button" className="button button-secondary" disabled={state === 'busy'} onClick={() => setState('moving')}>
              {t('booking.moveOpen')}
            </button>
          ) : null}
        </div>
      ) : null}
    </Page>
  );
}
