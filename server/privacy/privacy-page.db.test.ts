import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privacyPolicyResponse } from '../../common/api/privacy';
import { startTestApp, type TestApp } from '../test-support/app';

/** GET /api/site/privacy: what the privacy page shows, from the registry and this installation's settings. */
describe('published privacy policy', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({
      env: {
        OPERATOR_NAME: 'Praxisverbund Beispiel GmbH',
        OPERATOR_ADDRESS: 'Domkloster 4, 50667 Köln',
        PRIVACY_CONTACT_NAME: 'Dana Datenschutz',
        PRIVACY_CONTACT_EMAIL: 'datenschutz@praxisverbund.example',
        SMTP_URL: 'smtp://mail.praxisverbund.example:587',
      },
    });
  });
  afterAll(async () => testApp?.close());

  const get = (url: string) => testApp.app.http.inject({ method: 'GET', url });

  it('answers in German by default and in English on request, with the configured controller and contact', async () => {
    const de = privacyPolicyResponse.parse((await get('/api/site/privacy')).json());
    expect(de.language).toBe('de');
    expect(de.controller).toMatchObject({ name: 'Praxisverbund Beispiel GmbH', address: 'Domkloster 4, 50667 Köln' });
    expect(de.privacyContact).toMatchObject({ name: 'Dana Datenschutz', email: 'datenschutz@praxisverbund.example' });
    const en = privacyPolicyResponse.parse((await get('/api/site/privacy?lang=en')).json());
    expect(en.title).toBe('Privacy policy');
    expect(en.recipients.items.map((item) => item.name)).toEqual(['E-mail delivery (mail.praxisverbund.example)']);
    expect(en.cookies.items.map((item) => item.name)).toContain('sz_session');
    expect(en.purposes.items.find((item) => item.id === 'activityDocumentation')?.retention).toEqual(['3 months after the consultation ended']);
  });

  it('refuses an unknown language with 422, not 5xx', async () => {
    const response = await get('/api/site/privacy?lang=fr');
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBeTypeOf('string');
  });
});
