import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate } from 'react-router-dom';
import { organizationRegistrationRequest } from '../../../../common/api/organizations';
import { registerOrganization } from '../../api/organizations';
import { LegalConsentFields } from '../../components/ConsentFields';
import { AddressFields, PersonFields } from '../../components/AddressFields';
import { FormAlert, Notice, SubmitButton } from '../../components/feedback';
import { NewPasswordField, TextField } from '../../components/fields';
import { Page } from '../../components/Page';
import { useForm } from '../../components/useForm';
import { currentLanguage } from '../../i18n';
import { useSession } from '../../session/session';
import type { CheckInboxState } from '../RegisterPage';
import { initialRegistrationValues, organizationAddressChecks, toRegistrationInput } from './model';

/** P-06: the representative registers the organisation; its e-mail becomes their login and is confirmed by a link. */
export function RegisterOrganizationPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { account } = useSession();
  const form = useForm({
    initial: initialRegistrationValues,
    schema: organizationRegistrationRequest,
    toInput: (values) => toRegistrationInput(values, currentLanguage()),
    extraChecks: organizationAddressChecks,
    onSubmit: async (data) => {
      await registerOrganization(data);
      const state: CheckInboxState = { email: data.organization.email };
      void navigate('/register/check-inbox', { state });
    },
  });
  if (account) return <Navigate to="/dashboard" replace />;
  const { field } = form;

  return (
    <Page title={t('registerOrganization.title')} width="form">
      <p className="lead">{t('registerOrganization.intro')}</p>
      <Notice>
        <p>
          {t('registerOrganization.individualChoice')} <Link to="/register">{t('registerOrganization.individualLink')}</Link>
        </p>
      </Notice>
      <p className="form-note">{t('common.allFieldsRequired')}</p>
      <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="form">
        <fieldset>
          <legend>{t('registerOrganization.representativeSection')}</legend>
          <PersonFields field={(name) => field(`representative.${name}`)} />
        </fieldset>
        <fieldset>
          <legend>{t('registerOrganization.organizationSection')}</legend>
          <TextField binding={field('organization.name')} label={t('organization.name')} hint={t('organization.nameHint')} autoComplete="organization" />
          <TextField
            binding={field('organization.email')}
            label={t('organization.email')}
            hint={t('registerOrganization.emailHint')}
            type="email"
            autoComplete="email"
          />
        </fieldset>
        <fieldset>
          <legend>{t('registerOrganization.addressSection')}</legend>
          <AddressFields field={(name) => field(`organization.${name}`)} />
        </fieldset>
        <fieldset>
          <legend>{t('registerOrganization.accessSection')}</legend>
          <NewPasswordField binding={field('representative.password')} />
        </fieldset>
        <fieldset>
          <legend>{t('registerOrganization.consentSection')}</legend>
          <LegalConsentFields field={field} />
        </fieldset>
        <FormAlert error={form.formError} checkFields={form.checkFields} />
        <SubmitButton busy={form.busy}>{t('registerOrganization.submit')}</SubmitButton>
      </form>
      <p className="form-footer">
        {t('registerOrganization.haveAccount')} <Link to="/login">{t('registerOrganization.loginLink')}</Link>
      </p>
    </Page>
  );
}
