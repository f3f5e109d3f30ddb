import { cookieNames } from '../http/auth';
import { operatorPendingLoginCookieName } from '../operators/second-factor';
import { pendingLoginCookieName } from '../second-factor/pending-login';
import type { Processing } from './inventory';
import type { Category, Field, Recipient } from './vocabulary';

/**
 * Personal data the system handles without a database column: in memory (or Redis) for a moment,
 * or passed to a processor. It belongs in the privacy policy and the Art. 30 record as much as a
 * column does.
 */
export interface TransientDeclaration extends Processing {
  id: 'attemptCounters' | 'knownDevice' | 'signalingRelay' | 'mediaRelay' | 'transcriptRelay' | 'analytics' | 'payment';
  category: Category;
  fields: readonly Field[];
  /**
   * The processing happens only where the operator configured this recipient (e.g. ANALYTICS_URL);
   * elsewhere the privacy policy and the Art. 30 record say nothing of it.
   */
  onlyWith?: Recipient;
}

export const transientProcessing: readonly TransientDeclaration[] = [
  {
    id: 'attemptCounters',
    purpose: 'security',
    category: 'technical',
    fields: ['clientHash'],
    subjects: ['visitor', 'customer', 'member', 'staff'],
    legalBases: ['art6_1f'],
    retention: ['inMemoryOnly'],
    // In the server's memory or Redis, on the hosting provider's machines.
    recipients: ['hosting'],
  },
  {
    // server/accounts/known-devices.ts: the sealed device cookie (account id, time of the login) is
    // kept by the browser and opened only during a login; the server stores nothing of it.
    id: 'knownDevice',
    purpose: 'security',
    category: 'technical',
    fields: ['identifier', 'timestamps'],
    subjects: ['customer', 'member', 'staff'],
    legalBases: ['art6_1f'],
    retention: ['knownDevices'],
    recipients: ['hosting'],
  },
  {
    id: 'signalingRelay',
    purpose: 'consultation',
    category: 'technical',
    fields: ['ipAddress'],
    subjects: ['guest', 'customer', 'member'],
    legalBases: ['art6_1b', 'art9_2a'],
    retention: ['inMemoryOnly'],
    recipients: ['hosting'],
  },
  {
    id: 'mediaRelay',
    purpose: 'mediaRelay',
    category: 'technical',
    fields: ['ipAddress'],
    subjects: ['guest', 'customer', 'member'],
    legalBases: ['art6_1b', 'art9_2a'],
    retention: ['inMemoryOnly'],
    recipients: ['turn'],
  },
  {
    // After the end the guest's address and name exist only sealed in a ticket in the guest's page (≤ 30 min, chat-ticket.ts).
    id: 'transcriptRelay',
    purpose: 'transcriptRelay',
    category: 'consultationMetadata',
    fields: ['transcript', 'email', 'name'],
    subjects: ['customer', 'member', 'guest'],
    legalBases: ['art6_1b', 'art9_2a'],
    retention: ['inMemoryOnly'],
    recipients: ['hosting', 'smtp'],
  },
  {
    // Only where billing through Stripe is configured (STRIPE_SECRET_KEY, P-22): customers pay their
    // fees there; card details are entered at the provider and never reach this server.
    id: 'payment',
    onlyWith: 'payment',
    purpose: 'customerAccount',
    category: 'contract',
    fields: ['paymentData'],
    subjects: ['customer'],
    legalBases: ['art6_1b', 'art6_1c'],
    retention: ['invoices'],
    recipients: ['payment'],
  },
  {
    // web/src/consent/: the operator's script loads on every page of the web app, only after opt-in.
    id: 'analytics',
    onlyWith: 'analytics',
    purpose: 'audienceMeasurement',
    category: 'usage',
    fields: ['usageData'],
    subjects: ['visitor', 'customer', 'member', 'staff', 'guest', 'operator'],
    legalBases: ['art6_1a', 'tdddg25_1'],
    retention: ['analyticsData'],
    recipients: ['analytics'],
  },
];

/** What the browser keeps (§ 25 TDDDG): all strictly necessary, none needs consent. */
export interface StorageDeclaration {
  id:
    | 'session'
    | 'browser'
    | 'guest'
    | 'operator'
    | 'device'
    | 'knownBrowser'
    | 'pendingLogin'
    | 'operatorPendingLogin'
    | 'language'
    | 'resume'
    | 'analyticsConsent'
    | 'bandwidth';
  kind: 'cookie' | 'localStorage' | 'sessionStorage';
  /** As the browser shows it. */
  name: string;
  /**
   * session: until the browser is closed; tab: until the tab is closed; untilChanged: until the
   * visitor clears it; afterLastLogin: KNOWN_DEVICE_DAYS after the last login in this browser;
   * afterLastSignIn: like afterLastLogin, with KNOWN_BROWSER_DAYS after the last sign-in (P-04: persistent only when remembered).
   */
  lifetime: 'session' | 'tab' | 'untilChanged' | 'afterLastLogin' | 'afterLastSignIn';
  /** Kept only where the operator configured this recipient; the cookie list names it only there. */
  onlyWith?: Recipient;
}

/** Whether a declaration applies to this installation: always, or only with its recipient configured. */
export const appliesWith =
  (configured: (recipient: Recipient) => boolean) =>
  (declaration: { onlyWith?: Recipient }): boolean =>
    declaration.onlyWith === undefined || configured(declaration.onlyWith);

/** Cookie names depend on https (the `__Host-` prefix); the storage keys are the web app's. */
export function browserStorage(secureContext: boolean): StorageDeclaration[] {
  const names = cookieNames(secureContext);
  return [
    { id: 'session', kind: 'cookie', name: names.session, lifetime: 'session' },
    { id: 'browser', kind: 'cookie', name: names.browser, lifetime: 'session' },
    { id: 'guest', kind: 'cookie', name: names.guest, lifetime: 'session' },
    { id: 'operator', kind: 'cookie', name: names.operator, lifetime: 'session' },
    { id: 'device', kind: 'cookie', name: names.device, lifetime: 'afterLastLogin' },
    // server/sessions/known-browsers.ts: a random id; the server keeps its HMAC per account (table known_browsers).
    { id: 'knownBrowser', kind: 'cookie', name: names.knownBrowser, lifetime: 'afterLastSignIn' },
    // server/second-factor/pending-login.ts: between a right password and the second factor's code (5 minutes).
    { id: 'pendingLogin', kind: 'cookie', name: pendingLoginCookieName(secureContext), lifetime: 'session' },
    // server/operators/second-factor.ts: the same for operator staff, under a key and name of its own.
    { id: 'operatorPendingLogin', kind: 'cookie', name: operatorPendingLoginCookieName(secureContext), lifetime: 'session' },
    // web/src/i18n/index.ts: only an explicit choice of language is remembered.
    { id: 'language', kind: 'localStorage', name: 'sprechzimmer.language', lifetime: 'untilChanged' },
    // web/src/room/useCall.ts: the signaling resume token of this tab (`host:<consultation id>` or `guest`).
    { id: 'resume', kind: 'sessionStorage', name: 'sprechzimmer.resume.<call>', lifetime: 'tab' },
    // web/src/room/bandwidthPreference.ts: the low-bandwidth switch of the call, only a choice other than automatic.
    { id: 'bandwidth', kind: 'localStorage', name: 'sprechzimmer.bandwidth', lifetime: 'untilChanged' },
    // web/src/consent/analytics.ts: the answer to the analytics banner, only where ANALYTICS_URL is set.
    { id: 'analyticsConsent', kind: 'localStorage', name: 'sprechzimmer.analyticsConsent', lifetime: 'untilChanged', onlyWith: 'analytics' },
  ];
}
