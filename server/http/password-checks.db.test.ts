import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { anyPassword } from '../../common/api/fields';
import { limits, type LimitName } from '../throttle/policy';
import { activeCustomer, ApiClient, MemoryMailer, registrationBody, startTestApp, type TestApp } from '../test-support/app';
import { organization, WORLD_PASSWORD } from '../test-support/world';

/**
 * The parallel-guess attack, replayed against every route that checks a password. A route checks a
 * password exactly when its body has a field of the shared `anyPassword` schema (new passwords use
 * `newPassword`), so the routes are found in the live route table: a new route that takes a
 * password to check and has no row below fails the build, and each row proves that parallel
 * guesses are counted before the hash (PasswordHasher.verify cannot run without a reserved Attempt).
 */

/** True if `schema` (a zod body schema) holds `target` anywhere in its fields. */
function holds(schema: unknown, target: z.ZodType): boolean {
  if (schema === target) return true;
  if (!(schema instanceof z.ZodType)) return false;
  if (schema instanceof z.ZodObject) return Object.values(schema.shape as Record<string, unknown>).some((field) => holds(field, target));
  const def = (schema as unknown as { def: Record<string, unknown> }).def;
  return (
    ['innerType', 'in', 'out', 'schema'].some((key) => holds(def[key], target)) ||
    ((def.options as unknown[] | undefined) ?? []).some((option) => holds(option, target))
  );
}

const GUESSES = 12;
let address = 0;
const freshAddress = () => `127.9.${Math.floor(++address / 250)}.${(address % 250) + 1}`;

interface Target {
  /** The limit that must stop the guesses. */
  limit: LimitName;
  /** Sends one guess; all guesses of a row come from one client. */
  guess: (password: string) => Promise<{ statusCode: number }>;
}

type Attack = (testApp: TestApp, mailer: MemoryMailer) => Promise<Target>;

async function loggedInCustomer(testApp: TestApp, mailer: MemoryMailer) {
  return (await activeCustomer(testApp, mailer)).client;
}

const reauthentication =
  (url: string, body: (password: string) => object): Attack =>
  async (testApp, mailer) => {
    const client = await loggedInCustomer(testApp, mailer);
    return { limit: 'passwordChecksPerAccount', guess: (password) => client.post(url, body(password)) };
  };

const attacks: Record<string, Attack> = {
  'POST /api/session': async (testApp, mailer) => {
    const { email } = await activeCustomer(testApp, mailer);
    const attacker = await new ApiClient(testApp, {}, freshAddress()).init();
    return { limit: 'loginFailuresPerAccount', guess: (password) => attacker.post('/api/session', { email, password }) };
  },
  'POST /api/operator/session': async (testApp) => {
    const email = `operator.${Date.now()}@example.org`;
    await testApp.app.operators.create({ email, name: 'Olga Operator', password: WORLD_PASSWORD });
    const attacker = await new ApiClient(testApp, {}, freshAddress()).init();
    return { limit: 'loginFailuresPerAccount', guess: (password) => attacker.post('/api/operator/session', { email, password }) };
  },
  'POST /api/accounts/confirm-email': async (testApp, mailer) => {
    const body = registrationBody();
    const registering = await new ApiClient(testApp, {}, freshAddress()).init();
    await registering.post('/api/accounts', body);
    const token = new URL(mailer.linkTo(body.email)).hash.slice(1);
    return { limit: 'passwordChecksPerAccount', guess: (password) => registering.post('/api/accounts/confirm-email', { token, password }) };
  },
  'POST /api/profile/password': reauthentication('/api/profile/password', (password) => ({ currentPassword: password, newPassword: 'a brand new passphrase' })),
  'POST /api/profile/email': reauthentication('/api/profile/email', (password) => ({
    currentPassword: password,
    newEmail: `new.${password.length}@example.org`,
  })),
  'POST /api/privacy/restrict': reauthentication('/api/privacy/restrict', (password) => ({ currentPassword: password })),
  // The password is checked before the code; a customer without an app never reaches the code step.
  'POST /api/profile/second-factor/totp/off': reauthentication('/api/profile/second-factor/totp/off', (password) => ({ currentPassword: password })),
  'POST /api/profile/second-factor/recovery-codes': reauthentication('/api/profile/second-factor/recovery-codes', (password) => ({
    currentPassword: password,
  })),
  // Wrong passwords never reach the passkey (any id): what counts is that each guess is counted first.
  'POST /api/profile/passkeys/:passkeyId/remove': reauthentication('/api/profile/passkeys/00000000-0000-4000-8000-000000000000/remove', (password) => ({
    currentPassword: password,
  })),
  'POST /api/privacy/delete-account': reauthentication('/api/privacy/delete-account', (password) => ({ currentPassword: password })),
  'POST /api/organization/members/:memberId/second-factor/reset': async (testApp, mailer) => {
    const { representative, invite } = await organization(testApp, mailer, `reset-${Date.now()}`);
    const member = await invite('member');
    return {
      limit: 'passwordChecksPerAccount',
      guess: (password) => representative.post(`/api/organization/members/${member.id}/second-factor/reset`, { currentPassword: password }),
    };
  },
  'POST /api/privacy/delete-organization': async (testApp, mailer) => {
    const { representative } = await organization(testApp, mailer, `guess-${Date.now()}`);
    return {
      limit: 'passwordChecksPerAccount',
      guess: (password) => representative.post('/api/privacy/delete-organization', { currentPassword: password }),
    };
  },
};

describe('every route that checks a password counts the guess before the hash (P-10)', () => {
  let testApp: TestApp;
  const mailer = new MemoryMailer();

  beforeAll(async () => {
    // A hashing queue longer than the guesses, on any number of cores: the throttle answers here, not the pool.
    testApp = await startTestApp({ mailer, env: { BCRYPT_CONCURRENCY: '1', BCRYPT_QUEUE: String(GUESSES) } });
  });
  afterAll(async () => testApp.close());

  it('knows every route whose body carries a password to check', () => {
    const checking = testApp.app.routes.filter((route) => holds(route.body, anyPassword)).map((route) => `${route.method} ${route.url}`);
    expect(checking.sort()).toEqual(Object.keys(attacks).sort());
  });

  it.each(Object.keys(attacks))(`%s: of ${GUESSES} parallel wrong guesses at most the limit reach bcrypt, the rest get 429 at once`, async (route) => {
    const target = await attacks[route]!(testApp, mailer);
    const max = limits[target.limit].max;
    const jobsBefore = testApp.app.hasher.jobsStarted;
    const answers = await Promise.all(Array.from({ length: GUESSES }, (_, index) => target.guess(`wrong guess number ${index}`)));
    const statuses = answers.map((answer) => answer.statusCode);
    expect(testApp.app.hasher.jobsStarted - jobsBefore).toBeLessThanOrEqual(max);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(GUESSES - max);
    expect(statuses.filter((status) => status !== 429).every((status) => status === 401 || status === 422)).toBe(true);
  });
});
