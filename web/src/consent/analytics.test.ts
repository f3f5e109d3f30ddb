import { describe, expect, it } from 'vitest';
import { mayLoadAnalyticsAt } from './analytics';

describe('where the analytics script may load', () => {
  it('loads on ordinary pages', () => {
    for (const pathname of ['/', '/help', '/dashboard', '/consultations/6a1f/', '/consultations/new', '/privacy']) {
      expect(mayLoadAnalyticsAt({ pathname, hash: '' }), pathname).toBe(true);
    }
  });

  it('never on call pages or the pages of mailed links', () => {
    for (const pathname of [
      '/join',
      '/join/',
      '/calls/6a1f',
      '/consultations/6a1f/room',
      '/confirm-email',
      '/confirm-email-change',
      '/reset-password',
      '/accept-invitation',
    ]) {
      expect(mayLoadAnalyticsAt({ pathname, hash: '' }), pathname).toBe(false);
    }
  });

  it('never while the address carries a fragment, which may be a token', () => {
    expect(mayLoadAnalyticsAt({ pathname: '/help', hash: '#camera' })).toBe(false);
    expect(mayLoadAnalyticsAt({ pathname: '/', hash: '#secret-token' })).toBe(false);
  });
});
