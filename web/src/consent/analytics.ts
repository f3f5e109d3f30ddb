/**
 * Optional analytics (P-04). Nothing of it loads before the visitor agrees; the choice is kept in
 * localStorage only (never sent to the server), and withdrawing removes the script at once.
 */
export type AnalyticsChoice = 'granted' | 'denied';

export const CONSENT_STORAGE_KEY = 'sprechzimmer.analyticsConsent';
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
