import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recoveryCodes } from '../db/schema';
import { sha256 } from '../security/tokens';
import { activeCustomer, ApiClient, ManualClock, MemoryMailer, startTestApp, type TestApp } from '../test-support/app';
import { TOTP_PERIOD_SECONDS, totpCodeAt } from './totp';

const STEP_MS = TOTP_PERIOD_SECONDS * 1000;

describe('second factor: recovery codes', () => {
  let testApp: TestApp;
  const mailer = new MemoryMailer();
  const clock = new ManualClock('2026-03-02T08:00:00Z');

  beforeAll(async () => {
    testApp = await startTestApp({ mailer, clock });
  });
  afterAll(async () => testApp.close());

  /** A customer with a confirmed app; the ten codes are what the set-up showed. */
  async function withApp() {
    const customer = await activeCustomer(testApp, mailer);
    const { secret } = (await customer.client.post('/api/profile/second-factor/totp')).json<{ secret: string }>();
    const confirmed = await customer.client.post('/api/profile/second-factor/totp/confirm', { code: totpCodeAt(secret, clock.now()) });
    clock.advance(STEP_MS);
    return { ...customer, secret, codes: confirmed.json<{ recoveryCodes: string[] }>().recoveryCodes };
  }

  async function logInWith(email: string, password: string, code: string) {
    const client = await new ApiClient(testApp).init();
    const first = await client.post('/api/session', { email, password });
    expect(first.json().secondFactor).toBe('required');
    return { client, response: await client.post('/api/session/second-factor', { code }) };
  }

  it('shows ten distinct codes once at set-up and keeps only their hashes', async () => {
    const { client, codes } = await withApp();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$/);
    const stored = (await testApp.database.db.select({ codeHash: recoveryCodes.codeHash }).from(recoveryCodes)).map((row) => row.codeHash);
    for (const code of codes) {
      expect(stored).not.toContain(code);
      expect(stored.some((hash) => hash.includes(code.replace(/-/g, '')))).toBe(false);
    }
    expect(stored).not.toContain(sha256(codes[0] ?? ''));
    expect((await client.get('/api/profile/second-factor')).json()).toEqual({ totp: 'on', recoveryCodesLeft: 10, passkeys: 0 });
  });

  it('logs in with a recovery code once and says how many are left', async () => {
    const { email, password, codes } = await withApp();
    const [code] = codes as [string];
    const first = await logInWith(email, password, code.toUpperCase().replace(/-/g, ' '));
    expect(first.response.statusCode).toBe(200);
    expect(first.response.json()).toMatchObject({ recoveryCodesLeft: 9, account: { email } });
    expect((await first.client.get('/api/profile')).statusCode).toBe(200);
    const again = await logInWith(email, password, code);
    expect(again.response.statusCode).toBe(422);
    expect(again.response.json().error.code).toBe('second_factor_invalid');
    const second = await logInWith(email, password, codes[1] ?? '');
    expect(second.response.json().recoveryCodesLeft).toBe(8);
  });

  it('makes a new sheet after the password, and the old codes stop working', async () => {
    const { client, email, password, codes, secret } = await withApp();
    const wrong = await client.post('/api/profile/second-factor/recovery-codes', {
      currentPassword: 'not the password at all',
      secondFactorCode: totpCodeAt(secret, clock.now()),
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.code).toBe('wrong_password');
    clock.advance(STEP_MS);
    const fresh = await client.post('/api/profile/second-factor/recovery-codes', {
      currentPassword: password,
      secondFactorCode: totpCodeAt(secret, clock.now()),
    });
    expect(fresh.statusCode).toBe(200);
    const newCodes = fresh.json<{ recoveryCodes: string[] }>().recoveryCodes;
    expect(newCodes).toHaveLength(10);
    expect(newCodes.filter((code) => codes.includes(code))).toEqual([]);
    expect((await logInWith(email, password, codes[2] ?? '')).response.statusCode).toBe(422);
    const withNew = await logInWith(email, password, newCodes[0] ?? '');
    expect(withNew.response.json().recoveryCodesLeft).toBe(9);
  });

  it('turns the second factor off with a recovery code when the phone is lost, and the codes go with it', async () => {
    const { client, password, codes } = await withApp();
    const off = await client.post('/api/profile/second-factor/totp/off', { currentPassword: password, secondFactorCode: codes[0] });
    expect(off.statusCode).toBe(200);
    expect((await client.get('/api/profile/second-factor')).json()).toEqual({ totp: 'off', recoveryCodesLeft: 0, passkeys: 0 });
  });

  it('is not accepted as the first code of the app', async () => {
    const customer = await activeCustomer(testApp, mailer);
    await customer.client.post('/api/profile/second-factor/totp');
    const answer = await customer.client.post('/api/profile/second-factor/totp/confirm', { code: 'abcd-efgh-ijkm' });
    expect(answer.statusCode).toBe(422);
  });
});
