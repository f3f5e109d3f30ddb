import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { passwordResetRequest } from '../../../common/api/credentials';
import { requestPasswordReset } from '../api/endpoints';
import { DevOutboxHint } from '../components/DevOutboxHint';
import { FormAlert, StatusMessage, SubmitButton } from '../components/feedback';
import { TextField } from '../components/fields';
import { Page } from '../components/Page';
import { useForm } from '../components/useForm';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [sentTo, setSentTo] = useState<string | undefined>(undefined);
  const form = useForm({
    initial: { email: '' },
    schema: passwordResetRequest,
    toInput: (values) => values,
    onSubmit: async (data) => {
      setSentTo(undefined);
      await requestPasswordReset(data.email);
      setSentTo(data.email);
    },
  });
  return (
    <Page title={t('forgotPassword.title')} width="narrow">
      <p>{t('forgotPassword.intro')}</p>
      <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="form">
        <TextField binding={form.field('email')} label={t('fields.email')} type="email" autoComplete="email" />
        <FormAlert error={form.formError} checkFields={form.checkFields} />
        <SubmitButton busy={form.busy}>{t('forgotPassword.submit')}</SubmitButton>
      </form>
      <StatusMessage>{sentTo ? <p>{t('forgotPassword.sent', { email: sentTo })}</p> : null}</StatusMessage>
      {sentTo ? <DevOutboxHint /> : null}
      <p className="form-footer">
        <Link to="/login">{t('forgotPassword.backToLogin')}</Link>
      </p>
    </Page>
  );
}
