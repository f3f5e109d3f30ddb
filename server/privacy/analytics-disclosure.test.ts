import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config';
import { art30Markdown, art30Record } from './art30';
import { renderPrivacyPolicy, type PolicyLanguage } from './policy-document';
import { policySources } from './settings';

/**
 * Optional analytics (P-04, Art. 13 GDPR): where the operator sets ANALYTICS_URL, the privacy policy
 * and the Art. 30 record describe the processing (purpose, host, consent, withdrawal, the configured
 * retention); where it is not set, they say nothing of it.
 */
const operator = { OPERATOR_NAME: 'Praxisverbund Beispiel GmbH', OPERATOR_ADDRESS: 'Domkloster 4, 50667 Köln' };
const withAnalytics = (months: string) =>
  policySources(loadConfig({ ...operator, ANALYTICS_URL: 'https://stats.praxis.example/js/script.js', ANALYTICS_RETENTION_MONTHS: months }));
const withoutAnalytics = () => policySources(loadConfig(operator));
const text = (value: unknown) => JSON.stringify(value);
const languages: PolicyLanguage[] = ['de', 'en'];

const words = {
  de: {
    title: 'Reichweitenmessung',
    host: 'Analysedienst des Betreibers (stats.praxis.example)',
    consent: 'Art. 6 Abs. 1 lit. a DSGVO',
    device: '§ 25 Abs. 1 TDDDG',
    withdraw: '„Cookie-Einstellungen“',
    noTracking: 'kein Tracking',
    withdrawal: 'Art. 7 Abs. 3 DSGVO',
    pastVisits: 'bereits erfasste Besuche löschen wir auf Ihren Antrag',
    callPages: 'Auf den Seiten der Videosprechstunde und auf Seiten, die Sie über einen zugesandten Link öffnen, läuft das Skript nie',
    retention: (n: number) => `${n} Monate nach der Erfassung gelöscht oder anonymisiert, wie vom Betreiber in seinem Analysedienst eingestellt`,
    mentions: /Reichweitenmessung|Analysedienst|Analyseskript|TDDDG § 25 Abs\. 1|§ 25 Abs\. 1 TDDDG|stats\.praxis/,
  },
  en: {
    title: 'Audience measurement',
    host: 'The operator’s analytics service (stats.praxis.example)',
    consent: 'Art. 6(1)(a) GDPR',
    device: '§ 25(1) TDDDG',
    withdraw: '“Cookie settings”',
    noTracking: 'no tracking',
    withdrawal: 'Art. 7(3) GDPR',
    pastVisits: 'visits already recorded are deleted at your request',
    callPages: 'The script never runs on the video consultation pages or on pages you open from a link we sent you',
    retention: (n: number) => `deleted or anonymised ${n} months after they were recorded, as set by the operator in their analytics tool`,
    mentions: /audience measurement|analytics|§ 25\(1\) TDDDG|stats\.praxis/i,
  },
};

describe.each(languages)('privacy policy and optional analytics (%s)', (language) => {
  const expected = words[language];

  it('says nothing of analytics while ANALYTICS_URL is unset', () => {
    const policy = renderPrivacyPolicy(language, withoutAnalytics());
    expect(policy.purposes.items.map((item) => item.id)).not.toContain('audienceMeasurement');
    expect(policy.recipients.items.map((item) => item.id)).not.toContain('analytics');
    expect(policy.legalBases.items.map((item) => item.id)).not.toContain('tdddg25_1');
    expect(policy.cookies.items.map((item) => item.name)).not.toContain('sprechzimmer.analyticsConsent');
    expect(policy.principles.items.join(' ')).toContain(expected.noTracking);
    expect(text(policy)).not.toMatch(expected.mentions);
  });

  it('describes the analytics with its host, consent, withdrawal and the configured retention', () => {
    const policy = renderPrivacyPolicy(language, withAnalytics('13'));
    const purpose = policy.purposes.items.find((item) => item.id === 'audienceMeasurement');
    expect(purpose).toMatchObject({
      title: expected.title,
      legalBases: [expected.consent, expected.device],
      retention: [expected.retention(13)],
      recipients: [expected.host],
    });
    expect(purpose?.description).toContain(expected.withdraw);
    // web/src/consent/analytics.ts keeps it off those pages (e2e/analytics-consent.e2e.ts).
    expect(purpose?.description).toContain(expected.callPages);
    expect(purpose?.data.join(' ')).toMatch(language === 'de' ? /IP-Adresse/ : /IP address/);
    expect(policy.recipients.items.find((item) => item.id === 'analytics')).toMatchObject({ name: expected.host, purposes: [expected.title] });
    expect(policy.legalBases.items.find((item) => item.id === 'art6_1a')?.purposes).toEqual([expected.title]);
    expect(policy.legalBases.items.find((item) => item.id === 'tdddg25_1')).toMatchObject({ label: expected.device, purposes: [expected.title] });
    expect(policy.retention.items.find((item) => item.rule === 'analyticsData')).toEqual({
      rule: 'analyticsData',
      text: expected.retention(13),
      purposes: [expected.title],
    });
    // "No tracking" would no longer be true; the principles say what happens instead.
    expect(policy.principles.items.join(' ')).not.toContain(expected.noTracking);
    expect(policy.principles.items.join(' ')).toContain('stats.praxis.example');
    expect(policy.cookies.intro).toContain(expected.device);
    expect(policy.cookies.items.map((item) => item.name)).toContain('sprechzimmer.analyticsConsent');
    // Withdrawing stops what is sent; it cannot reach into the operator's tool, and the right says so.
    expect(policy.rights.items.find((item) => item.article === expected.withdrawal)?.text).toContain(expected.pastVisits);
  });

  it('follows the configured retention period', () => {
    const seven = text(renderPrivacyPolicy(language, withAnalytics('7')));
    expect(seven).toContain(expected.retention(7));
    expect(seven).not.toContain(expected.retention(13));
  });

  it('lists the activity in the Art. 30 record only where analytics is configured', () => {
    expect(art30Record(language, withoutAnalytics()).activities.map((activity) => activity.id)).not.toContain('audienceMeasurement');
    expect(art30Markdown(art30Record(language, withoutAnalytics()), language)).not.toMatch(expected.mentions);

    const record = art30Record(language, withAnalytics('13'));
    expect(record.activities.find((activity) => activity.id === 'audienceMeasurement')).toMatchObject({
      name: expected.title,
      legalBases: [expected.consent, expected.device],
      recipients: [expected.host],
      thirdCountries: [],
      retention: [expected.retention(13)],
    });
    expect(art30Markdown(record, language)).toContain(expected.retention(13));
    expect(art30Markdown(art30Record(language, withAnalytics('25')), language)).toContain(expected.retention(25));
  });
});

describe('privacy policy with analytics in both languages', () => {
  it('has the same structure in German and English', () => {
    const shape = (language: PolicyLanguage) =>
      Object.entries(renderPrivacyPolicy(language, withAnalytics('13'))).map(([key, value]) => [
        key,
        typeof value === 'object' && value && 'items' in value ? value.items.length : typeof value,
      ]);
    expect(shape('de')).toEqual(shape('en'));
  });
});
