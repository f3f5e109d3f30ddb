import { useTranslation } from 'react-i18next';
import { memberSecondFactorResetRequest } from '../../../../common/api/second-factor';
import { resetMemberSecondFactor } from '../../api/secondFactor';
import { FormAlert, SubmitButton } from '../../components/feedback';
import { PasswordField } from '../../components/fields';
import { FreshCheckCode, useHasSecondFactor, withoutEmptyCode } from '../../components/FreshCheckCode';
import { useForm } from '../../components/useForm';

const empty = { currentPassword: '', secondFactorCode: '' };

/**
 * Issue 12: the representative resets a member's second factor (a lost phone). A sensitive action,
 * so it asks for the representative's own password and second factor; the member is told by e-mail.
 */
export function SecondFactorResetForm({ memberId, name, onDone, onCancel }: { memberId: string; name: string; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const hasSecondFactor = useHasSecondFactor();
  const titleId = `member-${memberId}-reset-title`;
  const form = useForm({
    initial: empty,
    schema: memberSecondFactorResetRequest,
    toInput: withoutEmptyCode,
    onSubmit: async (data) => {
      await resetMemberSecondFactor(memberId, data.currentPassword, data.secondFactorCode);
      onDone();
      return empty;
    },
  });
  return (
    <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="form member-reset" aria-labelledby={titleId}>
      <p id={titleId}>{t('organization.resetSecondFactor.question', { name })}</p>
      <PasswordField binding={form.field('currentPassword')} label={t('organization.resetSecondFactor.password')} autoComplete="current-password" />
      <FreshCheckCode binding={form.field('secondFactorCode')} shown={hasSecondFactor} />
      <FormAlert error={form.formError} checkFields={form.checkFields} />
      <div className="member-buttons">
        <SubmitButton busy={form.busy}>{t('organization.resetSecondFactor.confirm')}</SubmitButton>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('organization.resetSecondFactor.cancel')}
        </button>
      </div>
    </form>
  );
}
