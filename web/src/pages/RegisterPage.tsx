import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate } from 'react-router-dom';
import { registrationRequest } from '../../../common/api/accounts';
import { register } from '../api/endpoints';
import { addressChecks } from '../components/addressChecks';
import { LegalConsentFields } from '../components/ConsentFields';
import { AddressFields, PersonFields } from '../components/AddressFields';
import { FormAlert, Notice, SubmitButton } from '../components/feedback';
import { NewPasswordField, TextField } from '../components/fields';
import { Page } from '../components/Page';
import { useForm } from '../components/useForm';
import { currentLanguage } from '../i18n';
import { useSession } from '../session/session';

export interface CheckInboxState {
  email?: string;
}

const initial = {
  firstName: '',
  lastName: '',
  dateOfBirth: '',
  email: '',
  street: '',
  houseNumber: '',
  postalCode: '',
  city: '',
  country: 'DE',
  phone: '',
  password: '',
  acceptTerms: false,
  acceptPrivacyPolicy: false,
};

export function RegisterPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { account } = useSession();
  const form = useForm({
    initial,
    schema: registrationRequest,
    toInput: (values) => ({ ...values, locale: currentLanguage() }),
    extraChecks: addressChecks,
    onSubmit: async (data) => {
      await register(data);
      const state: CheckInboxState = { email: data.email };
      void navigate('/register/check-inbox', { state });
    },
  });
  if (account) return <Navigate to="/dashboard" replace />;
  const { field } = form;

  return (
    <Page title={t('register.title')} width="form">
      <p className="lead">{t('register.intro')}</p>
      <Notice>
        <p>
          {t('register.organizationChoice')} <Link to="/register/organization">{t('register.organizationLink')}</Link>
        </p>
      </Notice>
      <p className="form-note">{t('common.allFieldsRequired')}</p>
      <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="form">
        <fieldset>
          <legend>{t('register.personalSection')}</legend>
          <PersonFields field={field} />
        </fieldset>
        <fieldset>
          <legend>{t('register.addressSection')}</legend>
          <AddressFields field={field} />
        </fieldset>
        <fieldset>
          <legend>{t('register.accessSection')}</legend>
          <TextField binding={field('email')} label={t('fields.email')} type="email" autoComplete="email" />
          <NewPasswordField binding={field('password')} />
        </fieldset>
        <fieldset>
          <legend>{t('register.consentSection')}</legend>
          <LegalConsentFields field={field} />
        </fieldset>
        <FormAlert error={form.formError} checkFields={form.checkFields} />
        <SubmitButton busy={form.busy}>{t('register.submit')}</SubmitButton>
      </form>
      <p className="form-footer">
        {t('register.haveAccount')} <Link to="/login">{t('register.loginLink')}</Link>
      </p>
    </Page>
  );
}
