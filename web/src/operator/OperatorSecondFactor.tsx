import { useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { TotpSetup } from '../../../common/api/second-factor';
import { codeRequest, totpConfirmRequest } from '../../../common/api/second-factor';
import { ApiError } from '../api/client';
import { beginOperatorTotp, completeOperatorLogin, confirmOperatorTotp } from '../api/support';
import { errorText } from '../components/fieldProblems';
import { FormAlert, StatusMessage, SubmitButton } from '../components/feedback';
import { TextField } from '../components/fields';
import { TotpConfirmation } from '../components/TotpConfirmation';
import { useForm } from '../components/useForm';
import { RecoveryCodeSheet } from '../pages/profile/RecoveryCodes';

/*
 * Operator staff always sign in with a second factor (issue 12): after the password either the code
 * step or, at the first sign-in (or after the CLI reset it), the set-up of an authenticator app.
 */

interface StepProps {
  /** The operator login started: on to the operator area. */
  onSignedIn: () => void;
  /** The ticket of the password step ran out (5 minutes) or was lost: back to the password. */
  onExpired: () => void;
  /** Back to the password form (another staff member, a typo in the address). */
  onStartOver: () => void;
}

function StartOver({ onStartOver }: { onStartOver: () => void }) {
  const { t } = useTranslation();
  return (
    <p>
      <button type="button" className="button button-secondary" onClick={onStartOver}>
        {t('operatorArea.startOver')}
      </button>
    </p>
  );
}

const expired = (error: unknown) => error instanceof ApiError && error.code === 'second_factor_login_expired';

/** The first field of a step takes the focus as the step appears, so keyboard and screen-reader users start there. */
function useFocusFirstField(formRef: RefObject<HTMLFormElement | null>, ready: boolean): void {
  useEffect(() => {
    if (ready) formRef.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, [formRef, ready]);
}

export function OperatorCodeStep({ onSignedIn, onExpired, onStartOver }: StepProps) {
  const { t } = useTranslation();
  const [recoveryCodesLeft, setRecoveryCodesLeft] = useState<number | undefined>(undefined);
  const form = useForm({
    initial: { code: '' },
    schema: codeRequest,
    toInput: (values) => values,
    onSubmit: async (data) => {
      const answer = await completeOperatorLogin(data.code);
      if (answer.recoveryCodesLeft === undefined) onSignedIn();
      else setRecoveryCodesLeft(answer.recoveryCodesLeft);
    },
    onError: (error) => {
      if (expired(error)) onExpired();
      return expired(error);
    },
  });
  useFocusFirstField(form.formRef, recoveryCodesLeft === undefined);
  if (recoveryCodesLeft !== undefined) {
    return (
      <>
        <StatusMessage>
          <p>{t('secondFactor.recoveryUsed', { count: recoveryCodesLeft })}</p>
        </StatusMessage>
        <p>{t('operatorArea.lostFactor')}</p>
        <p>
          <button type="button" className="button button-primary" onClick={onSignedIn}>
            {t('secondFactor.continue')}
          </button>
        </p>
      </>
    );
  }
  return (
    <>
      <p>{t('operatorArea.codeIntro')}</p>
      <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="form">
        <TextField binding={form.field('code')} label={t('secondFactor.code')} hint={t('secondFactor.loginCodeHint')} autoComplete="one-time-code" />
        <FormAlert error={form.formError} checkFields={form.checkFields} />
        <SubmitButton busy={form.busy}>{t('secondFactor.loginSubmit')}</SubmitButton>
      </form>
      <p className="form-note">{t('operatorArea.lostFactor')}</p>
      <StartOver onStartOver={onStartOver} />
    </>
  );
}

function ConfirmApp({ setup, onConfirmed, onExpired }: { setup: TotpSetup; onConfirmed: (codes: string[]) => void; onExpired: () => void }) {
  const { t } = useTranslation();
  const form = useForm({
    initial: { code: '' },
    schema: totpConfirmRequest,
    toInput: (values) => values,
    onSubmit: async (data) => onConfirmed((await confirmOperatorTotp(data.code)).recoveryCodes),
    onError: (error) => {
      if (expired(error)) onExpired();
      return expired(error);
    },
  });
  useFocusFirstField(form.formRef, true);
  return <TotpConfirmation setup={setup} form={form} submitLabel={t('operatorArea.enrolConfirm')} />;
}

/** Set-up of the app: the secret is made on the server, the QR code drawn here; then the recovery codes, once. */
export function OperatorEnrolStep({ onSignedIn, onExpired, onStartOver }: StepProps) {
  const { t } = useTranslation();
  const [setup, setSetup] = useState<TotpSetup | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [codes, setCodes] = useState<string[] | undefined>(undefined);
  // One secret per visit of the step: React's development double effect must not ask for a second one.
  const asked = useRef(false);
  useEffect(() => {
    if (asked.current) return;
    asked.current = true;
    beginOperatorTotp().then(setSetup, (failure: unknown) => (expired(failure) ? onExpired() : setError(failure)));
  }, [onExpired]);
  if (codes) {
    return (
      <>
        <StatusMessage>
          <p>{t('operatorArea.enrolled')}</p>
        </StatusMessage>
        <RecoveryCodeSheet codes={codes} onDone={onSignedIn} doneLabel={t('operatorArea.enrolledContinue')} />
      </>
    );
  }
  return (
    <>
      <p>{t('operatorArea.enrolIntro')}</p>
      {error !== undefined ? <p role="alert">{errorText(t, error)}</p> : null}
      {setup ? (
        <ConfirmApp setup={setup} onConfirmed={setCodes} onExpired={onExpired} />
      ) : error === undefined ? (
        <p role="status">{t('operatorArea.enrolLoading')}</p>
      ) : null}
      <StartOver onStartOver={onStartOver} />
    </>
  );
}
