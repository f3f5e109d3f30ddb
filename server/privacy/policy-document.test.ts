import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config';
import { currentInventory, currentRetentionRules, type Inventory, type RetentionRules } from './activities';
import { art30Markdown, art30Record } from './art30';
import { renderPrivacyPolicy } from './policy-document';
import type { PolicySources } from './settings';
import { privacySettings, type PrivacySettings } from './settings';

const settings: PrivacySettings = {
  controller: { name: 'Praxisverbund Beispiel GmbH', address: 'Domkloster 4, 50667 Köln', email: 'info@praxisverbund.example' },
  privacyContact: { name: 'Dana Datenschutz', email: 'datenschutz@praxisverbund.example' },
  processors: {},
  supervisoryAuthority: null,
  secureContext: true,
};
const sources = (changes: Partial<PolicySources> = {}): PolicySources => ({
  inventory: currentInventory(),
  rules: currentRetentionRules,
  settings,
  ...changes,
});
const text = (value: unknown) => JSON.stringify(value);

describe('privacy policy rendered from the data inventory', () => {
  it('names the controller and the data-protection contact from the settings', () => {
    const policy = renderPrivacyPolicy('de', sources());
    expect(policy.controller).toMatchObject({ name: 'Praxisverbund Beispiel GmbH', address: 'Domkloster 4, 50667 Köln' });
    expect(policy.privacyContact).toMatchObject({ name: 'Dana Datenschutz', email: 'datenschutz@praxisverbund.example' });
  });

  it('says what is kept how long, in words, from the retention rules', () => {
    const de = renderPrivacyPolicy('de', sources());
    const en = renderPrivacyPolicy('en', sources());
    const activity = (policy: typeof de) => policy.purposes.items.find((item) => item.id === 'activityDocumentation');
    expect(activity(de)?.retention).toEqual(['3 Monate nach dem Ende der Sprechstunde']);
    expect(activity(en)?.retention).toEqual(['3 months after the consultation ended']);
    expect(text(de.retention)).toContain('nicht bestätigte Registrierungen: 7 Tage nach der Registrierung');
  });

  it('changes the published text when a retention rule changes', () => {
    const rules: RetentionRules = {
      ...currentRetentionRules,
      callMetadata: { ...currentRetentionRules.callMetadata, after: { months: 6 } },
      unconfirmedRegistrations: { ...currentRetentionRules.unconfirmedRegistrations, after: { hours: 48 } },
      accountData: { ...currentRetentionRules.accountData, after: { months: 24 } },
    };
    const de = text(renderPrivacyPolicy('de', sources({ rules })));
    const en = text(renderPrivacyPolicy('en', sources({ rules })));
    expect(de).toContain('6 Monate nach dem Ende der Sprechstunde');
    expect(de).not.toContain('3 Monate');
    expect(de).toContain('nicht bestätigte Registrierungen: 2 Tage nach der Registrierung');
    expect(de).toContain('2 Jahre nach dem Ende des Vertrags');
    expect(en).toContain('6 months after the consultation ended');
    expect(en).toContain('2 years after the contract ends');
  });

  it('lists the data of each purpose from the declared columns, and follows a changed registry', () => {
    const policy = renderPrivacyPolicy('de', sources());
    const account = policy.purposes.items.find((item) => item.id === 'customerAccount');
    expect(account?.data).toEqual(expect.arrayContaining(['Name', 'Geburtsdatum', 'E-Mail-Adresse', 'Anschrift', 'Telefonnummer']));

    const receipts = renderPrivacyPolicy('en', sources()).purposes.items.find((item) => item.id === 'retentionProof');
    expect(receipts).toMatchObject({
      title: 'Deletion receipts',
      data: ['deletion receipt without personal data'],
      subjects: ['nobody (no personal data)'],
      retention: ['10 years after the deletion they record'],
    });

    const withoutReceipts: Inventory = {
      ...currentInventory(),
      columns: currentInventory().columns.filter((column) => column.table !== 'deletion_receipts'),
    };
    expect(renderPrivacyPolicy('en', sources({ inventory: withoutReceipts })).purposes.items.map((item) => item.id)).not.toContain('retentionProof');

    const withNickname: Inventory = {
      ...currentInventory(),
      columns: [
        ...currentInventory().columns,
        {
          table: 'accounts',
          column: 'nickname',
          category: 'identity',
          field: 'organisationName',
          purpose: 'contacts',
          subjects: ['customer'],
          legalBases: ['art6_1a'],
          retention: ['appointments'],
          recipients: [],
        },
      ],
    };
    const changed = renderPrivacyPolicy('de', sources({ inventory: withNickname }));
    const contacts = changed.purposes.items.find((item) => item.id === 'contacts');
    expect(contacts?.data).toContain('Name der Organisation');
    expect(contacts?.legalBases).toContain('Art. 6 Abs. 1 lit. a DSGVO');
    expect(contacts?.retention).toContain('10 Jahre nach dem Termin');
    expect(changed.legalBases.items.map((item) => item.id)).toContain('art6_1a');
    expect(policy.legalBases.items.map((item) => item.id)).not.toContain('art6_1a');
  });

  it('lists a processor only when this installation uses it', () => {
    const none = renderPrivacyPolicy('de', sources());
    expect(none.recipients.items).toEqual([]);
    expect(none.recipients.intro).toBe('Diese Installation gibt keine Daten an Dienstleister weiter.');
    expect(none.purposes.items.find((item) => item.id === 'consultation')?.recipients).toEqual(['niemand']);

    const config = loadConfig({
      SMTP_URL: 'smtp://mailuser:Pa55word-xyz@mail.example.org:587',
      TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
      TWILIO_AUTH_TOKEN: 'x'.repeat(32),
      TWILIO_FROM: '+4915112345678',
      TURN_URLS: 'turn:turn.example.org:3478?transport=udp',
    });
    const all = renderPrivacyPolicy('en', sources({ settings: privacySettings(config) }));
    expect(all.recipients.items.map((item) => item.name)).toEqual([
      'E-mail delivery (mail.example.org)',
      'Twilio Inc. (SMS delivery)',
      'STUN/TURN server (turn.example.org)',
    ]);
    expect(text(all)).not.toMatch(/mailuser|Pa55word-xyz/);
    expect(all.purposes.items.find((item) => item.id === 'consultation')?.recipients).toEqual([
      'E-mail delivery (mail.example.org)',
      'Twilio Inc. (SMS delivery)',
    ]);
  });

  it('lists every cookie and browser storage entry under its real name', () => {
    const secure = renderPrivacyPolicy('de', sources());
    expect(secure.cookies.items.map((item) => item.name)).toEqual([
      '__Host-sz_session',
      '__Host-sz_browser',
      '__Host-sz_guest',
      '__Host-sz_operator',
      '__Host-sz_device',
      '__Host-sz_known_browser',
      '__Host-sz_pending_login',
      '__Host-sz_operator_pending',
      'sprechzimmer.language',
      'sprechzimmer.resume.<call>',
      'sprechzimmer.bandwidth',
    ]);
    const withAnalytics = renderPrivacyPolicy(
      'de',
      sources({ settings: { ...settings, processors: { analytics: { hosts: ['stats.example.org'], named: null } } } }),
    );
    expect(withAnalytics.cookies.items.map((item) => item.name).at(-1)).toBe('sprechzimmer.analyticsConsent');
    const plain = renderPrivacyPolicy('en', sources({ settings: { ...settings, secureContext: false } }));
    expect(plain.cookies.items[0]).toMatchObject({ name: 'sz_session', kind: 'cookie', lifetime: 'until the browser is closed' });
    expect(plain.cookies.items.find((item) => item.name === 'sz_device')).toMatchObject({
      kind: 'cookie',
      lifetime: 'until the browser is closed; if you choose "remember this browser" when logging in, 180 days after your last login in this browser',
    });
    // Like the device cookie: persistent only when "remember this browser" was chosen (P-04).
    expect(plain.cookies.items.find((item) => item.name === 'sz_known_browser')).toMatchObject({
      kind: 'cookie',
      lifetime: 'until the browser is closed; if you choose "remember this browser" when signing in, 180 days after your last sign-in in this browser',
    });
  });

  it('has the same structure in German and English', () => {
    const de = renderPrivacyPolicy('de', sources());
    const en = renderPrivacyPolicy('en', sources());
    const shape = (policy: typeof de) =>
      Object.fromEntries(
        Object.entries(policy).map(([key, value]) => [key, typeof value === 'object' && value && 'items' in value ? value.items.length : typeof value]),
      );
    expect(shape(de)).toEqual(shape(en));
    expect(de.title).toBe('Datenschutzerklärung');
    expect(en.title).toBe('Privacy policy');
  });
});

describe('Art. 30 record of processing', () => {
  const config = loadConfig({ TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`, TWILIO_AUTH_TOKEN: 'x'.repeat(32), TWILIO_FROM: '+4915112345678' });

  it('has one activity per purpose with subjects, data, legal bases, recipients, transfers and erasure periods', () => {
    const record = art30Record('en', sources({ settings: { ...privacySettings(config), controller: settings.controller } }));
    expect(record.controller.name).toBe('Praxisverbund Beispiel GmbH');
    const consultation = record.activities.find((activity) => activity.id === 'consultation');
    expect(consultation).toMatchObject({
      name: 'Running the consultation',
      recipients: ['Twilio Inc. (SMS delivery)'],
      thirdCountries: ['USA (Art. 45 GDPR: EU-U.S. Data Privacy Framework)'],
    });
    expect(consultation?.subjects).toContain('invited guests');
    expect(consultation?.legalBases).toEqual(expect.arrayContaining(['Art. 6(1)(b) GDPR', 'Art. 9(2)(a) GDPR']));
    expect(record.activities.find((activity) => activity.id === 'login')?.thirdCountries).toEqual([]);
    expect(record.measures.length).toBeGreaterThan(0);
  });

  it('renders Markdown with a section per activity and follows the retention rules', () => {
    const rules: RetentionRules = { ...currentRetentionRules, loginSessions: { ...currentRetentionRules.loginSessions, after: { hours: 2 } } };
    const record = art30Record('de', sources({ rules }));
    const markdown = art30Markdown(record, 'de');
    expect(markdown).toMatch(/^# Verzeichnis von Verarbeitungstätigkeiten \(Art\. 30 DSGVO\)/);
    expect(markdown).toContain('**Verantwortlicher:** Praxisverbund Beispiel GmbH, Domkloster 4, 50667 Köln');
    for (const activity of record.activities) expect(markdown).toContain(`## Verarbeitungstätigkeit: ${activity.name}`);
    const login = markdown.slice(markdown.indexOf('## Verarbeitungstätigkeit: Anmeldung'));
    expect(login.slice(0, login.indexOf('\n## ', 5))).toMatch(/\| Löschfristen \| [^\n]*2 Stunden nach dem Ende der Sitzung/);
  });
});
