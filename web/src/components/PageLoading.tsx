import { Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Spinner } from './feedback';
import { Page } from './Page';

/** Shown while a page's own chunk loads; the header and footer stay. */
export function PageLoading({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Suspense
      fallback={
        <Page title={t('common.loading')}>
          <Spinner label={t('common.loading')} />
        </Page>
      }
    >
      {children}
    </Suspense>
  );
}
