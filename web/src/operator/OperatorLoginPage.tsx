import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { operatorLoginRequest } from '../../../common/api/operator';
import { operatorLogin } from '../api/support';
import { FormAlert, StatusMessage, SubmitButton } from '../components/feedback';
import { PasswordField, TextField } from '../components/fields';
import { Page } from '../components/Page';
import { useForm } from '../components/useForm';
import type { OperatorLoginState } from './OperatorArea';
import { OperatorCodeStep, OperatorEnrolStep } from './OperatorSecondFactor';

/** Back into the operator area only: a path elsewhere (or another site) is never followed. */
function returnPath(from: string | undefined): string {
  return from && /^\/operator(\/|$)/.test(from) && !from.startsWith('/operator/login') ? from : '/operator';
}

type Step = 'password' | 'enrol' | 'code';

/** The password, then always a second factor (issue 12): its code, or at the first sign-in its set-up. */
export function OperatorLoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const state = (useLocation().state ?? {}) as OperatorLoginState;
  const [step, setStep] = useState<Step>('password');
  const [expired, setExpired] = useState(false);
  const form = useForm({
    initial: { email: '', password: '' },
    schema: operatorLoginRequest,
    toInput: (values) => values,
    onSubmit: async (data) => {
      setExpired(false);
      setStep((await operatorLogin(data.email, data.password)).secondFactor);
      return { email: data.email, password: '' };
    },
  });
  const signedIn = useCallback(() => void navigate(returnPath(state.from), { replace: true }), [navigate, state.from]);
  const startOver = useCallback(() => {
    setExpired(true);
    setStep('password');
  }, []);
  if (step !== 'password') {
    return (
      <Page title={t(step === 'enrol' ? 'operatorArea.enrolTitle' : 'operatorArea.codeTitle')} width="narrow">
        {step === 'enrol' ? (
          <OperatorEnrolStep onSignedIn={signedIn} onExpired={startOver} onStartOver={() => setStep('password')} />
        ) : (
          <OperatorCodeStep onSignedIn={signedIn} onExpired={startOver} onStartOver={() => setStep('password')} />
        )}
      </Page>
    );
  }
  const notice = expired
    ? t('operatorArea.loginExpired')
    : state.loggedOut
      ? t('operatorArea.loggedOut')
      : state.from
        ? t('operatorArea.loginRequired')
        : undefined;
  return (
    <Page title={t('operatorArea.loginTitle')} width="narrow">
      <p>{t('operatorArea.loginLead')}</p>
      <StatusMessage>{notice && !form.formError ? <p>{notice}</p> : null}</StatusMessage>
      <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="form">
        <TextField binding={form.field('email')} label={t('fields.email')} type="email" autoComplete="username" />
        <PasswordField binding={form.field('password')} label={t('fields.password')} autoComplete="current-password" />
        <FormAlert error={form.formError} checkFields={form.checkFields} />
        <SubmitButton busy={form.busy}>{t('operatorArea.loginSubmit')}</SubmitButton>
      </form>
    </Page>
  );
}
