import { useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { Profile } from '../../../../common/api/accounts';
import { FormAlert, StatusMessage, SubmitButton } from '../../components/feedback';
import { SelectField } from '../../components/fields';
import { useForm, type FieldBinding, type FormOptions } from '../../components/useForm';
import { languages } from '../../i18n';
import { replaceAccount } from '../../session/session';

type DetailsValues = Record<string, string> & { locale: string };

/**
 * The personal-details form (Art. 16 GDPR) of either kind of account: starts from the profile, and
 * after saving shows what the server stored, puts it into the session and says "saved".
 */
export function useDetailsForm<V extends DetailsValues, S extends z.ZodType>({
  profile,
  valuesOf,
  save,
  ...options
}: Omit<FormOptions<V, S>, 'initial' | 'onSubmit'> & {
  profile: Profile;
  valuesOf: (profile: Profile) => V;
  save: (data: z.output<S>) => Promise<Profile>;
}) {
  const [saved, setSaved] = useState(false);
  const form = useForm({
    ...options,
    initial: valuesOf(profile),
    onSubmit: async (data) => {
      setSaved(false);
      const updated = await save(data);
      replaceAccount(updated);
      setSaved(true);
      return valuesOf(updated);
    },
  });
  return { form, saved };
}

/** The panel around the form: heading (which names the form), the fields, the e-mail language and the outcome. */
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
