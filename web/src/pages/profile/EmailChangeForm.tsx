import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Profile } from '../../../../common/api/accounts';
import { emailChangeRequest } from '../../../../common/api/credentials';
import { changeEmail } from '../../api/endpoints';
import { DevOutboxHint } from '../../components/DevOutboxHint';
import { FormAlert, Notice, StatusMessage, SubmitButton } from '../../components/feedback';
import { PasswordField, TextField } from '../../components/fields';
import { FreshCheckCode, useHasSecondFactor, withoutEmptyCode } from '../../components/FreshCheckCode';
import { useForm } from '../../components/useForm';

const empty = { newEmail: '', currentPassword: '', secondFactorCode: '' };

/** A new address counts only after its owner confirms the link sent to it (double opt-in). */
export function EmailChangeForm({ profile, onRequested }: { profile: Profile; onRequested: () => void }) {
  const { t } = useTranslation();
  const [sentTo, setSentTo] = useState<string | undefined>(undefined);
  const hasSecondFactor = useHasSecondFactor();
  const form = useForm({
    initial: empty,
    schema: emailChangeRequest,
    toInput: withoutEmptyCode,
    onSubmit: async (data) => {
      setSentTo(undefined);
      await changeEmail(data.currentPassword, data.newEmail, data.secondFactorCode);
      setSentTo(data.newEmail);
      // The page asks for the profile again to show the pending address.
      onRequested();
      return empty;
    },
  });
  return (
    <section className="panel" aria-labelledby="email-title">
      <h2 id="email-title">{t('profile.emailTitle')}</h2>
      <p>{t('profile.currentEmail', { email: profile.email })}</p>
      {profile.pendingEmail ? (
        <Notice tone="warning">
          <p>{t('profile.pendingEmail', { email: profile.pendingEmail })}</p>
        </Notice>
      ) : null}
      <p className="form-note">{t('profile.emailIntro')}</p>
      <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="form" aria-labelledby="email-title">
        <TextField binding={form.field('newEmail')} label={t('profile.newEmail')} type="email" autoComplete="email" />
        <PasswordField binding={form.field('currentPassword')} label={t('profile.passwordForEmail')} autoComplete="current-password" />
        <FreshCheckCode binding={form.field('secondFactorCode')} shown={hasSecondFactor} />
        <FormAlert error={form.formError} checkFields={form.checkFields} />
        <StatusMessage>{sentTo ? <p>{t('profile.emailChangeRequested', { email: sentTo })}</p> : null}</StatusMessage>
        {sentTo ? <DevOutboxHint /> : null}
        <SubmitButton busy={form.busy}>{t('profile.changeEmail')}</SubmitButton>
      </form>
    </section>
  );
}
