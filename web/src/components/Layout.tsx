import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { logout } from '../api/endpoints';
import { useAnalyticsConsent, type AnalyticsConsent } from '../consent/ConsentBanner';
import { chooseLanguage, currentLanguage, languages } from '../i18n';
import { IncomingCall } from '../presence/IncomingCall';
import { NavItem } from './NavItem';
import { PageLoading } from './PageLoading';
import { PresenceProvider } from '../presence/PresenceProvider';
import { UpdateNote } from '../pwa/UpdateNote';
import { useSession } from '../session/session';
import { managesBilling, PastDueBanner } from '../pages/billing/PastDueBanner';
import { useSiteInfo } from '../site/useSiteInfo';

/** After each client-side navigation, move focus to the new page's heading and scroll up. */
function useFocusHeadingOnNavigation(): void {
  const { pathname } = useLocation();
  const previous = useRef<string | null>(null);
  useEffect(() => {
    if (previous.current === pathname) return;
    const firstRender = previous.current === null;
    previous.current = pathname;
    if (firstRender) return;
    window.scrollTo(0, 0);
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [pathname]);
}

function LanguageSwitch() {
  const { t } = useTranslation();
  const active = currentLanguage();
  return (
    <div className="language-switch" role="group" aria-label={t('nav.languageLabel')}>
      {languages.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          className="language-button"
          aria-pressed={language === active}
          onClick={() => void chooseLanguage(language)}
        >
          {/* The name comes from the text: "Deutsch", and "Deutsch DE" where narrow screens show only
              "DE" (the long word is then visually hidden), so the visible label is in the name (WCAG 2.5.3). */}
          <span className="language-long">{t(`languages.${language}`)}</span>
          <span className="language-short">{language.toUpperCase()}</span>
        </button>
      ))}
    </div>
  );
}

function LogoutButton() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  async function onClick(): Promise<void> {
    setBusy(true);
    try {
      await logout();
      void navigate('/login', { state: { loggedOut: true } });
    } catch {
      // The session store already knows when the login ended; otherwise the button stays.
    } finally {
      setBusy(false);
    }
  }
  return (
    <button type="button" className="nav-link nav-button" onClick={() => void onClick()} disabled={busy}>
      {busy ? t('nav.loggingOut') : t('nav.logout')}
    </button>
  );
}

function Header() {
  const { t } = useTranslation();
  const { account, status } = useSession();
  const billing = useSiteInfo()?.billing === true;
  return (
    <header className="site-header">
      <div className="header-inner">
        <Link to="/" className="brand" aria-label={t('nav.home')}>
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">{t('common.appName')}</span>
        </Link>
        <LanguageSwitch />
        <nav aria-label={t('nav.mainLabel')} className="main-nav">
          <ul>
            {status !== 'ready' ? null : account ? (
              <>
                <NavItem to="/dashboard">{t('nav.dashboard')}</NavItem>
                <NavItem to="/appointments">{t('appointments.navLink')}</NavItem>
                <NavItem to="/contacts">{t('contacts.navLink')}</NavItem>
                <NavItem to="/activity">{t('nav.activity')}</NavItem>
                {account.kind === 'organization' ? <NavItem to="/organization">{t('nav.organization')}</NavItem> : null}
                {billing && managesBilling(account) ? <NavItem to="/billing">{t('billing.navLink')}</NavItem> : null}
                <NavItem to="/profile">{t('nav.profile')}</NavItem>
                <li>
                  <LogoutButton />
                </li>
              </>
            ) : (
              <>
                <NavItem to="/login">{t('nav.login')}</NavItem>
                <NavItem to="/register" strong>
                  {t('nav.register')}
                </NavItem>
              </>
            )}
          </ul>
        </nav>
      </div>
    </header>
  );
}

function Footer({ consent }: { consent: AnalyticsConsent }) {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <div className="footer-inner">
        <nav aria-label={t('nav.footerLabel')}>
          <ul>
            <li>
              <Link to="/help">{t('help.nav')}</Link>
            </li>
            <li>
              <Link to="/privacy">{t('nav.privacy')}</Link>
            </li>
            <li>
              <Link to="/imprint">{t('nav.imprint')}</Link>
            </li>
            <li>
              <Link to="/terms">{t('nav.terms')}</Link>
            </li>
            <li>
              <Link to="/contact">{t('support.nav')}</Link>
            </li>
            <li>
              <Link to="/accessibility">{t('accessibility.nav')}</Link>
            </li>
            {consent.configured ? (
              <li>
                <button type="button" className="footer-button" onClick={consent.reopen}>
                  {t('consent.footerLink')}
                </button>
              </li>
            ) : null}
          </ul>
        </nav>
        <p>{t(consent.configured ? 'nav.footerNoteWithAnalytics' : 'nav.footerNote')}</p>
      </div>
    </footer>
  );
}

export function Layout() {
  const { t } = useTranslation();
  const { account } = useSession();
  const consent = useAnalyticsConsent();
  useFocusHeadingOnNavigation();
  return (
    <>
      <a
        href="#main"
        className="skip-link"
        onClick={(event) => {
          // Move focus without adding "#main" to the address (the router owns the URL).
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('nav.skipLink')}
      </a>
      <PresenceProvider account={account}>
        <Header />
        <PastDueBanner account={account} />
        <main id="main" tabIndex={-1}>
          <PageLoading>
            <Outlet />
          </PageLoading>
        </main>
        <IncomingCall />
        <UpdateNote />
        <Footer consent={consent} />
        {consent.banner}
      </PresenceProvider>
    </>
  );
}
