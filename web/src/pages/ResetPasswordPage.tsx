import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { z } from 'zod';
import { newPassword } from '../../../common/api/fields';
import { ApiError } from '../api/client';
import { resetPassword } from '../api/endpoints';
import { FormAlert, SubmitButton } from '../components/feedback';
import { PasswordField } from '../components/fields';
import { Page } from '../components/Page';
import { plausibleToken, useFragmentToken } from '../components/useFragmentToken';
import { useForm } from '../components/useForm';
import { startSession } from '../session/session';

/** The form's part of passwordResetConfirmation; the token comes from the link. */
const schema = z.strictObject({ password: newPassword });

type Outcome = 'form' | 'success' | 'expired' | 'invalid';

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const token = useFragmentToken();
  const [outcome, setOutcome] = useState<Outcome>(plausibleToken(token) ? 'form' : 'invalid');
  // The same link opened again in this tab brings a new token: start over.
  const [tokenShown, setTokenShown] = useState(token);
  if (token !== tokenShown) {
    setTokenShown(token);
    setOutcome(plausibleToken(token) ? 'form' : 'invalid');
  }
  const form = useForm({
    initial: { password: '' },
    schema,
    toInput: (values) => values,
    onSubmit: async (data) => {
      await resetPassword(token, data.password);
      setOutcome('success');
      // All sessions ended on the server, this browser's included.
      void startSession();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'token_expired') setOutcome('expired');
      else if (error instanceof ApiError && error.code === 'token_invalid') setOutcome('invalid');
      else return false;
      return true;
    },
  });

  return (
    <Page title={t('resetPassword.title')} width="narrow">
      {outcome === 'form' ? (
        <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="form">
          <PasswordField
            binding={form.field('password')}
            label={t('resetPassword.newPassword')}
            hint={t('fields.passwordHint')}
            autoComplete="new-password"
          />
          <FormAlert error={form.formError} checkFields={form.checkFields} />
          <SubmitButton busy={form.busy}>{t('resetPassword.submit')}</SubmitButton>
        </form>
      ) : null}
      {outcome === 'success' ? (
        <>
          <div className="alert alert-success" role="status">
            <p>{t('resetPassword.success')}</p>
          </div>
          <p>
            <Link to="/login" className="button button-primary">
              {t('resetPassword.toLogin')}
            </Link>
          </p>
        </>
      ) : null}
      {outcome === 'expired' || outcome === 'invalid' ? (
        <>
          <div className="alert alert-error" role="alert">
            <p>{outcome === 'expired' ? t('resetPassword.expired') : t('resetPassword.invalid')}</p>
          </div>
          <p>
            <Link to="/forgot-password" className="button button-primary">
              {t('resetPassword.requestNew')}
            </Link>
          </p>
        </>
      ) : null}
    </Page>
  );
}
