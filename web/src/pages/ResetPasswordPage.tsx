import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import * as z from 'zod';
import { newPassword } from '../../../common/api/fields';
import { resetPassword } from '../api/endpoints';
import { FormAlert, SubmitButton } from '../components/feedback';
import { NewPasswordField } from '../components/fields';
import { Page } from '../components/Page';
import { useLinkFormOutcome } from '../components/useFragmentToken';
import { useForm } from '../components/useForm';
import { startSession } from '../session/session';

/** The form's part of passwordResetConfirmation; the token comes from the link. */
const schema = z.strictObject({ password: newPassword });

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const { token, outcome, setOutcome, onTokenError } = useLinkFormOutcome<'success' | 'handedOver'>();
  const form = useForm({
    initial: { password: '' },
    schema,
    toInput: (values) => values,
    onSubmit: async (data) => {
      const { handedOver } = await resetPassword(token, data.password);
      setOutcome(handedOver ? 'handedOver' : 'success');
      // All sessions ended on the server, this browser's included.
      void startSession();
    },
    onError: onTokenError,
  });

  return (
    <Page title={t('resetPassword.title')} width="narrow">
      {outcome === 'form' ? (
        <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="form">
          <NewPasswordField binding={form.field('password')} label={t('resetPassword.newPassword')} />
          <FormAlert error={form.formError} checkFields={form.checkFields} />
          <SubmitButton busy={form.busy}>{t('resetPassword.submit')}</SubmitButton>
        </form>
      ) : null}
      {outcome === 'success' || outcome === 'handedOver' ? (
        <>
          <div className="alert alert-success" role="status">
            <p>{t('resetPassword.success')}</p>
            {/* The address had not been confirmed: name and address were typed by whoever registered it. */}
            {outcome === 'handedOver' ? <p>{t('resetPassword.handedOver')}</p> : null}
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
