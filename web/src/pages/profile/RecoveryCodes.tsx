import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { recoveryCodesRequest } from '../../../../common/api/second-factor';
import { regenerateRecoveryCodes } from '../../api/secondFactor';
import { FormAlert, SubmitButton } from '../../components/feedback';
import { PasswordField } from '../../components/fields';
import { FreshCheckCode, withoutEmptyCode } from '../../components/FreshCheckCode';
import { useForm } from '../../components/useForm';

/** New recovery codes, shown this once (the server keeps only hashes). */
export function RecoveryCodeSheet({ codes, onDone, doneLabel }: { codes: readonly string[]; onDone: () => void; doneLabel?: string }) {
  const { t } = useTranslation();
  return (
    <div className="recovery-codes">
      <h3>{t('secondFactor.recoveryTitle')}</h3>
      <p>{t('secondFactor.recoveryIntro')}</p>
      <ol aria-label={t('secondFactor.recoveryTitle')}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <p>
        <button type="button" className="button button-secondary" onClick={onDone}>
          {doneLabel ?? t('secondFactor.recoverySaved')}
        </button>
      </p>
    </div>
  );
}

/** How many are left, and a new sheet after asking for the password again. */
export function RecoveryCodesSection({ left, onChanged }: { left: number; onChanged: (left: number) => void }) {
  const { t } = useTranslation();
  const [codes, setCodes] = useState<string[] | undefined>(undefined);
  const form = useForm({
    initial: { currentPassword: '', secondFactorCode: '' },
    schema: recoveryCodesRequest,
    toInput: withoutEmptyCode,
    onSubmit: async (data) => {
      const answer = await regenerateRecoveryCodes(data.currentPassword, data.secondFactorCode);
      setCodes(answer.recoveryCodes);
      onChanged(answer.recoveryCodes.length);
      return { currentPassword: '', secondFactorCode: '' };
    },
  });
  if (codes) return <RecoveryCodeSheet codes={codes} onDone={() => setCodes(undefined)} />;
  return (
    <>
      <h3>{t('secondFactor.recoveryTitle')}</h3>
      <p>{t('secondFactor.recoveryLeft', { count: left })}</p>
      <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="form">
        <PasswordField binding={form.field('currentPassword')} label={t('profile.currentPassword')} autoComplete="current-password" />
        {/* Shown only while the second factor is on, so its code is always asked here. */}
        <FreshCheckCode binding={form.field('secondFactorCode')} shown />
        <FormAlert error={form.formError} checkFields={form.checkFields} />
        <SubmitButton busy={form.busy}>{t('secondFactor.recoveryRegenerate')}</SubmitButton>
      </form>
    </>
  );
}
