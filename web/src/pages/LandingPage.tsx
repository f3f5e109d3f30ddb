import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Page } from '../components/Page';
import { useSession } from '../session/session';
import { useSiteInfo } from '../site/useSiteInfo';

const features = ['E2e', 'NoInstall', 'WaitingRoom', 'Eu', 'NoAds', 'Open'] as const;
/** "No tracking" is not true where the operator offers analytics (with consent): say what is. */
const withAnalytics = (feature: (typeof features)[number]) => (feature === 'NoAds' ? 'NoAdsWithAnalytics' : feature);
const steps = ['howStep1', 'howStep2', 'howStep3'] as const;

export function LandingPage() {
  const { t } = useTranslation();
  const { account } = useSession();
  const shown = useSiteInfo()?.analyticsUrl ? features.map(withAnalytics) : features;
  return (
    <Page title={t('landing.title')}>
      <div className="hero">
        <p className="lead">{t('landing.lead')}</p>
        <p className="actions">
          {account ? (
            <Link to="/dashboard" className="button button-primary">
              {t('landing.ctaDashboard')}
            </Link>
          ) : (
            <>
              <Link to="/register" className="button button-primary">
                {t('landing.ctaRegister')}
              </Link>
              <Link to="/login" className="button button-secondary">
                {t('landing.ctaLogin')}
              </Link>
            </>
          )}
        </p>
      </div>

      <section aria-labelledby="for-whom" className="section">
        <h2 id="for-whom">{t('landing.forWhomTitle')}</h2>
        <p>{t('landing.forWhomText')}</p>
      </section>

      <section aria-labelledby="features" className="section">
        <h2 id="features">{t('landing.featuresTitle')}</h2>
        <ul className="feature-grid">
          {shown.map((feature) => (
            <li key={feature} className={`feature feature-${feature.toLowerCase()}`}>
              <h3>{t(`landing.feature${feature}Title`)}</h3>
              <p>{t(`landing.feature${feature}Text`)}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="how" className="section">
        <h2 id="how">{t('landing.howTitle')}</h2>
        <ol className="steps">
          {steps.map((step) => (
            <li key={step}>{t(`landing.${step}`)}</li>
          ))}
        </ol>
        <p className="form-note">{t('landing.howNote')}</p>
        <p>
          {t('help.landingText')} <Link to="/help">{t('help.landingLink')}</Link>
        </p>
      </section>

      <p className="medical-note">{t('landing.medicalNote')}</p>
    </Page>
  );
}
