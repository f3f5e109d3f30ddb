import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organization, WORLD_PASSWORD } from '../test-support/world';
import type { ApiClient } from '../test-support/app';
import { activeCustomer, ManualClock, MemoryMailer, startTestApp, type TestApp } from '../test-support/app';
import { SoftAuthenticator } from '../test-support/soft-authenticator';
import { FRESH_CHECK_LIFETIME_MS } from '../passkeys/policy';
import { TOTP_PERIOD_SECONDS, totpCodeAt } from './totp';

const STEP_MS = TOTP_PERIOD_SECONDS * 1000;

/** Someone logged in with password and code; `secret` is their phone. */
interface Person {
  client: ApiClient;
  password: string;
  secret: string;
  /** A representative's colleague with an authenticator app: their id. */
  colleagueWithApp?: () => Promise<string>;
}

/**
 * Each sensitive route with a body a person would send, to prove: with a second factor set, the
 * right password alone is refused and nothing happens; with a current code it goes through. A route
 * marked `freshCheck` without a row here fails the test, so a new one is covered.
 */
const sensitive: Record<
  string,
  { person: 'individual' | 'representative'; body: (person: Person) => Record<string, unknown>; status: number; path?: (person: Person) => Promise<string> }
> = {
  'POST /api/profile/password': {
    person: 'individual',
    body: (p) => ({ currentPassword: p.password, newPassword: 'a fresh and long passphrase' }),
    status: 200,
  },
  'POST /api/profile/email': { person: 'individual', body: (p) => ({ currentPassword: p.password, newEmail: `moved.${Date.now()}@example.org` }), status: 202 },
  'POST /api/privacy/restrict': { person: 'individual', body: (p) => ({ currentPassword: p.password }), status: 200 },
  'POST /api/privacy/delete-account': { person: 'individual', body: (p) => ({ currentPassword: p.password }), status: 200 },
  'POST /api/privacy/delete-organization': { person: 'representative', body: (p) => ({ currentPassword: p.password }), status: 200 },
  'POST /api/profile/second-factor/totp/off': { person: 'individual', body: (p) => ({ currentPassword: p.password }), status: 200 },
  'POST /api/profile/second-factor/recovery-codes': { person: 'individual', body: (p) => ({ currentPassword: p.password }), status: 200 },
  'POST /api/profile/passkeys/:passkeyId/remove': {
    person: 'individual',
    body: (p) => ({ currentPassword: p.password }),
    status: 200,
    path: async (p) => {
      const key = new SoftAuthenticator({ origin: 'http://localhost:3000' });
      const { options } = (await p.client.post('/api/profile/passkeys/options')).json<{ options: Record<string, unknown> }>();
      const added = await p.client.post('/api/profile/passkeys', { name: 'Laptop', response: key.register(options) });
      return `/api/profile/passkeys/${added.json<{ id: string }>().id}/remove`;
    },
  },
  'POST /api/organization/members/:memberId/second-factor/reset': {
    person: 'representative',
    body: (p) => ({ currentPassword: p.password }),
    status: 200,
    path: async (p) => `/api/organization/members/${await p.colleagueWithApp!()}/second-factor/reset`,
  },
};

describe('sensitive actions ask again for the password and the second factor (issue 12)', () => {
  let testApp: TestApp;
  const mailer = new MemoryMailer();
  const clock = new ManualClock('2026-03-02T08:00:00Z');

  beforeAll(async () => {
    testApp = await startTestApp({ mailer, clock });
  });
  afterAll(async () => testApp.close());

  async function setUpApp(client: ApiClient): Promise<string> {
    const { secret } = (await client.post('/api/profile/second-factor/totp')).json<{ secret: string }>();
    expect((await client.post('/api/profile/second-factor/totp/confirm', { code: totpCodeAt(secret, clock.now()) })).statusCode).toBe(200);
    return secret;
  }

  async function withApp(kind: 'individual' | 'representative'): Promise<Person> {
    if (kind === 'individual') {
      const { client, password } = await activeCustomer(testApp, mailer);
      const secret = await setUpApp(client);
      clock.advance(STEP_MS);
      return { client, password, secret };
    }
    const { representative, invite } = await organization(testApp, mailer, `fresh-${Date.now()}`);
    const secret = await setUpApp(representative);
    clock.advance(STEP_MS);
    const colleagueWithApp = async () => {
      const colleague = await invite('member', true);
      await setUpApp(colleague.client);
      return colleague.id;
    };
    return { client: representative, password: WORLD_PASSWORD, secret, colleagueWithApp };
  }

  it('has a case for every route that declares the fresh check', () => {
    const guarded = testApp.app.routes.filter((route) => route.freshCheck).map((route) => `${route.method} ${route.url}`);
    expect(guarded.sort()).toEqual(Object.keys(sensitive).sort());
  });

  for (const [key, row] of Object.entries(sensitive)) {
    it(`${key}: the password alone is refused, a wrong code too; with a current code it goes through`, async () => {
      const person = await withApp(row.person);
      const url = row.path ? await row.path(person) : (key.split(' ')[1] ?? '');
      const alone = await person.client.post(url, row.body(person));
      expect(alone.statusCode).toBe(403);
      expect(alone.json().error.code).toBe('second_factor_required');
      const right = totpCodeAt(person.secret, clock.now());
      const wrong = await person.client.post(url, { ...row.body(person), secondFactorCode: right === '000000' ? '111111' : '000000' });
      expect(wrong.statusCode).toBe(422);
      expect(wrong.json().error.code).toBe('second_factor_invalid');
      // Refused means nothing happened: still logged in, still with the app.
      expect((await person.client.get('/api/profile/second-factor')).json()).toMatchObject({ totp: 'on' });
      const done = await person.client.post(url, { ...row.body(person), secondFactorCode: right });
      expect(done.statusCode, done.body).toBe(row.status);
    });
  }

  it('asks nothing more of an account without a second factor', async () => {
    const { client, password } = await activeCustomer(testApp, mailer);
    const changed = await client.post('/api/profile/password', { currentPassword: password, newPassword: 'another long passphrase here' });
    expect(changed.statusCode).toBe(200);
  });

  it('asks an account whose factors are passkeys for one, checked just before, once', async () => {
    const { client, password } = await activeCustomer(testApp, mailer);
    const key = new SoftAuthenticator({ origin: 'http://localhost:3000' });
    const { options } = (await client.post('/api/profile/passkeys/options')).json<{ options: Record<string, unknown> }>();
    expect((await client.post('/api/profile/passkeys', { name: 'Laptop', response: key.register(options) })).statusCode).toBe(201);
    const change = () => client.post('/api/profile/password', { currentPassword: password, newPassword: `another long passphrase ${Date.now()}` });
    const alone = await change();
    expect(alone.statusCode).toBe(403);
    expect(alone.json().error.code).toBe('second_factor_required');

    const check = async () => {
      const fresh = (await client.post('/api/profile/passkeys/fresh-check/options')).json<{ options: Record<string, unknown> }>().options;
      expect((await client.post('/api/profile/passkeys/fresh-check', { response: key.authenticate(fresh) })).statusCode).toBe(200);
    };
    await check();
    clock.advance(FRESH_CHECK_LIFETIME_MS);
    expect((await change()).statusCode).toBe(403);
    await check();
    const done = await change();
    expect(done.statusCode, done.body).toBe(200);
    // One check, one action.
    expect((await change()).json().error.code).toBe('second_factor_required');
  });
});
