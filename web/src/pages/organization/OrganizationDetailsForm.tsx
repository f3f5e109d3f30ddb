import { useTranslation } from 'react-i18next';
import { organizationUpdateRequest, type OrganizationView } from '../../../../common/api/organizations';
import { updateOrganization } from '../../api/organizations';
import { addressChecks, displayPhone } from '../../components/addressChecks';
import { AddressFields } from '../../components/AddressFields';
import { FormAlert, StatusMessage, SubmitButton } from '../../components/feedback';
import { TextField } from '../../components/fields';
import { useSaveForm } from '../../components/useSaveForm';

function valuesOf(organization: OrganizationView) {
  return {
    name: organization.name,
    street: organization.street,
    houseNumber: organization.houseNumber,
    postalCode: organization.postalCode,
    city: organization.city,
    country: organization.country,
    phone: displayPhone(organization.phone),
  };
}

/** The representative rectifies the organisation's name, address and phone (the e-mail stays). */
export function OrganizationDetailsForm({ organization, onSaved }: { organization: OrganizationView; onSaved: (organization: OrganizationView) => void }) {
  const { t } = useTranslation();
  const { form, saved } = useSaveForm({
    record: organization,
    valuesOf,
    schema: organizationUpdateRequest,
    toInput: (values) => values,
    extraChecks: addressChecks,
    save: updateOrganization,
    onSaved,
  });
  return (
    <section className="panel" aria-labelledby="organization-details-title">
      <h2 id="organization-details-title">{t('organization.detailsTitle')}</h2>
      <p>{t('organization.emailShown', { email: organization.email })}</p>
      <p className="form-note">{t('common.allFieldsRequired')}</p>
      <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="form" aria-labelledby="organization-details-title">
        <TextField binding={form.field('name')} label={t('organization.name')} hint={t('organization.nameHint')} autoComplete="organization" />
        <AddressFields field={form.field} />
        <FormAlert error={form.formError} checkFields={form.checkFields} />
        <StatusMessage>{saved && !form.busy ? <p>{t('organization.saved')}</p> : null}</StatusMessage>
        <SubmitButton busy={form.busy}>{t('organization.save')}</SubmitButton>
      </form>
    </section>
  );
}
