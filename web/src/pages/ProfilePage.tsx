import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { FormAlert, Spinner } from '../components/feedback';
import { Page } from '../components/Page';
import { useSession } from '../session/session';
import { SecondFactorStatusProvider } from '../components/SecondFactorStatus';
import { BasicDetailsForm } from './profile/BasicDetailsForm';
import { DetailsForm } from './profile/DetailsForm';
import { EmailChangeForm } from './profile/EmailChangeForm';
import { PasswordChangeForm } from './profile/PasswordChangeForm';
import { PasskeysPanel } from './profile/PasskeysPanel';
import { SecondFactorPanel } from './profile/SecondFactorPanel';
import { SignInsPanel } from './profile/SignInsPanel';
import { useProfile } from './profile/useProfile';

export function ProfilePage() {
  const { t, i18n } = useTranslation();
  const { account } = useSession();
  // Asked for here, not carried by the session: also fresher than a change made in another tab.
  const { profile, error, adopt, reload } = useProfile();
  if (!account) return null;
  const createdAt = new Date(account.createdAt);
  const since = Number.isNaN(createdAt.getTime()) ? undefined : new Intl.DateTimeFormat(i18n.resolvedLanguage, { dateStyle: 'long' }).format(createdAt);
  return (
    <Page title={t('profile.title')}>
      <p className="lead">{t('profile.intro')}</p>
      {since ? <p className="form-note">{t('profile.memberSince', { date: since })}</p> : null}
      <p>
        <Link to="/my-data">{t('myData.profileLink')}</Link>
      </p>
      <SecondFactorStatusProvider>
        <div className="profile-sections">
          {profile ? (
            <>
              {/* People of an organisation have no personal address: only what applies to them. */}
              {profile.kind === 'organization' ? <BasicDetailsForm profile={profile} onSaved={adopt} /> : <DetailsForm profile={profile} onSaved={adopt} />}
              <EmailChangeForm profile={profile} onRequested={reload} />
            </>
          ) : error !== undefined ? (
            <section className="panel">
              <FormAlert error={error}>
                <p>{t('profile.loadFailed')}</p>
              </FormAlert>
              <button type="button" className="button button-secondary" onClick={reload}>
                {t('common.retry')}
              </button>
            </section>
          ) : (
            <Spinner label={t('common.loading')} />
          )}
          <PasswordChangeForm />
          <SecondFactorPanel />
          <PasskeysPanel />
          <SignInsPanel />
        </div>
      </SecondFactorStatusProvider>
    </Page>
  );
}
