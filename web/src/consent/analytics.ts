/**
 * Optional analytics (P-04). Nothing of it loads before the visitor agrees; the choice is kept in
 * localStorage only (never sent to the server), and withdrawing removes the script at once.
 */
export type AnalyticsChoice = 'granted' | 'denied';

const CONSENT_STORAGE_KEY = 'sprechzimmer.analyticsConsent';
const SCRIPT_ID = 'sz-analytics';

export function storedChoice(): AnalyticsChoice | undefined {
  try {
    const value = window.localStorage.getItem(CONSENT_STORAGE_KEY);
    return value === 'granted' || value === 'denied' ? value : undefined;
  } catch {
    return undefined;
  }
}

export function storeChoice(choice: AnalyticsChoice): void {
  try {
    window.localStorage.setItem(CONSENT_STORAGE_KEY, choice);
  } catch {
    // Storage blocked (private mode): the choice lasts for this page; the banner asks again next time.
  }
}

/**
 * Pages the analytics script must never see: the call pages (that someone is in a consultation is
 * close to health data) and the pages of mailed links.
 */
const UNTRACKED_PAGES = [
  /^\/join\/?$/,
  /^\/calls\//,
  /^\/consultations\/[^/]+\/room\/?$/,
  /^\/confirm-email/,
  /^\/reset-password/,
  /^\/accept-invitation/,
  /^\/not-me/,
];

/**
 * Whether the script may load on this address. Never while the address still carries a fragment: a
 * mailed link's token sits there until the page has read it, and a script reading `location.href`
 * (Matomo keeps the fragment by default) would send it away.
 */
export function mayLoadAnalyticsAt(location: { pathname: string; hash: string }): boolean {
  return location.hash === '' && !isUntrackedPage(location.pathname);
}

export function isUntrackedPage(pathname: string): boolean {
  return UNTRACKED_PAGES.some((page) => page.test(pathname));
}

export function analyticsLoaded(): boolean {
  return document.getElementById(SCRIPT_ID) !== null;
}

export function loadAnalytics(scriptUrl: string): void {
  if (document.getElementById(SCRIPT_ID)) return;
  const script = document.createElement('script');
  script.id = SCRIPT_ID;
  script.src = scriptUrl;
  script.async = true;
  document.head.appendChild(script);
}

/**
 * Removes the script; returns whether it had been loaded. A script that ran may have left timers
 * and listeners behind, so the caller reloads the page to be sure nothing more is sent. Every
 * cookie of ours is HttpOnly, so any cookie script can see was set by analytics: all of them go.
 */
export function removeAnalytics(): boolean {
  const script = document.getElementById(SCRIPT_ID);
  for (const cookie of document.cookie.split(';')) {
    const name = cookie.split('=')[0]?.trim();
    if (name) document.cookie = `${name}=; Max-Age=0; Path=/`;
  }
  if (!script) return false;
  script.remove();
  return true;
}
