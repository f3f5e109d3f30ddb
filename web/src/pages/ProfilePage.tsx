import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { getProfile } from '../api/endpoints';
import { Page } from '../components/Page';
import { replaceAccount, useSession } from '../session/session';
import { SecondFactorStatusProvider } from '../components/SecondFactorStatus';
import { BasicDetailsForm } from './profile/BasicDetailsForm';
import { DetailsForm } from './profile/DetailsForm';
import { EmailChangeForm } from './profile/EmailChangeForm';
import { PasswordChangeForm } from './profile/PasswordChangeForm';
import { PasskeysPanel } from './profile/PasskeysPanel';
import { SecondFactorPanel } from './profile/SecondFactorPanel';
import { SignInsPanel } from './profile/SignInsPanel';

export function ProfilePage() {
  const { t, i18n } = useTranslation();
  const { account } = useSession();
  // The session's copy may be older than a change made in another tab (e.g. a confirmed address).
  useEffect(() => {
    getProfile().then(replaceAccount, () => undefined);
  }, []);
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
          {/* People of an organisation have no personal address: only what applies to them. */}
          {account.kind === 'organization' ? <BasicDetailsForm profile={account} /> : <DetailsForm profile={account} />}
          <EmailChangeForm profile={account} />
          <PasswordChangeForm />
          <SecondFactorPanel />
          <PasskeysPanel />
          <SignInsPanel />
        </div>
      </SecondFactorStatusProvider>
    </Page>
  );
}
