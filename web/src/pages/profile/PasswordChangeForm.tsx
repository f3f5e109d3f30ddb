import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { passwordChangeRequest } from '../../../../common/api/credentials';
import { changePassword } from '../../api/endpoints';
import { FormAlert, StatusMessage, SubmitButton } from '../../components/feedback';
import { PasswordField } from '../../components/fields';
import { FreshCheckCode, useHasSecondFactor, withoutEmptyCode } from '../../components/FreshCheckCode';
import { useForm } from '../../components/useForm';

const empty = { currentPassword: '', newPassword: '', secondFactorCode: '' };

export function PasswordChangeForm() {
  const { t } = useTranslation();
  const [changed, setChanged] = useState(false);
  const hasSecondFactor = useHasSecondFactor();
  const form = useForm({
    initial: empty,
    schema: passwordChangeRequest,
    toInput: withoutEmptyCode,
    onSubmit: async (data) => {
      setChanged(false);
      await changePassword(data.currentPassword, data.newPassword, data.secondFactorCode);
      setChanged(true);
      return empty;
    },
  });
  return (
    <section className="panel" aria-labelledby="password-title">
      <h2 id="password-title">{t('profile.passwordTitle')}</h2>
      <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="form" aria-labelledby="password-title">
        <PasswordField binding={form.field('currentPassword')} label={t('profile.currentPassword')} autoComplete="current-password" />
        <PasswordField binding={form.field('newPassword')} label={t('profile.newPassword')} hint={t('fields.passwordHint')} autoComplete="new-password" />
        <FreshCheckCode binding={form.field('secondFactorCode')} shown={hasSecondFactor} />
        <FormAlert error={form.formError} checkFields={form.checkFields} />
        <StatusMessage>{changed ? <p>{t('profile.passwordChanged')}</p> : null}</StatusMessage>
        <SubmitButton busy={form.busy}>{t('profile.changePassword')}</SubmitButton>
      </form>
    </section>
  );
}
