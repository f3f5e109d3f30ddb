import { useEffect, useId, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router-dom';
import { useSiteInfo } from '../site/useSiteInfo';
import {
  analyticsLoaded,
  isUntrackedPage,
  loadAnalytics,
  mayLoadAnalyticsAt,
  removeAnalytics,
  storedChoice,
  storeChoice,
  type AnalyticsChoice,
} from './analytics';
import './consent.css';

export interface AnalyticsConsent {
  /** False while no analytics is configured: then there is no banner and no footer link. */
  configured: boolean;
  reopen(): void;
  banner: ReactElement | null;
}

/** The consent banner and its state; the layout shows the banner and the footer link "Cookie settings". */
export function useAnalyticsConsent(): AnalyticsConsent {
  const site = useSiteInfo();
  const scriptUrl = site?.analyticsUrl ?? null;
  const [choice, setChoice] = useState<AnalyticsChoice | undefined>(() => storedChoice());
  const [reopened, setReopened] = useState(false);
  const location = useLocation();
  const allowedHere = mayLoadAnalyticsAt(location);

  // A visit that starts on a call page or a mailed link loads it only once the visitor moves on.
  useEffect(() => {
    if (scriptUrl && choice === 'granted' && allowedHere) loadAnalytics(scriptUrl);
  }, [scriptUrl, choice, allowedHere]);
  // A loaded script cannot be unloaded, and trackers follow in-app navigation: a call page reached
  // from a page where it runs is loaded afresh, without it.
  useEffect(() => {
    if (isUntrackedPage(location.pathname) && analyticsLoaded()) window.location.reload();
  }, [location.pathname]);

  if (!scriptUrl) return { configured: false, reopen: () => undefined, banner: null };
  const decide = (next: AnalyticsChoice) => {
    storeChoice(next);
    setChoice(next);
    setReopened(false);
    // Withdrawal takes effect at once: what the script started ends with the page.
    if (next === 'denied' && removeAnalytics()) window.location.reload();
  };
  const open = reopened || choice === undefined;
  return {
    configured: true,
    reopen: () => setReopened(true),
    banner: open ? (
      <ConsentBanner
        host={new URL(scriptUrl).host}
        choice={choice}
        focusOnOpen={reopened}
        onDecide={decide}
        onClose={choice ? () => setReopened(false) : undefined}
      />
    ) : null,
  };
}

function ConsentBanner({
  host,
  choice,
  focusOnOpen,
  onDecide,
  onClose,
}: {
  host: string;
  choice: AnalyticsChoice | undefined;
  focusOnOpen: boolean;
  onDecide: (choice: AnalyticsChoice) => void;
  onClose: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnOpen) heading.current?.focus();
  }, [focusOnOpen]);
  return (
    <section className="consent-banner" aria-labelledby={titleId}>
      <div className="consent-inner">
        <h2 id={titleId} ref={heading} tabIndex={-1}>
          {t('consent.title')}
        </h2>
        <p>{t('consent.text', { host })}</p>
        {choice ? <p>{choice === 'granted' ? t('consent.statusGranted') : t('consent.statusDenied')}</p> : null}
        {/* Both answers look alike and are equally easy to give (and to change later). */}
        <div className="actions">
          <button type="button" className="button button-secondary" onClick={() => onDecide('granted')} aria-pressed={choice === 'granted'}>
            {t('consent.accept')}
          </button>
          <button type="button" className="button button-secondary" onClick={() => onDecide('denied')} aria-pressed={choice === 'denied'}>
            {choice === 'granted' ? t('consent.withdraw') : t('consent.decline')}
          </button>
          {onClose ? (
            <button type="button" className="button button-secondary" onClick={onClose}>
              {t('consent.close')}
            </button>
          ) : null}
        </div>
      </div>
    </section>
  );
}
