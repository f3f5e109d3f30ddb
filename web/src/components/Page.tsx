import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Every page renders its heading through this at once (also while loading), so that the layout
 * can move focus to the <h1> after each navigation. The document title follows the heading.
 */
export function Page({
  title,
  documentTitle,
  children,
  width = 'wide',
}: {
  title: ReactNode;
  /** Defaults to the title when that is plain text. */
  documentTitle?: string;
  children?: ReactNode;
  width?: 'narrow' | 'form' | 'wide';
}) {
  const { t } = useTranslation();
  const pageName = documentTitle ?? (typeof title === 'string' ? title : '');
  useEffect(() => {
    document.title = pageName ? t('common.pageTitle', { page: pageName }) : t('common.appName');
  }, [pageName, t]);
  return (
    <div className={`page page-${width}`}>
      <h1 tabIndex={-1} className="page-title">
        {title}
      </h1>
      {children}
    </div>
  );
}
