import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as z from 'zod';
import { email } from '../../../common/api/fields';
import { resendConfirmation } from '../api/endpoints';
import { DevOutboxHint } from './DevOutboxHint';
import { FormAlert, StatusMessage, SubmitButton } from './feedback';
import { TextField } from './fields';
import { useForm } from './useForm';

const schema = z.strictObject({ email });

/** Asks for the confirmation link again; the answer never tells whether the address is registered. */
export function ResendConfirmationForm({
  initialEmail = '',
  showDevOutbox = true,
}: {
  initialEmail?: string | undefined;
  /** False where the page already shows the development outbox link. */
  showDevOutbox?: boolean;
}) {
  const { t } = useTranslation();
  const [sent, setSent] = useState(false);
  const form = useForm({
    initial: { email: initialEmail },
    schema,
    toInput: (values) => values,
    onSubmit: async (data) => {
      setSent(false);
      await resendConfirmation(data.email);
      setSent(true);
    },
  });
  return (
    <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="form form-compact">
      <TextField binding={form.field('email')} label={t('fields.email')} type="email" autoComplete="email" />
      <FormAlert error={form.formError} checkFields={form.checkFields} />
      <StatusMessage>{sent ? <p>{t('resend.sent')}</p> : null}</StatusMessage>
      {sent && showDevOutbox ? <DevOutboxHint /> : null}
      <SubmitButton busy={form.busy}>{t('resend.submit')}</SubmitButton>
    </form>
  );
}
