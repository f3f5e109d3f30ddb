import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, hashingLimits, loadConfig } from './config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

/** What production needs beyond the basics since P-26/P-27: the hosting provider and the authority. */
const namedInProduction = {
  PROCESSOR_HOSTING: 'Hetzner Online GmbH | Industriestr. 25, 91710 Gunzenhausen | DE',
  SUPERVISORY_AUTHORITY: 'LDI NRW | Kavalleriestr. 2-4, 40213 Düsseldorf | https://www.ldi.nrw.de',
};

describe('configuration', () => {
  it('runs with no settings at all: embedded database in ./data, outbox mail, port 3000', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: 'localhost', databaseUrl: undefined, secureContext: false });
    expect(config.dataDir).toBe(path.resolve('data'));
    expect(config.publicUrl.origin).toBe('http://localhost:3000');
    expect(config.mail.smtpUrl).toBeUndefined();
    expect(config.bcryptCost).toBe(12);
  });

  it('says how to fix each bad value', () => {
    const problems = problemsOf({ PORT: 'eighty', DATABASE_URL: 'mysql://x', PUBLIC_URL: 'not a url', LOG_LEVEL: 'loud' });
    expect(problems.find((line) => line.startsWith('PORT'))).toMatch(/"eighty".*port number/);
    expect(problems.find((line) => line.startsWith('DATABASE_URL'))).toMatch(/postgres:\/\/user:password@host/);
    expect(problems.find((line) => line.startsWith('DATABASE_URL'))).not.toContain('mysql');
    expect(problems.find((line) => line.startsWith('PUBLIC_URL'))).toMatch(/absolute URL/);
    expect(problems.find((line) => line.startsWith('LOG_LEVEL'))).toMatch(/one of/);
  });

  it('serves metrics only with METRICS_PORT, on loopback by default, never on the app port', () => {
    expect(loadConfig({}).metrics).toBeUndefined();
    expect(loadConfig({ METRICS_PORT: '9464' }).metrics).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(loadConfig({ METRICS_PORT: '9464', METRICS_HOST: '10.0.0.5' }).metrics).toEqual({ host: '10.0.0.5', port: 9464 });
    expect(problemsOf({ PORT: '3001', METRICS_PORT: '3001' }).find((line) => line.startsWith('METRICS_PORT'))).toMatch(/port of its own/);
  });

  it('refuses a bcrypt cost below 12 outside tests', () => {
    expect(problemsOf({ BCRYPT_COST: '8' })[0]).toMatch(/BCRYPT_COST.*at least 12/);
    expect(loadConfig({ NODE_ENV: 'test', BCRYPT_COST: '4' }).bcryptCost).toBe(4);
  });

  it("hashes on every core but one by default, below libuv's thread pool, with a queue for recognised browsers", () => {
    expect(hashingLimits(undefined, undefined, 4, 2)).toEqual({ concurrency: 1, queueLength: 4, knownDeviceQueueLength: 4 });
    expect(hashingLimits(undefined, undefined, 4, 1)).toMatchObject({ concurrency: 1 });
    expect(hashingLimits(undefined, undefined, 4, 8)).toMatchObject({ concurrency: 2 });
    expect(hashingLimits(undefined, undefined, 16, 8)).toMatchObject({ concurrency: 7, queueLength: 28 });
    expect(hashingLimits(3, 0, 16, 8)).toEqual({ concurrency: 3, queueLength: 0, knownDeviceQueueLength: 2 });
    expect(hashingLimits(undefined, undefined, undefined, 8)).toMatchObject({ concurrency: 7 });
    expect(problemsOf({ BCRYPT_THREADS: 'libuv', BCRYPT_CONCURRENCY: '3' })[0]).toMatch(/BCRYPT_CONCURRENCY.*at most 2/);
  });

  it("hashes on worker threads of its own by default, so libuv's pool does not bound it", () => {
    const config = loadConfig({ BCRYPT_CONCURRENCY: '3' });
    expect(config.bcryptThreads).toEqual({ kind: 'worker', nice: 0 });
    expect(config.hashing.concurrency).toBe(3);
    expect(loadConfig({ BCRYPT_THREADS: 'libuv', BCRYPT_NICE: '10' }).bcryptThreads).toEqual({ kind: 'libuv', nice: 10 });
    expect(problemsOf({ BCRYPT_NICE: '20' })[0]).toMatch(/BCRYPT_NICE/);
  });

  it('requires SMTP and https in production', () => {
    const problems = problemsOf({ NODE_ENV: 'production', PUBLIC_URL: 'http://video.example.org' });
    expect(problems.some((line) => line.startsWith('SMTP_URL'))).toBe(true);
    expect(problems.some((line) => line.startsWith('PUBLIC_URL') && line.includes('https'))).toBe(true);
  });

  it('requires the controller and a data-protection contact in production (they are printed in the privacy policy)', () => {
    const production = { NODE_ENV: 'production', PUBLIC_URL: 'https://video.example.org', SMTP_URL: 'smtp://mail.example.org:587' };
    const problems = problemsOf(production);
    expect(problems.find((line) => line.startsWith('OPERATOR_NAME'))).toMatch(/set OPERATOR_NAME=/);
    expect(problems.find((line) => line.startsWith('OPERATOR_ADDRESS'))).toMatch(/postal address/);
    expect(problems.find((line) => line.startsWith('PRIVACY_CONTACT_EMAIL'))).toMatch(/data-protection contact/);
    const config = loadConfig({
      ...production,
      ...namedInProduction,
      OPERATOR_NAME: 'Praxisverbund',
      OPERATOR_ADDRESS: 'Weg 1, Köln',
      OPERATOR_EMAIL: 'info@example.org',
    });
    expect(config.privacyContact).toEqual({ name: undefined, email: 'info@example.org' });
  });

  it('treats an empty value as unset and switches to secure cookies under https', () => {
    const config = loadConfig({ PORT: '', PUBLIC_URL: 'https://video.example.org' });
    expect(config.port).toBe(3000);
    expect(config.secureContext).toBe(true);
  });

  it('takes the data encryption key and former keys as 32 bytes of base64, never echoing them (P-21)', () => {
    const key = Buffer.alloc(32, 0xfb);
    const former = Buffer.alloc(32, 0x3e);
    const config = loadConfig({ DATA_ENCRYPTION_KEY: key.toString('base64'), DATA_ENCRYPTION_KEYS_OLD: ` ${former.toString('base64url')} ,` });
    expect(config.encryption.key?.equals(key)).toBe(true);
    expect(config.encryption.oldKeys.map((entry) => entry.toString('hex'))).toEqual([former.toString('hex')]);
    expect(loadConfig({}).encryption).toEqual({ key: undefined, oldKeys: [] });

    const problems = problemsOf({ DATA_ENCRYPTION_KEY: 'c2hvcnQga2V5', DATA_ENCRYPTION_KEYS_OLD: `${key.toString('base64')},abc` });
    expect(problems.find((line) => line.startsWith('DATA_ENCRYPTION_KEY'))).toMatch(/\(got "…"\).*openssl rand -base64 32/);
    expect(problems.find((line) => line.startsWith('DATA_ENCRYPTION_KEYS_OLD'))).toMatch(/32 random bytes in base64/);
    expect(problems.join('\n')).not.toContain('c2hvcnQga2V5');
  });

  it('requires a data encryption key with PostgreSQL and says how to make one', () => {
    const problem = problemsOf({ DATABASE_URL: 'postgres://app@db/app' }).find((line) => line.startsWith('DATA_ENCRYPTION_KEY'));
    expect(problem).toMatch(/PostgreSQL needs the key .*openssl rand -base64 32/);
    expect(loadConfig({ DATABASE_URL: 'postgres://app@db/app', DATA_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64') }).encryption.key).toHaveLength(32);
  });

  it('takes an optional analytics script URL, https in production', () => {
    expect(loadConfig({}).analytics).toBeUndefined();
    const months = { ANALYTICS_RETENTION_MONTHS: '13' };
    expect(loadConfig({ ...months, ANALYTICS_URL: 'https://stats.example.org/js/script.js' }).analytics?.scriptUrl.origin).toBe('https://stats.example.org');
    expect(problemsOf({ ...months, ANALYTICS_URL: 'stats.example.org' })[0]).toMatch(/ANALYTICS_URL.*URL of the self-hosted analytics script/);
    expect(problemsOf({ ...months, ANALYTICS_URL: 'javascript:alert(1)' })[0]).toMatch(/ANALYTICS_URL/);
    const production = { NODE_ENV: 'production', PUBLIC_URL: 'https://video.example.org', SMTP_URL: 'smtp://mail.example.org', ...months };
    const analyticsProblems = (url: string) => problemsOf({ ...production, ANALYTICS_URL: url }).filter((line) => line.startsWith('ANALYTICS_URL'));
    expect(analyticsProblems('http://stats.example.org/script.js')).toEqual([expect.stringMatching(/https/)]);
    expect(analyticsProblems('https://stats.example.org/script.js')).toEqual([]);
  });

  it('requires the analytics retention in months with ANALYTICS_URL, since the privacy policy states it', () => {
    const url = { ANALYTICS_URL: 'https://stats.example.org/js/script.js' };
    expect(problemsOf(url)).toEqual([expect.stringMatching(/^ANALYTICS_RETENTION_MONTHS: ANALYTICS_URL needs the months .*ANALYTICS_RETENTION_MONTHS=13/)]);
    expect(loadConfig({ ...url, ANALYTICS_RETENTION_MONTHS: '6' }).analytics?.retentionMonths).toBe(6);
    for (const bad of ['0', '-3', '1.5', 'forever']) {
      expect(problemsOf({ ...url, ANALYTICS_RETENTION_MONTHS: bad }), bad).toEqual([
        expect.stringMatching(/^ANALYTICS_RETENTION_MONTHS \(got ".*"\): use a whole number of months/),
      ]);
    }
    expect(problemsOf({ ANALYTICS_RETENTION_MONTHS: '13' })).toEqual([expect.stringMatching(/^ANALYTICS_RETENTION_MONTHS .*only used with ANALYTICS_URL/)]);
  });

  it('names processors as "Name | address | country[ | safeguard]" and says how to fix a bad one (P-26)', () => {
    const config = loadConfig({
      PROCESSOR_HOSTING: 'IONOS SE | Elgendorfer Str. 57, 56410 Montabaur | de',
      PROCESSOR_BACKUP: 'self',
      SMTP_URL: 'smtp://mail.example.org:587',
      PROCESSOR_EMAIL: 'Mailjet SAS | 13-13 bis rue de l’Aubrac, 75012 Paris | FR',
    });
    expect(config.processors).toEqual({
      hosting: { name: 'IONOS SE', address: 'Elgendorfer Str. 57, 56410 Montabaur', country: 'DE', safeguard: null },
      backup: 'self',
      email: { name: 'Mailjet SAS', address: '13-13 bis rue de l’Aubrac, 75012 Paris', country: 'FR', safeguard: null },
    });
    expect(loadConfig({}).processors).toEqual({});

    expect(problemsOf({ PROCESSOR_HOSTING: 'IONOS SE, Montabaur, DE' })).toEqual([
      expect.stringMatching(/^PROCESSOR_HOSTING \(got ".*"\): use "Name \| street, postcode city \| country code"/),
    ]);
    expect(problemsOf({ PROCESSOR_BACKUP: 'Backup AG | Weg 1, Bern | Schweiz' })).toEqual([expect.stringMatching(/^PROCESSOR_BACKUP .*two-letter ISO code/)]);
    expect(problemsOf({ PROCESSOR_BACKUP: 'Backup AG | Weg 1, Bern | CH | maybe' })).toEqual([expect.stringMatching(/^PROCESSOR_BACKUP .*SCC .*BCR .*DPF/)]);
    // "self" only for what can be one's own machines.
    expect(problemsOf({ PROCESSOR_PAYMENT: 'self' })[0]).toMatch(/^PROCESSOR_PAYMENT/);
  });

  it('turns billing on only with STRIPE_SECRET_KEY and then asks for everything it needs, each with a fix', () => {
    expect(loadConfig({}).billing).toBeUndefined();
    expect(problemsOf({ STRIPE_PRICE_INDIVIDUAL_MONTHLY: 'price_abc' })).toEqual([
      expect.stringMatching(/^STRIPE_PRICE_INDIVIDUAL_MONTHLY.*only used with STRIPE_SECRET_KEY/),
    ]);
    expect(problemsOf({ PROCESSOR_PAYMENT: 'Zahlung GmbH | Geldweg 4, 80331 München | DE' })).toEqual([
      expect.stringMatching(/^PROCESSOR_PAYMENT.*STRIPE_SECRET_KEY is unset/),
    ]);
    const problems = problemsOf({ STRIPE_SECRET_KEY: 'sk_test_0123456789abcdef' });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^STRIPE_WEBHOOK_SECRET.*\/api\/billing\/webhook.*whsec_/),
        expect.stringMatching(/^STRIPE_PRICE_ORGANISATION_YEARLY.*price_/),
        expect.stringMatching(/^BILLING_TRIAL_DAYS.*BILLING_TRIAL_DAYS=14/),
      ]),
    );
    expect(problems.join('\n')).not.toContain('0123456789abcdef');
    expect(problemsOf({ STRIPE_SECRET_KEY: 'pk_live_0123456789abcdef' })[0]).toMatch(/^STRIPE_SECRET_KEY .*secret key/);
    const env = {
      STRIPE_SECRET_KEY: 'sk_live_0123456789abcdef',
      STRIPE_WEBHOOK_SECRET: 'whsec_0123456789abcdef',
      STRIPE_PRICE_INDIVIDUAL_MONTHLY: 'price_im',
      STRIPE_PRICE_INDIVIDUAL_YEARLY: 'price_iy',
      STRIPE_PRICE_ORGANISATION_MONTHLY: 'price_om',
      STRIPE_PRICE_ORGANISATION_YEARLY: 'price_oy',
      BILLING_TRIAL_DAYS: '14',
    };
    expect(loadConfig(env).billing).toMatchObject({ trialDays: 14, prices: { organisation_yearly: 'price_oy' }, api: undefined });
    expect(problemsOf({ ...env, STRIPE_PRICE_INDIVIDUAL_YEARLY: 'price_im' })[0]).toMatch(/a price of its own/);
    expect(problemsOf({ ...env, NODE_ENV: 'production', STRIPE_SECRET_KEY: 'sk_test_0123456789abcdef' }).join('\n')).toMatch(
      /STRIPE_SECRET_KEY.*live secret key/,
    );
  });

  it('requires a safeguard for a processor outside the EU/EEA without a full adequacy decision', () => {
    const twilio = { TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`, TWILIO_AUTH_TOKEN: 'x'.repeat(32), TWILIO_FROM: '+4915112345678' };
    const usa = 'Twilio Inc. | 101 Spear Street, San Francisco, CA 94105 | US';
    expect(problemsOf({ ...twilio, PROCESSOR_SMS: usa })).toEqual([
      expect.stringMatching(/^PROCESSOR_SMS .*Twilio Inc\. is in US, outside the EU\/EEA .*\| SCC".*"\| DPF"/),
    ]);
    expect(loadConfig({ ...twilio, PROCESSOR_SMS: `${usa} | dpf` }).processors.sms).toMatchObject({ country: 'US', safeguard: 'DPF' });
    expect(problemsOf({ PROCESSOR_HOSTING: 'Host Pty | 1 George St, Sydney | AU | DPF' })).toEqual([
      expect.stringMatching(/DPF .*only to processors in the USA/),
    ]);
    expect(loadConfig({ PROCESSOR_HOSTING: 'Host Pty | 1 George St, Sydney | AU | SCC' }).processors.hosting).toMatchObject({ safeguard: 'SCC' });
    // An adequacy decision (Switzerland) and the EEA (Norway) need none.
    expect(loadConfig({ PROCESSOR_BACKUP: 'Backup AG | Weg 1, 3000 Bern | CH' }).processors.backup).toMatchObject({ country: 'CH', safeguard: null });
    expect(loadConfig({ PROCESSOR_BACKUP: 'Backup AS | Vei 1, 0150 Oslo | NO' }).processors.backup).toMatchObject({ country: 'NO' });
  });

  it('refuses a named processor this installation does not use', () => {
    const problems = problemsOf({
      PROCESSOR_EMAIL: 'Mail GmbH | Weg 1, Köln | DE',
      PROCESSOR_SMS: 'Sms GmbH | Weg 2, Köln | DE',
      PROCESSOR_TURN: 'Turn GmbH | Weg 3, Köln | DE',
      PROCESSOR_ANALYTICS: 'Stats GmbH | Weg 4, Köln | DE',
    });
    expect(problems.map((line) => line.split(' ')[0])).toEqual(['PROCESSOR_EMAIL', 'PROCESSOR_SMS', 'PROCESSOR_TURN', 'PROCESSOR_ANALYTICS']);
    expect(problems[0]).toMatch(/SMTP_URL is unset/);
  });

  it('refuses to start in production without the hosting processor and the supervisory authority (P-26, P-27)', () => {
    const production = {
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://video.example.org',
      SMTP_URL: 'smtp://mail.example.org:587',
      OPERATOR_NAME: 'Praxisverbund',
      OPERATOR_ADDRESS: 'Weg 1, Köln',
      OPERATOR_EMAIL: 'info@example.org',
    };
    const problems = problemsOf(production);
    expect(problems).toEqual([
      expect.stringMatching(
        /^PROCESSOR_HOSTING: production must name the hosting and database provider .*PROCESSOR_HOSTING="Hetzner Online GmbH \| .* \| DE".*PROCESSOR_HOSTING=self/,
      ),
      expect.stringMatching(/^SUPERVISORY_AUTHORITY: production must name the data-protection supervisory authority .*SUPERVISORY_AUTHORITY="/),
    ]);
    const config = loadConfig({ ...production, ...namedInProduction });
    expect(config.supervisoryAuthority).toEqual({ name: 'LDI NRW', address: 'Kavalleriestr. 2-4, 40213 Düsseldorf', url: 'https://www.ldi.nrw.de' });
    expect(loadConfig({ ...production, ...namedInProduction, PROCESSOR_HOSTING: 'self' }).processors.hosting).toBe('self');
    expect(problemsOf({ SUPERVISORY_AUTHORITY: 'LDI NRW | Düsseldorf' })).toEqual([
      expect.stringMatching(/^SUPERVISORY_AUTHORITY .*"Name \| postal address \| web address"/),
    ]);
    expect(problemsOf({ SUPERVISORY_AUTHORITY: 'LDI NRW | Düsseldorf | www.ldi.nrw.de' })[0]).toMatch(/^SUPERVISORY_AUTHORITY/);
  });

  it('takes the connection-test relay only with its own secret (issue 9 §5)', () => {
    expect(problemsOf({ TURN_TEST_URLS: 'turn:turn.example.org:3479' })[0]).toMatch(/^TURN_TEST_URLS .*needs both TURN_TEST_URLS and TURN_TEST_SECRET/);
    expect(problemsOf({ TURN_TEST_SECRET: 'a test relay secret, long enough' })[0]).toMatch(/^TURN_TEST_URLS/);
    const config = loadConfig({ TURN_TEST_URLS: 'turn:turn.example.org:3479', TURN_TEST_SECRET: 'a test relay secret, long enough' });
    expect(config.ice).toMatchObject({ testTurnUrls: ['turn:turn.example.org:3479'], testTurnSecret: 'a test relay secret, long enough', turnUrls: [] });
  });
});
