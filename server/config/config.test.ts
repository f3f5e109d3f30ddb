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
});
