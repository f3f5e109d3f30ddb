import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config';
import { art30Markdown, art30Record } from './art30';
import { renderPrivacyPolicy, type PolicyLanguage } from './policy-document';
import { policySources, processorWarnings } from './settings';
import { billingTestEnv } from '../test-support/stripe';

/**
 * P-26 and P-27: every processor the operator names (PROCESSOR_<KIND>) appears in the privacy
 * policy and the Art. 30 record with name, postal address, country and what it receives — only
 * where configured — and a transfer outside the EU/EEA with its safeguard; the supervisory
 * authority (SUPERVISORY_AUTHORITY) is named in the section on the right to complain.
 */
const operator = { OPERATOR_NAME: 'Praxisverbund Beispiel GmbH', OPERATOR_ADDRESS: 'Domkloster 4, 50667 Köln' };
const twilio = { TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`, TWILIO_AUTH_TOKEN: 'x'.repeat(32), TWILIO_FROM: '+4915112345678' };
const languages: PolicyLanguage[] = ['de', 'en'];

/** Each processor kind with what it needs to be in use, its name, and a purpose it serves. */
const kinds = [
  {
    variable: 'PROCESSOR_HOSTING',
    id: 'hosting',
    uses: {},
    value: 'Hetzner Online GmbH | Industriestr. 25, 91710 Gunzenhausen | DE',
    role: { de: 'Hosting und Datenbank', en: 'hosting and database' },
    purpose: { de: 'Kundenkonto', en: 'Customer account' },
  },
  {
    variable: 'PROCESSOR_BACKUP',
    id: 'backup',
    uses: {},
    value: 'Backup AS | Storgata 1, 0155 Oslo | NO',
    role: { de: 'Datensicherung', en: 'backup storage' },
    purpose: { de: 'Kontaktliste', en: 'Contact list' },
  },
  {
    variable: 'PROCESSOR_EMAIL',
    id: 'smtp',
    uses: { SMTP_URL: 'smtp://mail.example.org:587' },
    value: 'Mailversand GmbH | Postweg 2, 10115 Berlin | DE',
    role: { de: 'E-Mail-Versand', en: 'e-mail delivery' },
    purpose: { de: 'Chatverlauf per E-Mail', en: 'Chat transcript by e-mail' },
  },
  {
    variable: 'PROCESSOR_SMS',
    id: 'sms',
    uses: twilio,
    value: 'SMS Europe Ltd | 1 Dame Street, Dublin 2 | IE',
    role: { de: 'SMS-Versand', en: 'SMS delivery' },
    purpose: { de: 'Durchführung der Sprechstunde', en: 'Running the consultation' },
  },
  {
    variable: 'PROCESSOR_TURN',
    id: 'turn',
    uses: { TURN_URLS: 'turn:turn.example.org:3478' },
    value: 'Relay GmbH | Netzweg 3, 60311 Frankfurt am Main | DE',
    role: { de: 'STUN-/TURN-Server', en: 'STUN/TURN server' },
    purpose: { de: 'Weiterleitung von Verbindungen', en: 'Relaying connections' },
  },
  {
    variable: 'PROCESSOR_PAYMENT',
    id: 'payment',
    uses: billingTestEnv,
    value: 'Zahlung GmbH | Geldweg 4, 80331 München | DE',
    role: { de: 'Zahlungsabwicklung', en: 'payment processing' },
    purpose: { de: 'Kundenkonto', en: 'Customer account' },
  },
  {
    variable: 'PROCESSOR_ANALYTICS',
    id: 'analytics',
    uses: { ANALYTICS_URL: 'https://stats.praxis.example/js/script.js', ANALYTICS_RETENTION_MONTHS: '13' },
    value: 'Statistik GmbH | Zählweg 5, 20095 Hamburg | DE',
    role: { de: 'Analysedienst des Betreibers', en: 'the operator’s analytics service' },
    purpose: { de: 'Reichweitenmessung', en: 'Audience measurement' },
  },
] as const;

const authority = 'Landesbeauftragte für Datenschutz NRW | Kavalleriestr. 2-4, 40213 Düsseldorf | https://www.ldi.nrw.de';
const germany = { de: 'Deutschland', en: 'Germany' };
const text = (value: unknown) => JSON.stringify(value);

describe.each(languages)('processors and the authority in the privacy policy (%s)', (language) => {
  it.each(kinds)('names $variable with address, country and purposes only while it is configured', (kind) => {
    const name = kind.value.split(' | ')[0]!;
    const without = renderPrivacyPolicy(language, policySources(loadConfig({ ...operator, ...kind.uses })));
    expect(text(without)).not.toContain(name);

    const policy = renderPrivacyPolicy(language, policySources(loadConfig({ ...operator, ...kind.uses, [kind.variable]: kind.value })));
    const item = policy.recipients.items.find((entry) => entry.id === kind.id);
    const address = kind.value.split(' | ')[1]!;
    const country =
      kind.id === 'backup' ? { de: 'Norwegen', en: 'Norway' }[language] : kind.id === 'sms' ? { de: 'Irland', en: 'Ireland' }[language] : germany[language];
    expect(item).toMatchObject({
      name: expect.stringMatching(new RegExp(`^${name} \\(${kind.role[language]}`)),
      location: `${address}, ${country}`,
      transfer: null,
    });
    expect(item?.purposes).toContain(kind.purpose[language]);
    // The purpose it serves lists it by name too.
    expect(policy.purposes.items.find((entry) => entry.title === kind.purpose[language])?.recipients.join(' ')).toContain(name);
    const record = art30Record(language, policySources(loadConfig({ ...operator, ...kind.uses, [kind.variable]: kind.value })));
    expect(record.processors.map((processor) => processor.name).join(' ')).toContain(name);
    expect(art30Markdown(record, language)).toContain(address);
    expect(art30Markdown(art30Record(language, policySources(loadConfig({ ...operator, ...kind.uses }))), language)).not.toContain(name);
  });

  it('says nothing of hosting, backups or payments where the operator runs the servers (self) or names none', () => {
    const policy = renderPrivacyPolicy(language, policySources(loadConfig({ ...operator, PROCESSOR_HOSTING: 'self', PROCESSOR_BACKUP: 'self' })));
    expect(policy.recipients.items).toEqual([]);
    expect(policy.purposes.items.find((entry) => entry.id === 'customerAccount')?.data.join(' ')).not.toMatch(/Kartendaten|card details/);
  });

  it('describes payments, Stripe as recipient and the invoice references only with billing configured (STRIPE_SECRET_KEY)', () => {
    const without = renderPrivacyPolicy(language, policySources(loadConfig(operator)));
    expect(text(without)).not.toMatch(/Stripe|Kartendaten|card details|Rechnung|invoice|§ 147 AO/);
    expect(art30Markdown(art30Record(language, policySources(loadConfig(operator))), language)).not.toMatch(/Stripe|billing_|§ 147 AO/);

    const policy = renderPrivacyPolicy(language, policySources(loadConfig({ ...operator, ...billingTestEnv })));
    const account = policy.purposes.items.find((entry) => entry.id === 'customerAccount');
    expect(account?.data.join(' ')).toMatch(/Kartendaten nur beim Zahlungsdienst|card details only at the payment provider/);
    expect(account?.data.join(' ')).toMatch(/Nummer, Datum, Betrag und Währung von Rechnungen|number, date, amount and currency of invoices/);
    expect(account?.retention.join(' ')).toMatch(/8 (Jahre|years).*§ 147 AO, § 14b UStG/);
    // Without PROCESSOR_PAYMENT the recipient is Stripe's contracting entity for the EEA.
    expect(policy.recipients.items.find((entry) => entry.id === 'payment')).toMatchObject({
      name: expect.stringMatching(/^Stripe Payments Europe, Limited \(/),
      location: `1 Grand Canal Street Lower, Grand Canal Dock, Dublin, D02 H210, ${{ de: 'Irland', en: 'Ireland' }[language]}`,
      transfer: null,
    });
    const record = art30Markdown(art30Record(language, policySources(loadConfig({ ...operator, ...billingTestEnv }))), language);
    expect(record).toContain('Stripe Payments Europe, Limited');
  });

  it('names a transfer outside the EU/EEA with its safeguard, in the policy and the Art. 30 record', () => {
    const config = loadConfig({ ...operator, PROCESSOR_BACKUP: 'Cloud Backup Inc. | 1 Main St, Seattle, WA 98101 | US | SCC' });
    const policy = renderPrivacyPolicy(language, policySources(config));
    const backup = policy.recipients.items.find((entry) => entry.id === 'backup');
    const expected = {
      de: 'Vereinigte Staaten: Übermittlung in ein Drittland ohne Angemessenheitsbeschluss; abgesichert durch Standardvertragsklauseln der EU-Kommission (Art. 46 Abs. 2 lit. c DSGVO)',
      en: 'United States: transfer to a third country without an adequacy decision, safeguarded by the European Commission’s standard contractual clauses (Art. 46(2)(c) GDPR)',
    }[language];
    expect(backup).toMatchObject({
      location: `1 Main St, Seattle, WA 98101, ${{ de: 'Vereinigte Staaten', en: 'United States' }[language]}`,
      transfer: expected,
    });
    const record = art30Record(language, policySources(config));
    expect(record.activities.find((activity) => activity.id === 'customerAccount')?.thirdCountries).toEqual([expected]);
    expect(record.processors).toEqual([expect.objectContaining({ transfer: expected, country: { de: 'Vereinigte Staaten', en: 'United States' }[language] })]);

    const swiss = renderPrivacyPolicy(language, policySources(loadConfig({ ...operator, PROCESSOR_BACKUP: 'Backup AG | Weg 1, 3000 Bern | CH' })));
    expect(swiss.recipients.items[0]?.transfer).toMatch(
      language === 'de' ? /^Schweiz: .*Angemessenheitsbeschluss.*Art\. 45 DSGVO/ : /^Switzerland: .*adequacy decision.*Art\. 45 GDPR/,
    );
  });

  it('names the supervisory authority in the section on the right to complain only when configured', () => {
    const without = renderPrivacyPolicy(language, policySources(loadConfig(operator)));
    expect(without.rights.authority).toBeNull();
    expect(text(without)).not.toContain('Kavalleriestr');

    const policy = renderPrivacyPolicy(language, policySources(loadConfig({ ...operator, SUPERVISORY_AUTHORITY: authority })));
    expect(policy.rights.authority).toEqual({
      name: 'Landesbeauftragte für Datenschutz NRW',
      address: 'Kavalleriestr. 2-4, 40213 Düsseldorf',
      url: 'https://www.ldi.nrw.de',
    });
    expect(policy.rights.closing).toMatch(language === 'de' ? /Art\. 77 DSGVO.*Für uns zuständig ist:$/ : /Art\. 77 GDPR.*The authority competent for us is:$/);
    expect(art30Markdown(art30Record(language, policySources(loadConfig({ ...operator, SUPERVISORY_AUTHORITY: authority }))), language)).toContain(
      'Landesbeauftragte für Datenschutz NRW, Kavalleriestr. 2-4, 40213 Düsseldorf, https://www.ldi.nrw.de',
    );
  });

  it('names the data-protection contact (P-27) from the configuration', () => {
    const policy = renderPrivacyPolicy(
      language,
      policySources(loadConfig({ ...operator, PRIVACY_CONTACT_NAME: 'Dana Datenschutz', PRIVACY_CONTACT_EMAIL: 'dsb@praxis.example' })),
    );
    expect(policy.privacyContact).toMatchObject({ name: 'Dana Datenschutz', email: 'dsb@praxis.example' });
  });
});

describe('start-up warnings about processors', () => {
  it('warns about a processor in a third country under a safeguard, and about processors in use without a name', () => {
    const config = loadConfig({
      ...operator,
      PROCESSOR_BACKUP: 'Cloud Backup Inc. | 1 Main St, Seattle, WA 98101 | US | SCC',
      PROCESSOR_HOSTING: 'Hetzner Online GmbH | Industriestr. 25, 91710 Gunzenhausen | DE',
      SMTP_URL: 'smtp://mail.example.org:587',
    });
    expect(processorWarnings(config)).toEqual([
      { processor: 'PROCESSOR_BACKUP', message: expect.stringMatching(/^Cloud Backup Inc\. \(PROCESSOR_BACKUP\) is in US, outside the EU\/EEA .* under SCC/) },
      { processor: 'PROCESSOR_EMAIL', message: expect.stringMatching(/^PROCESSOR_EMAIL is unset/) },
    ]);
    expect(processorWarnings(loadConfig({ ...operator, PROCESSOR_HOSTING: 'Hetzner Online GmbH | Industriestr. 25, 91710 Gunzenhausen | DE' }))).toEqual([]);
  });
});
