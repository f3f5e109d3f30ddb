import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { memberAcceptRequest } from '../../../../common/api/organizations';
import { acceptInvitation } from '../../api/organizations';
import { LegalConsentFields } from '../../components/ConsentFields';
import { NameFields } from '../../components/AddressFields';
import { FormAlert, Notice, SubmitButton } from '../../components/feedback';
import { NewPasswordField } from '../../components/fields';
import { Page } from '../../components/Page';
import type { LoginState } from '../../components/RequireAuth';
import { useLinkFormOutcome, type LinkFormOutcome } from '../../components/useFragmentToken';
import { useForm } from '../../components/useForm';
import { useSession } from '../../session/session';
import './organization.css';

/** The form's part of memberAcceptRequest; the token comes from the link. */
const schema = memberAcceptRequest.omit({ token: true });

const initial = { firstName: '', lastName: '', password: '', acceptTerms: false, acceptPrivacyPolicy: false };

type Outcome = LinkFormOutcome | 'accepted';

/** `/accept-invitation#TOKEN`: an invited colleague gives a name and password (the link proves the address). */
export function AcceptInvitationPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { account } = useSession();
  const { token, outcome, setOutcome, onTokenError } = useLinkFormOutcome<'accepted'>();
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
      void navigate('/login', { state });
    },
    onError: onTokenError,
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
            <NameFields field={field} />
            <p className="form-note accept-name-note">{t('acceptInvitation.nameHint')}</p>
            <NewPasswordField binding={field('password')} />
            <LegalConsentFields field={field} />
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
