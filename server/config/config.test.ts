import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

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

  it('refuses a bcrypt cost below 12 outside tests', () => {
    expect(problemsOf({ BCRYPT_COST: '8' })[0]).toMatch(/BCRYPT_COST.*at least 12/);
    expect(loadConfig({ NODE_ENV: 'test', BCRYPT_COST: '4' }).bcryptCost).toBe(4);
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
    const config = loadConfig({ ...production, OPERATOR_NAME: 'Praxisverbund', OPERATOR_ADDRESS: 'Weg 1, Köln', OPERATOR_EMAIL: 'info@example.org' });
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
      expect(problemsOf({ ...url, ANALYTICS_RETENTION_MONTHS: bad }), bad).toEqual([expect.stringMatching(/^ANALYTICS_RETENTION_MONTHS \(got ".*"\): use a whole number of months/)]);
    }
    expect(problemsOf({ ANALYTICS_RETENTION_MONTHS: '13' })).toEqual([expect.stringMatching(/^ANALYTICS_RETENTION_MONTHS .*only used with ANALYTICS_URL/)]);
  });
});
