import type { FormEvent, ReactNode, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert, StatusMessage, SubmitButton } from '../../components/feedback';
import { SelectField } from '../../components/fields';
import type { FieldBinding } from '../../components/useForm';
import { languages } from '../../i18n';

/**
 * The personal-details panel (Art. 16 GDPR) of either kind of account: heading (which names the
 * form), the fields, the e-mail language and the outcome.
 */
export function DetailsPanel({
  form,
  saved,
  locale,
  intro,
  children,
}: {
  form: {
    formRef: RefObject<HTMLFormElement | null>;
    handleSubmit: (event: FormEvent<HTMLFormElement>) => void;
    formError: unknown;
    checkFields: boolean;
    busy: boolean;
  };
  saved: boolean;
  locale: FieldBinding;
  intro: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const localeOptions = languages.map((language) => ({ value: language, label: t(`languages.${language}`) }));
  return (
    <section className="panel" aria-labelledby="details-title">
      <h2 id="details-title">{t('profile.personalTitle')}</h2>
      {intro}
      <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="form" aria-labelledby="details-title">
        {children}
        <SelectField binding={locale} label={t('fields.locale')} options={localeOptions} />
        <FormAlert error={form.formError} checkFields={form.checkFields} />
        <StatusMessage>{saved && !form.busy ? <p>{t('profile.saved')}</p> : null}</StatusMessage>
        <SubmitButton busy={form.busy}>{t('profile.save')}</SubmitButton>
      </form>
    </section>
  );
}
