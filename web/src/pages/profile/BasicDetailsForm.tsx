import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { basicProfileUpdateRequest, type Profile } from '../../../../common/api/accounts';
import { updateBasicProfile } from '../../api/endpoints';
import { NameFields, PersonFields } from '../../components/AddressFields';
import { useSaveForm } from '../../components/useSaveForm';
import { roleLabel } from '../organization/model';
import { DetailsPanel } from './DetailsPanel';

function valuesOf(profile: Profile) {
  return { firstName: profile.firstName, lastName: profile.lastName, dateOfBirth: profile.dateOfBirth ?? '', locale: profile.locale as string };
}

/**
 * Personal details of people of an organisation (representative, members, staff): they give only
 * a name — address and phone are the organisation's — so only name and language are shown and
 * rectified (Art. 16 GDPR); the representative also rectifies the date of birth given at registration.
 */
export function BasicDetailsForm({ profile, onSaved }: { profile: Profile; onSaved: (profile: Profile) => void }) {
  const { t } = useTranslation();
  const representative = profile.organizationRole === 'representative';
  const { form, saved } = useSaveForm({
    record: profile,
    valuesOf,
    schema: basicProfileUpdateRequest,
    toInput: ({ dateOfBirth, ...values }) => ({
      ...values,
      ...(representative ? { dateOfBirth } : {}),
      locale: values.locale as Profile['locale'],
    }),
    save: updateBasicProfile,
    onSaved,
  });
  const intro = (
    <>
      {profile.organizationRole ? (
        <p>
          {t('profile.yourRole', { role: roleLabel(t, profile.organizationRole) })} <Link to="/organization">{t('profile.organizationLink')}</Link>
        </p>
      ) : null}
      <p className="form-note">{t('profile.organizationNote')}</p>
    </>
  );
  return (
    <DetailsPanel form={form} saved={saved} locale={form.field('locale')} intro={intro}>
      {representative ? <PersonFields field={form.field} /> : <NameFields field={form.field} />}
    </DetailsPanel>
  );
}
