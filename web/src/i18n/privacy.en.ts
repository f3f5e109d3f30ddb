import type { privacyDe } from './privacy.de';

export const privacyEn: typeof privacyDe = {
  title: 'Privacy policy',
  loading: 'Loading the privacy policy …',
  loadFailed: 'The privacy policy could not be loaded.',
  data: 'Data',
  subjects: 'People concerned',
  legalBases: 'Legal basis',
  retention: 'Kept for',
  recipients: 'Recipients',
  purposes: 'Purposes',
  location: 'Where',
  transfer: 'Transfer outside the EU/EEA',
  cookieName: 'Name',
  cookieKind: 'Kind',
  cookiePurpose: 'Purpose',
  cookieLifetime: 'Lifetime',
};
