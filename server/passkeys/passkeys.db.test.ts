import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeCustomer, ApiClient, ManualClock, MemoryMailer, startTestApp, type TestApp } from '../test-support/app';
import { SoftAuthenticator } from '../test-support/soft-authenticator';
import { organization, WORLD_PASSWORD } from '../test-support/world';
import { TOTP_PERIOD_SECONDS, totpCodeAt } from '../second-factor/totp';
import { CHALLENGE_LIFETIME_MS } from './policy';

/**
 * Passkeys through the real routes and @simplewebauthn/server's verification, answered by a
 * software authenticator (server/test-support/soft-authenticator.ts). The app runs with
 * PUBLIC_URL http://localhost:3000: RP ID `localhost`, that origin only.
 */
const ORIGIN = 'http://localhost:3000';
type Options = Record<string, unknown>;

describe('passkeys (issue 12)', () => {
  let testApp: TestApp;
  const mailer = new MemoryMailer();
  const clock = new ManualClock('2026-03-02T08:00:00Z');

  beforeAll(async () => {
    testApp = await startTestApp({ mailer, clock });
  });
  afterAll(async () => testApp.close());

  async function addPasskey(client: ApiClient, key: SoftAuthenticator, name: string) {
    const { options } = (await client.post('/api/profile/passkeys/options')).json<{ options: Options }>();
    return client.post('/api/profile/passkeys', { name, response: key.register(options) });
  }

  async function signInOptions(client: ApiClient): Promise<Options> {
    return (await client.post('/api/session/passkey/options')).json<{ options: Options }>().options;
  }

  it('registers named passkeys, renames one, and signs in with one alone', async () => {
    const { client, email } = await activeCustomer(testApp, mailer);
    const key = new SoftAuthenticator({ origin: ORIGIN });
    const { options } = (await client.post('/api/profile/passkeys/options')).json<{ options: Options }>();
    // Bound to PUBLIC_URL's host, discoverable, with user verification; no personal data in the user handle.
    expect(options).toMatchObject({
      rp: { id: 'localhost' },
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
      attestation: 'none',
    });
    const handle = Buffer.from((options as { user: { id: string } }).user.id, 'base64url').toString();
    expect(handle).not.toContain('Mustermann');
    expect(handle).not.toContain('@');
    const first = await client.post('/api/profile/passkeys', { name: 'Laptop', response: key.register(options) });
    expect(first.statusCode).toBe(201);
    clock.advance(60_000);
    expect((await addPasskey(client, key, 'Sicherheitsschlüssel')).statusCode).toBe(201);
    const renamed = await client.request({
      method: 'PATCH',
      url: `/api/profile/passkeys/${first.json<{ id: string }>().id}`,
      payload: { name: 'Arbeitslaptop' },
    });
    expect(renamed.json()).toMatchObject({ name: 'Arbeitslaptop' });
    const list = (await client.get('/api/profile/passkeys')).json<{ passkeys: { name: string; lastUsedAt: string | null }[] }>().passkeys;
    expect(list.map((row) => row.name)).toEqual(['Arbeitslaptop', 'Sicherheitsschlüssel']);
    expect(Object.keys(list[0] ?? {}).sort()).toEqual(['createdAt', 'id', 'lastUsedAt', 'name']);

    const browser = await new ApiClient(testApp).init();
    const signedIn = await browser.post('/api/session/passkey', { response: key.authenticate(await signInOptions(browser)) });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().account.email).toBe(email);
    expect((await browser.get('/api/session')).json().account.email).toBe(email);
    const used = (await browser.get('/api/profile/passkeys')).json<{ passkeys: { name: string; lastUsedAt: string | null }[] }>().passkeys;
    expect(used.find((row) => row.name === 'Sicherheitsschlüssel')?.lastUsedAt).toBe(clock.now().toISOString());

    // P-24: the export shows the passkeys as stored (name opened, key and counter) and says why they are kept.
    const exported = (await browser.get('/api/privacy/export')).json<{
      passkeys: { name: string; publicKey: string; signCount: number }[];
      processing: { dataset: string; purpose: string }[];
    }>();
    expect(exported.passkeys.map((row) => row.name)).toEqual(['Arbeitslaptop', 'Sicherheitsschlüssel']);
    expect(exported.passkeys[1]?.signCount).toBe(1);
    expect(exported.passkeys[0]?.publicKey.length).toBeGreaterThan(40);
    expect(exported.processing.find((entry) => entry.dataset === 'passkeys')?.purpose).toBe('login');
  });

  it('takes each challenge once, for its own purpose, within two minutes, from the configured origin only', async () => {
    const { client } = await activeCustomer(testApp, mailer);
    const key = new SoftAuthenticator({ origin: ORIGIN });
    await addPasskey(client, key, 'Telefon');
    const browser = await new ApiClient(testApp).init();

    const answer = key.authenticate(await signInOptions(browser));
    expect((await browser.post('/api/session/passkey', { response: answer })).statusCode).toBe(200);
    const replay = await browser.post('/api/session/passkey', { response: answer });
    expect(replay.json().error.code).toBe('passkey_expired');

    const late = await signInOptions(browser);
    clock.advance(CHALLENGE_LIFETIME_MS);
    expect((await browser.post('/api/session/passkey', { response: key.authenticate(late) })).json().error.code).toBe('passkey_expired');

    // A challenge of our own making but for registration, and one the browser made up, are not sign-in challenges.
    const registration = (await client.post('/api/profile/passkeys/options')).json<{ options: Options }>().options;
    expect((await browser.post('/api/session/passkey', { response: key.authenticate(registration) })).json().error.code).toBe('passkey_expired');
    expect((await browser.post('/api/session/passkey', { response: key.authenticate({ challenge: 'bWFkZS11cA' }) })).json().error.code).toBe('passkey_expired');

    const phishing = await browser.post('/api/session/passkey', {
      response: key.authenticate(await signInOptions(browser), { origin: 'https://localhost.example' }),
    });
    expect(phishing.statusCode).toBe(422);
    expect(phishing.json().error.code).toBe('passkey_invalid');
  });

  it('refuses a signature whose counter did not grow (a cloned authenticator), and one without user verification', async () => {
    const { client } = await activeCustomer(testApp, mailer);
    const key = new SoftAuthenticator({ origin: ORIGIN });
    await addPasskey(client, key, 'Schlüssel');
    const browser = await new ApiClient(testApp).init();
    expect((await browser.post('/api/session/passkey', { response: key.authenticate(await signInOptions(browser)) })).statusCode).toBe(200);
    const clone = key.assertion(0, (await signInOptions(browser)).challenge as string, 1);
    const cloned = await browser.post('/api/session/passkey', { response: clone });
    expect(cloned.json().error.code).toBe('passkey_invalid');

    const securityKey = new SoftAuthenticator({ origin: ORIGIN, userVerified: false });
    const { options } = (await client.post('/api/profile/passkeys/options')).json<{ options: Options }>();
    expect((await client.post('/api/profile/passkeys', { name: 'Ohne PIN', response: securityKey.register(options) })).json().error.code).toBe(
      'passkey_invalid',
    );
  });

  it('is asked as the second factor after the password, and only the account’s own passkey passes', async () => {
    const { client, email, password } = await activeCustomer(testApp, mailer);
    const key = new SoftAuthenticator({ origin: ORIGIN });
    await addPasskey(client, key, 'Laptop');
    const stranger = await activeCustomer(testApp, mailer);
    const strangerKey = new SoftAuthenticator({ origin: ORIGIN });
    await addPasskey(stranger.client, strangerKey, 'Fremd');

    const browser = await new ApiClient(testApp).init();
    const login = await browser.post('/api/session', { email, password });
    expect(login.json()).toMatchObject({ account: null, secondFactor: 'required', methods: ['passkey'] });
    // Without the password step there is nothing to answer.
    expect((await new ApiClient(testApp).init().then((other) => other.post('/api/session/second-factor/passkey/options'))).json().error.code).toBe(
      'second_factor_login_expired',
    );

    const options = (await browser.post('/api/session/second-factor/passkey/options')).json<{ options: Options }>().options;
    expect((options.allowCredentials as unknown[]).length).toBe(1);
    const foreign = await browser.post('/api/session/second-factor/passkey', { response: strangerKey.authenticate(options) });
    expect(foreign.json().error.code).toBe('passkey_invalid');
    const again = (await browser.post('/api/session/second-factor/passkey/options')).json<{ options: Options }>().options;
    const done = await browser.post('/api/session/second-factor/passkey', { response: key.authenticate(again) });
    expect(done.statusCode).toBe(200);
    expect(done.json().account.email).toBe(email);
  });

  it('removes a passkey after the password, but never the last factor an organisation requires', async () => {
    const { representative, invite } = await organization(testApp, mailer, `pk-${Date.now()}`);
    const member = await invite('member', true);
    const key = new SoftAuthenticator({ origin: ORIGIN });
    await representative.put('/api/organization/second-factor', { required: true });
    expect((await member.client.get('/api/session')).json().secondFactorSetupRequired).toBe(true);
    const laptop = (await addPasskey(member.client, key, 'Laptop')).json<{ id: string }>();
    // A passkey meets the requirement.
    expect((await member.client.get('/api/consultations')).statusCode).toBe(200);
    const phone = (await addPasskey(member.client, key, 'Telefon')).json<{ id: string }>();

    // Removing a factor is a sensitive action: a passkey checked just before, and the password.
    const checked = async () => {
      const { options: fresh } = (await member.client.post('/api/profile/passkeys/fresh-check/options')).json<{ options: Options }>();
      expect((await member.client.post('/api/profile/passkeys/fresh-check', { response: key.authenticate(fresh) })).statusCode).toBe(200);
      return member.client;
    };
    expect((await member.client.post(`/api/profile/passkeys/${laptop.id}/remove`, { currentPassword: WORLD_PASSWORD })).json().error.code).toBe(
      'second_factor_required',
    );
    const noPassword = await (await checked()).post(`/api/profile/passkeys/${laptop.id}/remove`, { currentPassword: 'not my password' });
    expect(noPassword.json().error.code).toBe('wrong_password');
    expect((await (await checked()).post(`/api/profile/passkeys/${laptop.id}/remove`, { currentPassword: WORLD_PASSWORD })).statusCode).toBe(200);
    const last = await (await checked()).post(`/api/profile/passkeys/${phone.id}/remove`, { currentPassword: WORLD_PASSWORD });
    expect(last.statusCode).toBe(409);
    expect(last.json().error.code).toBe('last_second_factor');
    expect((await member.client.get('/api/profile/passkeys')).json().passkeys.map((row: { name: string }) => row.name)).toEqual(['Telefon']);
    // Another person's passkey is not found, let alone removed.
    const stranger = await activeCustomer(testApp, mailer);
    expect((await stranger.client.post(`/api/profile/passkeys/${phone.id}/remove`, { currentPassword: stranger.password })).statusCode).toBe(404);
    expect((await member.client.get('/api/profile/passkeys')).json().passkeys).toHaveLength(1);
  });

  it('lets a passkey carry the organisation’s requirement when the app is turned off, and goes with a reset', async () => {
    const { representative, invite } = await organization(testApp, mailer, `pk-reset-${Date.now()}`);
    const member = await invite('member', true);
    const { secret } = (await member.client.post('/api/profile/second-factor/totp')).json<{ secret: string }>();
    await member.client.post('/api/profile/second-factor/totp/confirm', { code: totpCodeAt(secret, clock.now()) });
    clock.advance(TOTP_PERIOD_SECONDS * 1000);
    const representativeKey = new SoftAuthenticator({ origin: ORIGIN });
    await addPasskey(representative, representativeKey, 'Praxis-PC');
    await representative.put('/api/organization/second-factor', { required: true });
    await addPasskey(member.client, new SoftAuthenticator({ origin: ORIGIN }), 'Laptop');
    const off = await member.client.post('/api/profile/second-factor/totp/off', {
      currentPassword: WORLD_PASSWORD,
      secondFactorCode: totpCodeAt(secret, clock.now()),
    });
    expect(off.statusCode).toBe(200);
    expect((await member.client.get('/api/consultations')).statusCode).toBe(200);

    // A sensitive action: the representative's own passkey confirms it, with the password.
    const { options: fresh } = (await representative.post('/api/profile/passkeys/fresh-check/options')).json<{ options: Options }>();
    expect((await representative.post('/api/profile/passkeys/fresh-check', { response: representativeKey.authenticate(fresh) })).statusCode).toBe(200);
    expect((await representative.post(`/api/organization/members/${member.id}/second-factor/reset`, { currentPassword: WORLD_PASSWORD })).statusCode).toBe(200);
    expect((await member.client.get('/api/profile/second-factor')).json()).toEqual({ totp: 'off', recoveryCodesLeft: 0, passkeys: 0 });
    expect((await member.client.get('/api/consultations')).json().error.code).toBe('second_factor_setup_required');
  });
});
