import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Page } from '../components/Page';
import { useSiteInfo } from '../site/useSiteInfo';

/** Erklärung zur Barrierefreiheit: standard, known limits, feedback, enforcement body (from configuration). */
export function AccessibilityPage() {
  const { t } = useTranslation();
  const site = useSiteInfo();
  const body = site?.accessibilityEnforcementBody;
  return (
    <Page title={t('accessibility.title')}>
      <p>{t('accessibility.lead')}</p>
      <h2>{t('accessibility.standardTitle')}</h2>
      <p>{t('accessibility.standardText')}</p>
      <h2>{t('accessibility.limitsTitle')}</h2>
      <ul>
        <li>{t('accessibility.limit1')}</li>
        <li>{t('accessibility.limit2')}</li>
        <li>{t('accessibility.limit3')}</li>
      </ul>
      <h2>{t('accessibility.feedbackTitle')}</h2>
      <p>
        {t('accessibility.feedbackText')} <Link to="/contact">{t('accessibility.feedbackLink')}</Link>
        {t('accessibility.feedbackAfter')}
      </p>
      <h2>{t('accessibility.enforcementTitle')}</h2>
      {body ? (
        <>
          <p>{t('accessibility.enforcementText')}</p>
          <address>
            <strong>{body.name}</strong>
            <br />
            {body.address}
            <br />
            <a href={body.url} rel="noreferrer">
              {body.url}
            </a>
          </address>
        </>
      ) : (
        <p>{t('accessibility.enforcementNone')}</p>
      )}
      <p>{t('accessibility.updated')}</p>
    </Page>
  );
}
