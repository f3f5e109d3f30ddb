import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { countriesFor } from './countries';
import { SelectField, type Option } from './fields';
import type { FieldBinding } from './useForm';

export function CountrySelect({ binding }: { binding: FieldBinding }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'de';
  const options = useMemo<Option[]>(() => {
    const { preferred, others } = countriesFor(language);
    const toOption = ({ code, name }: { code: string; name: string }) => ({ value: code, label: name });
    return [...preferred.map(toOption), { value: '', label: '──────────', disabled: true }, ...others.map(toOption)];
  }, [language]);
  return <SelectField binding={binding} label={t('fields.country')} options={options} autoComplete="country" />;
}
