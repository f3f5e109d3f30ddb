import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Profile } from '../../../common/api/accounts';
import { Notice } from '../components/feedback';
import { Page } from '../components/Page';

export function DashboardPage({ account }: { account: Profile }) {
  const { t } = useTranslation();
  const name = `${account.firstName} ${account.lastName}`;
  return (
    <Page title={t('dashboard.welcome', { name })} documentTitle={t('dashboard.title')}>
      {account.pendingEmail ? (
        <Notice tone="warning">
          <p>{t('dashboard.pendingEmail', { email: account.pendingEmail })}</p>
        </Notice>
      ) : null}
      <section className="empty-state" aria-labelledby="empty-title">
        <div className="empty-illustration" aria-hidden="true" />
        <h2 id="empty-title">{t('dashboard.emptyTitle')}</h2>
        <p>{t('dashboard.emptyText')}</p>
      </section>
      <section className="panel" aria-labelledby="next-title">
        <h2 id="next-title">{t('dashboard.nextTitle')}</h2>
        <ul className="next-steps">
          <li>
            <p>{t('dashboard.nextProfile')}</p>
            <Link to="/profile" className="button button-secondary">
              {t('dashboard.nextProfileLink')}
            </Link>
          </li>
          <li>
            <p>{t('dashboard.nextPrivacy')}</p>
            <Link to="/privacy" className="button button-secondary">
              {t('dashboard.nextPrivacyLink')}
            </Link>
          </li>
        </ul>
      </section>
    </Page>
  );
}
