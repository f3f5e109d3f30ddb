import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router-dom';
import { loginRequest } from '../../../common/api/credentials';
import { ApiError } from '../api/client';
import { login, resendConfirmation } from '../api/endpoints';
import { DevOutboxHint } from '../components/DevOutboxHint';
import { errorText } from '../components/fieldProblems';
import { FormAlert, StatusMessage, SubmitButton } from '../components/feedback';
import { CheckboxField, PasswordField, TextField } from '../components/fields';
import { Page } from '../components/Page';
import type { LoginState } from '../components/RequireAuth';
import { useForm } from '../components/useForm';
import { safeReturnPath } from '../session/returnPath';
import { useSession } from '../session/session';
import { CodeStep, type SecondFactorMethods } from './login/CodeStep';
import { PasskeySignIn } from './login/PasskeySignIn';

/** Shown when the address is registered but not confirmed: one click sends the link again. */
function NotConfirmed({ email }: { email: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'busy' | 'sent' | { error: unknown }>('idle');
  async function resend(): Promise<void> {
    setState('busy');
    try {
      await resendConfirmation(email);
      setState('sent');
    } catch (error) {
      setState({ error });
    }
  }
  return (
    <>
      <p>{t('errors.email_not_confirmed')}</p>
      <p>{t('login.notConfirmedHelp')}</p>
      {state === 'sent' ? (
        <p>{t('resend.sent')}</p>
      ) : (
        <p>
          <button type="button" className="button button-secondary" disabled={state === 'busy'} onClick={() => void resend()}>
            {state === 'busy' ? t('common.sending') : t('login.resendSubmit')}
          </button>
        </p>
      )}
      {typeof state === 'object' ? <p>{errorText(t, state.error)}</p> : null}
      {state === 'sent' ? <DevOutboxHint /> : null}
    </>
  );
}

export function LoginPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const state = (location.state ?? {}) as LoginState;
  const { account } = useSession();
  const [unconfirmedEmail, setUnconfirmedEmail] = useState<string | undefined>(undefined);
  // The second factors the account offers after a right password; undefined: the password form.
  const [codeStep, setCodeStep] = useState<SecondFactorMethods | undefined>(undefined);
  const form = useForm({
    initial: { email: '', password: '', rememberBrowser: false },
    schema: loginRequest,
    toInput: (values) => values,
    onSubmit: async (data) => {
      setUnconfirmedEmail(undefined);
      const state = await login(data.email, data.password, data.rememberBrowser === true);
      if (state.secondFactor === 'required') setCodeStep(state.methods ?? ['totp']);
    },
    onError: (error, values) => {
      if (error instanceof ApiError && error.code === 'email_not_confirmed') {
        setUnconfirmedEmail(values.email.trim());
        return true;
      }
      return false;
    },
  });
  // Logged in (now or before): continue where the customer wanted to go.
  if (account) return <Navigate to={safeReturnPath(state.from) ?? '/dashboard'} replace />;
  if (codeStep) {
    return (
      <Page title={t('secondFactor.loginTitle')} width="narrow">
        <CodeStep methods={codeStep} onStartOver={() => setCodeStep(undefined)} />
      </Page>
    );
  }

  const notice = state.invitationAccepted
    ? t('login.invitationAccepted')
    : state.loggedOut
      ? t('login.loggedOut')
      : state.expired
        ? t('login.sessionEnded')
        : state.from
          ? t('login.loginRequired')
          : undefined;
  return (
    <Page title={t('login.title')} width="narrow">
      <StatusMessage>{notice && !form.formError && !unconfirmedEmail ? <p>{notice}</p> : null}</StatusMessage>
      <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="form">
        <TextField binding={form.field('email')} label={t('fields.email')} type="email" autoComplete="username" />
        <PasswordField binding={form.field('password')} label={t('fields.password')} autoComplete="current-password" />
        <CheckboxField binding={form.field('rememberBrowser')} label={t('login.rememberBrowser')} extra={t('login.rememberBrowserHint')} required={false} />
        <FormAlert error={form.formError} checkFields={form.checkFields}>
          {unconfirmedEmail ? <NotConfirmed email={unconfirmedEmail} /> : null}
        </FormAlert>
        <SubmitButton busy={form.busy}>{t('login.submit')}</SubmitButton>
      </form>
      <PasskeySignIn />
      <ul className="link-list">
        <li>
          <Link to="/forgot-password">{t('login.forgotPassword')}</Link>
        </li>
        <li>
          {t('login.noAccount')} <Link to="/register">{t('login.registerLink')}</Link>
        </li>
      </ul>
    </Page>
  );
}
