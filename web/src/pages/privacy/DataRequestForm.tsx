import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { reauthenticationRequest } from '../../../../common/api/privacy-rights';
import { sendDataRequest, type DataRequest } from '../../api/privacy';
import { FormAlert } from '../../components/feedback';
import { PasswordField } from '../../components/fields';
import { FreshCheckCode, useHasSecondFactor, withoutEmptyCode } from '../../components/FreshCheckCode';
import { useForm } from '../../components/useForm';
import { endOwnLogin } from '../../session/session';

const outcome: Record<DataRequest, string> = {
  restrict: 'restricted',
  'delete-account': 'deleted',
  'delete-organization': 'organization-deleted',
};

/**
 * One request that ends the account's processing (restriction, erasure). Typing the current
 * password is the confirmation: nothing happens on a single click.
 */
export function DataRequestForm({ kind, title, text, submit }: { kind: DataRequest; title: string; text: string[]; submit: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const titleId = useId();
  const hasSecondFactor = useHasSecondFactor();
  const form = useForm({
    initial: { currentPassword: '', secondFactorCode: '' },
    schema: reauthenticationRequest,
    toInput: withoutEmptyCode,
    onSubmit: async (data) => {
      await endOwnLogin(() => sendDataRequest(kind, data.currentPassword, data.secondFactorCode));
      void navigate(`/my-data/${outcome[kind]}`, { replace: true });
    },
  });
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      {text.map((paragraph) => (
        <p key={paragraph}>{paragraph}</p>
      ))}
      <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="form" aria-labelledby={titleId}>
        <PasswordField binding={form.field('currentPassword')} label={t('myData.password')} autoComplete="current-password" />
        <FreshCheckCode binding={form.field('secondFactorCode')} shown={hasSecondFactor} />
        <FormAlert error={form.formError} checkFields={form.checkFields} />
        <button type="submit" className="button button-danger" disabled={form.busy} aria-disabled={form.busy || undefined}>
          {form.busy ? <span className="spinner" aria-hidden="true" /> : null}
          {submit}
        </button>
      </form>
    </section>
  );
}
