import { useTranslation } from 'react-i18next';
import { profileUpdateRequest, type Profile } from '../../../../common/api/accounts';
import { updateProfile } from '../../api/endpoints';
import { addressChecks, displayPhone } from '../../components/addressChecks';
import { AddressFields, PersonFields } from '../../components/AddressFields';
import { useSaveForm } from '../../components/useSaveForm';
import { DetailsPanel } from './DetailsPanel';

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
export function DetailsForm({ profile, onSaved }: { profile: Profile; onSaved: (profile: Profile) => void }) {
  const { t } = useTranslation();
  const { form, saved } = useSaveForm({
    record: profile,
    valuesOf,
    schema: profileUpdateRequest,
    toInput: (values) => ({ ...values, locale: values.locale as Profile['locale'] }),
    extraChecks: addressChecks,
    save: updateProfile,
    onSaved,
  });
  return (
    <DetailsPanel form={form} saved={saved} locale={form.field('locale')} intro={<p className="form-note">{t('common.allFieldsRequired')}</p>}>
      <PersonFields field={form.field} />
      <AddressFields field={form.field} />
    </DetailsPanel>
  );
}
