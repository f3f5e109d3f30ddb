import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Page } from '../components/Page';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('notFound.title')} width="narrow">
      <p>{t('notFound.text')}</p>
      <p>
        <Link to="/" className="button button-primary">
          {t('common.backToStart')}
        </Link>
      </p>
    </Page>
  );
}
