import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { memberAcceptRequest } from '../../../../common/api/organizations';
import { ApiError } from '../../api/client';
import { acceptInvitation } from '../../api/organizations';
import { FormAlert, Notice, SubmitButton } from '../../components/feedback';
import { CheckboxField, PasswordField, TextField } from '../../components/fields';
import { Page } from '../../components/Page';
import type { LoginState } from '../../components/RequireAuth';
import { plausibleToken, useFragmentToken } from '../../components/useFragmentToken';
import { useForm } from '../../components/useForm';
import { useSession } from '../../session/session';
import { LegalLink } from '../RegisterPage';
import './organization.css';

/** The form's part of memberAcceptRequest; the token comes from the link. */
const schema = memberAcceptRequest.omit({ token: true });

const initial = { firstName: '', lastName: '', password: '', acceptTerms: false, acceptPrivacyPolicy: false };

type Outcome = 'form' | 'accepted' | 'expired' | 'invalid';

/** `/accept-invitation#TOKEN`: an invited colleague gives a name and password (the link proves the address). */
export function AcceptInvitationPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { account } = useSession();
  const token = useFragmentToken();
  const [outcome, setOutcome] = useState<Outcome>(plausibleToken(token) ? 'form' : 'invalid');
  // The same link opened again in this tab brings a new token: start over.
  const [tokenShown, setTokenShown] = useState(token);
  if (token !== tokenShown) {
    setTokenShown(token);
    setOutcome(plausibleToken(token) ? 'form' : 'invalid');
  }
  const form = useForm({
    initial,
    schema,
    toInput: (values) => values,
    onSubmit: async (data) => {
      await acceptInvitation({ ...data, token });
      if (account) {
        // The login page would send a logged-in person on to the dashboard: say it here.
        setOutcome('accepted');
        return;
      }
      const state: LoginState = { invitationAccepted: true };
      navigate('/login', { state });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'token_expired') setOutcome('expired');
      else if (error instanceof ApiError && error.code === 'token_invalid') setOutcome('invalid');
      else return false;
      return true;
    },
  });

  const titles: Record<Outcome, string> = {
    form: t('acceptInvitation.title'),
    accepted: t('acceptInvitation.titleAccepted'),
    expired: t('acceptInvitation.titleExpired'),
    invalid: t('acceptInvitation.titleInvalid'),
  };
  const { field } = form;
  return (
    <Page title={titles[outcome]} width={outcome === 'form' ? 'form' : 'narrow'}>
      {outcome === 'form' ? (
        <>
          <p className="lead">{t('acceptInvitation.intro')}</p>
          {account ? (
            <Notice tone="warning">
              <p>{t('acceptInvitation.loggedIn', { name: `${account.firstName} ${account.lastName}`.trim() || account.email })}</p>
            </Notice>
          ) : null}
          <p className="form-note">{t('common.allFieldsRequired')}</p>
          <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="form">
            <div className="field-row">
              <TextField binding={field('firstName')} label={t('fields.firstName')} autoComplete="given-name" />
              <TextField binding={field('lastName')} label={t('fields.lastName')} autoComplete="family-name" />
            </div>
            <p className="form-note accept-name-note">{t('acceptInvitation.nameHint')}</p>
            <PasswordField
              binding={field('password')}
              label={t('fields.password')}
              hint={t('fields.passwordHint')}
              autoComplete="new-password"
            />
            <CheckboxField
              binding={field('acceptTerms')}
              label={t('fields.acceptTerms')}
              extra={<LegalLink to="/terms">{t('fields.readTerms')}</LegalLink>}
            />
            <CheckboxField
              binding={field('acceptPrivacyPolicy')}
              label={t('fields.acceptPrivacyPolicy')}
              extra={<LegalLink to="/privacy">{t('fields.readPrivacyPolicy')}</LegalLink>}
            />
            <FormAlert error={form.formError} checkFields={form.checkFields} />
            <SubmitButton busy={form.busy}>{t('acceptInvitation.submit')}</SubmitButton>
          </form>
        </>
      ) : null}
      {outcome === 'accepted' ? (
        <div className="alert alert-success" role="status">
          <p>{t('acceptInvitation.accepted')}</p>
        </div>
      ) : null}
      {outcome === 'expired' || outcome === 'invalid' ? (
        <>
          <div className="alert alert-error" role="alert">
            <p>{outcome === 'expired' ? t('acceptInvitation.expired') : t('acceptInvitation.invalid')}</p>
          </div>
          <p>
            <Link to="/login" className="button button-primary">
              {t('acceptInvitation.toLogin')}
            </Link>
          </p>
        </>
      ) : null}
    </Page>
  );
}
