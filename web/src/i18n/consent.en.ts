import type { consentDe } from './consent.de';

/** Optional analytics consent (P-04); only shown when the operator configured analytics. */
export const consentEn: Record<keyof typeof consentDe, string> = {
  title: 'Audience measurement',
  text: 'With your consent we measure with our own analytics service ({{host}}) which pages are visited how often. Without consent none of it is loaded. You can change your choice at any time under “Cookie settings” at the bottom of every page.',
  accept: 'I agree',
  decline: 'Decline',
  statusGranted: 'Currently consented.',
  statusDenied: 'Currently declined.',
  withdraw: 'Withdraw consent',
  close: 'Close',
  footerLink: 'Cookie settings',
  saved: 'Your choice was saved.',
};
