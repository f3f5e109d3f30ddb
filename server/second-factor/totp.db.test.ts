import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpFactors } from '../db/schema';
import { activeCustomer, ApiClient, ManualClock, MemoryMailer, startTestApp, type TestApp } from '../test-support/app';
import { PENDING_LOGIN_LIFETIME_MS } from './pending-login';
import { TOTP_PERIOD_SECONDS, totpCodeAt } from './totp';

const STEP_MS = TOTP_PERIOD_SECONDS * 1000;

describe('second factor: authenticator app (TOTP)', () => {
  let testApp: TestApp;
  const mailer = new MemoryMailer();
  // At the start of a time step, so that moving by whole steps lands where the test means.
  const clock = new ManualClock('2026-03-02T08:00:00Z');

  beforeAll(async () => {
    testApp = await startTestApp({ mailer, clock });
  });
  afterAll(async () => testApp.close());

  /** A customer with a confirmed authenticator app; returns its secret, as the phone holds it. */
  async function withApp() {
    const customer = await activeCustomer(testApp, mailer);
    const setup = await customer.client.post('/api/profile/second-factor/totp');
    expect(setup.statusCode).toBe(200);
    const { secret, uri } = setup.json<{ secret: string; uri: string }>();
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(uri).toContain(`secret=${secret}`);
    const confirmed = await customer.client.post('/api/profile/second-factor/totp/confirm', { code: totpCodeAt(secret, clock.now()) });
    expect(confirmed.statusCode).toBe(200);
    clock.advance(STEP_MS);
    return { ...customer, secret };
  }

  async function passwordStep(email: string, password: string) {
    const client = await new ApiClient(testApp).init();
    const response = await client.post('/api/session', { email, password });
    return { client, response };
  }

  it('is confirmed by a first code, and only then asked at login', async () => {
    const customer = await activeCustomer(testApp, mailer);
    const setup = (await customer.client.post('/api/profile/second-factor/totp')).json<{ secret: string }>();
    expect((await customer.client.get('/api/profile/second-factor')).json()).toEqual({ totp: 'pending', recoveryCodesLeft: 0, passkeys: 0 });
    // Unconfirmed: the password alone still logs in.
    const before = await passwordStep(customer.email, customer.password);
    expect(before.response.json().account).not.toBeNull();
    const wrong = await customer.client.post('/api/profile/second-factor/totp/confirm', {
      code: '000000' === totpCodeAt(setup.secret, clock.now()) ? '111111' : '000000',
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.code).toBe('second_factor_invalid');
    expect((await customer.client.post('/api/profile/second-factor/totp/confirm', { code: totpCodeAt(setup.secret, clock.now()) })).statusCode).toBe(200);
    expect((await customer.client.get('/api/profile/second-factor')).json()).toMatchObject({ totp: 'on' });
    const again = await customer.client.post('/api/profile/second-factor/totp');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('second_factor_already_set');
  });

  it('keeps the secret sealed at rest', async () => {
    const { secret } = await withApp();
    const rows = await testApp.database.db.select({ secret: totpFactors.secret }).from(totpFactors);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((row) => row.secret)).not.toContain(secret);
    expect(rows.every((row) => row.secret.startsWith('v1.'))).toBe(true);
  });

  it('logs in with the password and then a code; the password alone opens nothing', async () => {
    const { email, password, secret } = await withApp();
    const { client, response } = await passwordStep(email, password);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ account: null, secondFactor: 'required', methods: ['totp', 'recoveryCode'] });
    expect(client.cookie('sz_session')).toBeUndefined();
    const pending = response.cookies.find((cookie) => cookie.name === 'sz_pending_login');
    expect(pending).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect((await client.get('/api/profile')).statusCode).toBe(401);
    const done = await client.post('/api/session/second-factor', { code: totpCodeAt(secret, clock.now()) });
    expect(done.statusCode).toBe(200);
    expect(done.json().account.email).toBe(email);
    expect((await client.get('/api/profile')).statusCode).toBe(200);
    expect(client.cookie('sz_pending_login')).toBeUndefined();
  });

  it('accepts one step of drift either way, not two', async () => {
    const { email, password, secret } = await withApp();
    for (const [offset, accepted] of [
      [-1, true],
      [1, true],
      [-2, false],
      [2, false],
    ] as const) {
      clock.advance(3 * STEP_MS);
      const { client } = await passwordStep(email, password);
      const code = totpCodeAt(secret, new Date(clock.now().getTime() + offset * STEP_MS));
      const answer = await client.post('/api/session/second-factor', { code });
      expect(answer.statusCode, `code of step ${offset}`).toBe(accepted ? 200 : 422);
    }
  });

  it('refuses a used code for the rest of its window, and takes the next one', async () => {
    const { email, password, secret } = await withApp();
    const code = totpCodeAt(secret, clock.now());
    const first = await passwordStep(email, password);
    expect((await first.client.post('/api/session/second-factor', { code })).statusCode).toBe(200);
    const replay = await passwordStep(email, password);
    const refused = await replay.client.post('/api/session/second-factor', { code });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('second_factor_invalid');
    // Still inside the drift window a step later: the same code stays refused.
    clock.advance(STEP_MS);
    expect((await replay.client.post('/api/session/second-factor', { code })).statusCode).toBe(422);
    expect((await replay.client.post('/api/session/second-factor', { code: totpCodeAt(secret, clock.now()) })).statusCode).toBe(200);
  });

  it('throttles codes per account: after five wrong ones even the right code waits', async () => {
    const { email, password, secret } = await withApp();
    const right = totpCodeAt(secret, clock.now());
    const wrong = right === '123456' ? '654321' : '123456';
    for (let guess = 0; guess < 5; guess += 1) {
      // Each guess from a fresh browser: the limit is the account's, not the login's.
      const { client } = await passwordStep(email, password);
      expect((await client.post('/api/session/second-factor', { code: wrong })).statusCode).toBe(422);
    }
    const { client } = await passwordStep(email, password);
    const blocked = await client.post('/api/session/second-factor', { code: right });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBeDefined();
  });

  it('asks for the password again when the code step is old, altered or missing', async () => {
    const { email, password, secret } = await withApp();
    const { client } = await passwordStep(email, password);
    clock.advance(PENDING_LOGIN_LIFETIME_MS);
    const late = await client.post('/api/session/second-factor', { code: totpCodeAt(secret, clock.now()) });
    expect(late.statusCode).toBe(401);
    expect(late.json().error.code).toBe('second_factor_login_expired');
    const stranger = await new ApiClient(testApp).init();
    const none = await stranger.post('/api/session/second-factor', { code: totpCodeAt(secret, clock.now()) });
    expect(none.json().error.code).toBe('second_factor_login_expired');
  });

  it('is turned off only with the password and a current code', async () => {
    const { client, email, password, secret } = await withApp();
    const login = await passwordStep(email, password);
    await login.client.post('/api/session/second-factor', { code: totpCodeAt(secret, clock.now()) });
    clock.advance(STEP_MS);
    const noPassword = await login.client.post('/api/profile/second-factor/totp/off', {
      currentPassword: 'not the password',
      secondFactorCode: totpCodeAt(secret, clock.now()),
    });
    expect(noPassword.statusCode).toBe(422);
    expect(noPassword.json().error.code).toBe('wrong_password');
    const noCode = await login.client.post('/api/profile/second-factor/totp/off', { currentPassword: password });
    expect(noCode.statusCode).toBe(403);
    expect(noCode.json().error.code).toBe('second_factor_required');
    expect((await login.client.get('/api/profile/second-factor')).json()).toMatchObject({ totp: 'on' });
    clock.advance(STEP_MS);
    const off = await login.client.post('/api/profile/second-factor/totp/off', {
      currentPassword: password,
      secondFactorCode: totpCodeAt(secret, clock.now()),
    });
    expect(off.statusCode).toBe(200);
    expect((await client.get('/api/profile/second-factor')).json()).toMatchObject({ totp: 'off' });
    expect((await passwordStep(email, password)).response.json().account).not.toBeNull();
  });
});
