import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { basicProfileUpdateRequest, type Profile } from '../../../../common/api/accounts';
import { updateBasicProfile } from '../../api/endpoints';
import { PersonFields } from '../../components/AddressFields';
import { FormAlert, StatusMessage, SubmitButton } from '../../components/feedback';
import { SelectField, TextField } from '../../components/fields';
import { useForm } from '../../components/useForm';
import { languages } from '../../i18n';
import { replaceAccount } from '../../session/session';
import { roleLabel } from '../organization/model';

function valuesOf(profile: Profile) {
  return { firstName: profile.firstName, lastName: profile.lastName, dateOfBirth: profile.dateOfBirth ?? '', locale: profile.locale as string };
}

/**
 * Personal details of people of an organisation (representative, members, staff): they give only
 * a name — address and phone are the organisation's — so only name and language are shown and
 * rectified (Art. 16 GDPR); the representative also rectifies the date of birth given at registration.
 */
export function BasicDetailsForm({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  const representative = profile.organizationRole === 'representative';
  const form = useForm({
    initial: valuesOf(profile),
    schema: basicProfileUpdateRequest,
    toInput: ({ dateOfBirth, ...values }) => ({
      ...values,
      ...(representative ? { dateOfBirth } : {}),
      locale: values.locale as Profile['locale'],
    }),
    onSubmit: async (data) => {
      setSaved(false);
      const updated = await updateBasicProfile(data);
      replaceAccount(updated);
      setSaved(true);
      return valuesOf(updated);
    },
  });
  const localeOptions = languages.map((language) => ({ value: language, label: t(`languages.${language}`) }));
  return (
    <section className="panel" aria-labelledby="details-title">
      <h2 id="details-title">{t('profile.personalTitle')}</h2>
      {profile.organizationRole ? (
        <p>
          {t('profile.yourRole', { role: roleLabel(t, profile.organizationRole) })}{' '}
          <Link to="/organization">{t('profile.organizationLink')}</Link>
        </p>
      ) : null}
      <p className="form-note">{t('profile.organizationNote')}</p>
      <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="form" aria-labelledby="details-title">
        {representative ? (
          <PersonFields field={form.field} />
        ) : (
          <div className="field-row">
            <TextField binding={form.field('firstName')} label={t('fields.firstName')} autoComplete="given-name" />
            <TextField binding={form.field('lastName')} label={t('fields.lastName')} autoComplete="family-name" />
          </div>
        )}
        <SelectField binding={form.field('locale')} label={t('fields.locale')} options={localeOptions} />
        <FormAlert error={form.formError} checkFields={form.checkFields} />
        <StatusMessage>{saved && !form.busy ? <p>{t('profile.saved')}</p> : null}</StatusMessage>
        <SubmitButton busy={form.busy}>{t('profile.save')}</SubmitButton>
      </form>
    </section>
  );
}
