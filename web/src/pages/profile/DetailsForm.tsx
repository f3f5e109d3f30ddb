import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { profileUpdateRequest, type Profile } from '../../../../common/api/accounts';
import { updateProfile } from '../../api/endpoints';
import { addressChecks, displayPhone } from '../../components/addressChecks';
import { AddressFields, PersonFields } from '../../components/AddressFields';
import { FormAlert, StatusMessage, SubmitButton } from '../../components/feedback';
import { SelectField } from '../../components/fields';
import { useForm } from '../../components/useForm';
import { languages } from '../../i18n';
import { replaceAccount } from '../../session/session';

function valuesOf(profile: Profile) {
  return {
    firstName: profile.firstName,
    lastName: profile.lastName,
    dateOfBirth: profile.dateOfBirth ?? '',
    street: profile.street ?? '',
    houseNumber: profile.houseNumber ?? '',
    postalCode: profile.postalCode ?? '',
    city: profile.city ?? '',
    country: profile.country ?? '',
    phone: displayPhone(profile.phone ?? ''),
    locale: profile.locale as string,
  };
}

/** Rectification of one's own data (Art. 16 GDPR): everything but the e-mail address and password. */
export function DetailsForm({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  const form = useForm({
    initial: valuesOf(profile),
    schema: profileUpdateRequest,
    toInput: (values) => ({ ...values, locale: values.locale as Profile['locale'] }),
    extraChecks: addressChecks,
    onSubmit: async (data) => {
      setSaved(false);
      const updated = await updateProfile(data);
      replaceAccount(updated);
      setSaved(true);
      return valuesOf(updated);
    },
  });
  const localeOptions = languages.map((language) => ({ value: language, label: t(`languages.${language}`) }));
  return (
    <section className="panel" aria-labelledby="details-title">
      <h2 id="details-title">{t('profile.personalTitle')}</h2>
      <p className="form-note">{t('common.allFieldsRequired')}</p>
      <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="form" aria-labelledby="details-title">
        <PersonFields field={form.field} />
        <AddressFields field={form.field} />
        <SelectField binding={form.field('locale')} label={t('fields.locale')} options={localeOptions} />
        <FormAlert error={form.formError} checkFields={form.checkFields} />
        <StatusMessage>{saved && !form.busy ? <p>{t('profile.saved')}</p> : null}</StatusMessage>
        <SubmitButton busy={form.busy}>{t('profile.save')}</SubmitButton>
      </form>
    </section>
  );
}
