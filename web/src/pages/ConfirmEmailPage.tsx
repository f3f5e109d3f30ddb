import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import * as z from 'zod';
import { anyPassword } from '../../../common/api/fields';
import { confirmEmail } from '../api/endpoints';
import { FormAlert, SubmitButton } from '../components/feedback';
import { PasswordField } from '../components/fields';
import { Page } from '../components/Page';
import { ResendConfirmationForm } from '../components/ResendConfirmationForm';
import { useLinkFormOutcome } from '../components/useFragmentToken';
import { useForm } from '../components/useForm';

/** The form's part of emailConfirmationRequest; the token comes from the link. */
const schema = z.strictObject({ password: anyPassword });

/**
 * Confirming needs the password chosen at registration: whoever registered someone else's address
 * cannot have it confirmed by its owner and keep a working password. An owner who did not register
 * takes the account over with "Passwort vergessen?".
 */
export function ConfirmEmailPage() {
  const { t } = useTranslation();
  const { token, outcome, setOutcome, onTokenError } = useLinkFormOutcome<'success'>();
  const form = useForm({
    initial: { password: '' },
    schema,
    toInput: (values) => values,
    onSubmit: async (data) => {
      await confirmEmail(token, data.password);
      setOutcome('success');
    },
    onError: onTokenError,
  });

  const titles = {
    form: t('confirmEmail.titlePending'),
    success: t('confirmEmail.titleSuccess'),
    expired: t('confirmEmail.titleExpired'),
    invalid: t('confirmEmail.titleInvalid'),
  };
  return (
    <Page title={titles[outcome]} width="narrow">
      {outcome === 'form' ? (
        <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="form">
          <p>{t('confirmEmail.passwordIntro')}</p>
          <PasswordField binding={form.field('password')} label={t('fields.password')} autoComplete="current-password" />
          <FormAlert error={form.formError} checkFields={form.checkFields} />
          <SubmitButton busy={form.busy}>{t('confirmEmail.submit')}</SubmitButton>
          <p>
            <Link to="/forgot-password">{t('confirmEmail.notYou')}</Link>
          </p>
        </form>
      ) : null}
      {outcome === 'success' ? (
        <>
          <div className="alert alert-success" role="status">
            <p>{t('confirmEmail.success')}</p>
          </div>
          <p>
            <Link to="/login" className="button button-primary">
              {t('confirmEmail.toLogin')}
            </Link>
          </p>
        </>
      ) : null}
      {outcome === 'expired' ? (
        <>
          <p>{t('confirmEmail.expired')}</p>
          <ResendConfirmationForm />
        </>
      ) : null}
      {outcome === 'invalid' ? (
        <>
          <p>{t('confirmEmail.invalid')}</p>
          <p>
            <Link to="/login" className="button button-primary">
              {t('confirmEmail.toLogin')}
            </Link>
          </p>
        </>
      ) : null}
    </Page>
  );
}
