import { useTranslation } from 'react-i18next';
import { useSiteInfo } from '../site/useSiteInfo';

/** Development only: where "check your inbox" pages point, since no mail leaves the machine. */
export function DevOutboxHint() {
  const { t } = useTranslation();
  const site = useSiteInfo();
  if (!site?.devOutbox) return null;
  return (
    <div className="alert alert-info dev-outbox">
      <p>{t('devOutbox.text')}</p>
      <p>
        {/* A server-rendered page, so a plain link rather than a router link. */}
        <a href="/dev/outbox">{t('devOutbox.link')}</a>
      </p>
    </div>
  );
}
