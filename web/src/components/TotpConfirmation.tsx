import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TotpSetup } from '../../../common/api/second-factor';
import { FormAlert, SubmitButton } from './feedback';
import { TextField } from './fields';
import { QrCode } from './QrCode';
import type { useForm } from './useForm';

/**
 * The set-up of an authenticator app, as customers and operator staff see it alike: the QR code drawn
 * here, the key as text, and the first code that confirms it. The caller owns the form and its submit.
 */
export function TotpConfirmation({
  setup,
  form,
  submitLabel,
}: {
  setup: TotpSetup;
  form: Pick<ReturnType<typeof useForm<{ code: string }, never>>, 'formRef' | 'handleSubmit' | 'field' | 'formError' | 'checkFields' | 'busy'>;
  submitLabel: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      <p>{t('secondFactor.scan')}</p>
      <QrCode text={setup.uri} label={t('secondFactor.qrLabel')} />
      <p className="form-note">
        <code data-testid="totp-secret">{t('secondFactor.secret', { secret: setup.secret })}</code>
      </p>
      <p>{t('secondFactor.confirmIntro')}</p>
      <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="form">
        <TextField
          binding={form.field('code')}
          label={t('secondFactor.code')}
          hint={t('secondFactor.codeHint')}
          inputMode="numeric"
          autoComplete="one-time-code"
        />
        <FormAlert error={form.formError} checkFields={form.checkFields} />
        <SubmitButton busy={form.busy}>{submitLabel}</SubmitButton>
      </form>
    </>
  );
}
