import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorRecoveryCodes, operatorSessions, operatorTotpFactors, operators } from '../db/schema';
import { randomToken, sha256 } from '../security/tokens';
import { PENDING_LOGIN_LIFETIME_MS } from '../second-factor/pending-login';
import { TOTP_PERIOD_SECONDS, totpCodeAt } from '../second-factor/totp';
import { ApiClient, ManualClock, MemoryMailer, startTestApp, type TestApp } from '../test-support/app';
import { signInOperator } from '../test-support/operators';
import { runOperatorCommand } from './cli';

const PASSWORD = 'operator staff passphrase';
const STEP_MS = TOTP_PERIOD_SECONDS * 1000;
let address = 0;
const browser = (testApp: TestApp) => new ApiClient(testApp, {}, `127.41.0.${++address}`).init();
/** Path parameters filled with a plausible id, so the request reaches the route. */
const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');

describe('operator staff: second factor always (issue 12)', () => {
  let testApp: TestApp;
  const mailer = new MemoryMailer();
  // At the start of a time step, so that moving by whole steps lands where the test means.
  const clock = new ManualClock('2026-03-02T08:00:00Z');
  let staffCount = 0;

  beforeAll(async () => {
    testApp = await startTestApp({ mailer, clock });
  });
  afterAll(async () => testApp.close());

  async function staffMember() {
    const email = `staff${++staffCount}@operator.example`;
    const row = await testApp.app.operators.create({ email, name: `Staff ${staffCount}`, password: PASSWORD });
    return { email, id: row.id };
  }

  /** Staff member with a confirmed app, signed out again; the clock past the step of the confirming code. */
  async function enrolled() {
    const staff = await staffMember();
    const factor = await signInOperator(testApp, await browser(testApp), staff.email, PASSWORD);
    clock.advance(STEP_MS);
    return { ...staff, ...factor };
  }

  async function passwordStep(email: string) {
    const client = await browser(testApp);
    const response = await client.post('/api/operator/session', { email, password: PASSWORD });
    expect(response.statusCode).toBe(200);
    return { client, response };
  }

  /** Every operator route from the live route table, so a route added later is covered too. */
  function operatorRoutes() {
    const routes = testApp.app.routes.filter((route) => route.access === 'operator');
    expect(routes.length).toBeGreaterThanOrEqual(10);
    return routes;
  }

  async function expectEveryOperatorRouteRefused(client: ApiClient, label: string) {
    for (const route of operatorRoutes()) {
      const answer = await client.request({ method: route.method as 'GET', url: concrete(route.url) });
      expect(answer.statusCode, `${label}: ${route.method} ${route.url}`).toBe(401);
      expect(answer.json().error.code, `${label}: ${route.method} ${route.url}`).toBe('operator_login_required');
    }
  }

  it('enrol at the first sign-in: the password earns only the set-up, the first code the login and ten recovery codes', async () => {
    const staff = await staffMember();
    const { client, response } = await passwordStep(staff.email);
    expect(response.json()).toEqual({ operator: null, secondFactor: 'enrol' });
    expect(response.cookies.find((cookie) => cookie.name === 'sz_operator_pending')).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(client.cookie('sz_operator')).toBeUndefined();
    // The code step has nothing to check yet.
    expect((await client.post('/api/operator/session/second-factor', { code: '123456' })).json().error.code).toBe('second_factor_not_started');

    const setup = await client.post('/api/operator/session/totp');
    expect(setup.statusCode).toBe(200);
    const { secret, uri } = setup.json<{ secret: string; uri: string }>();
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(uri).toContain(`secret=${secret}`);
    const right = totpCodeAt(secret, clock.now());
    const wrong = await client.post('/api/operator/session/totp/confirm', { code: right === '000000' ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.code).toBe('second_factor_invalid');
    const confirmed = await client.post('/api/operator/session/totp/confirm', { code: right });
    expect(confirmed.statusCode).toBe(200);
    const { operator, recoveryCodes } = confirmed.json<{ operator: { email: string }; recoveryCodes: string[] }>();
    expect(operator.email).toBe(staff.email);
    expect(recoveryCodes).toHaveLength(10);
    expect(client.cookie('sz_operator_pending')).toBeUndefined();
    expect((await client.get('/api/operator/tickets')).statusCode).toBe(200);

    // Sealed secret, hashed codes (P-21).
    const [row] = await testApp.database.db.select().from(operatorTotpFactors).where(eq(operatorTotpFactors.operatorId, staff.id));
    expect(row!.secret).not.toContain(secret);
    expect(row!.secret.startsWith('v1.')).toBe(true);
    expect(row!.confirmedAt).not.toBeNull();
    const hashes = (await testApp.database.db.select().from(operatorRecoveryCodes).where(eq(operatorRecoveryCodes.operatorId, staff.id))).map(
      (code) => code.codeHash,
    );
    expect(hashes).toHaveLength(10);
    expect(hashes.join()).not.toContain(recoveryCodes[0]!.replace(/-/g, ''));
  });

  it('never replace a confirmed app from the password step: the next sign-in asks for its code', async () => {
    const staff = await enrolled();
    const { client, response } = await passwordStep(staff.email);
    expect(response.json()).toEqual({ operator: null, secondFactor: 'code' });
    const again = await client.post('/api/operator/session/totp');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('second_factor_already_set');
    expect((await client.post('/api/operator/session/totp/confirm', { code: totpCodeAt(staff.secret, clock.now()) })).json().error.code).toBe(
      'second_factor_not_started',
    );
    const done = await client.post('/api/operator/session/second-factor', { code: totpCodeAt(staff.secret, clock.now()) });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toEqual({ operator: { id: staff.id, name: expect.any(String), email: staff.email } });
    expect((await client.get('/api/operator/session')).statusCode).toBe(200);
  });

  it('refuse a used code for the rest of its window; a recovery code works once', async () => {
    const staff = await enrolled();
    const code = totpCodeAt(staff.secret, clock.now());
    const first = await passwordStep(staff.email);
    expect((await first.client.post('/api/operator/session/second-factor', { code })).statusCode).toBe(200);
    const replay = await passwordStep(staff.email);
    const refused = await replay.client.post('/api/operator/session/second-factor', { code });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('second_factor_invalid');

    const recovery = staff.recoveryCodes[0]!;
    const withRecovery = await replay.client.post('/api/operator/session/second-factor', { code: recovery.toUpperCase() });
    expect(withRecovery.statusCode).toBe(200);
    expect(withRecovery.json().recoveryCodesLeft).toBe(9);
    const reused = await (await passwordStep(staff.email)).client.post('/api/operator/session/second-factor', { code: recovery });
    expect(reused.statusCode).toBe(422);
  });

  it('count parallel wrong codes per staff member before checking them: five fail, the rest and then the right code wait', async () => {
    const staff = await enrolled();
    const right = totpCodeAt(staff.secret, clock.now());
    const wrong = right === '123456' ? '654321' : '123456';
    // Each guess from its own browser, all at once: the limit is the staff member's, not the browser's.
    const browsers: ApiClient[] = [];
    // The password steps one after another (the bcrypt pool is small); the guesses all at once.
    for (let guess = 0; guess < 12; guess += 1) browsers.push((await passwordStep(staff.email)).client);
    const answers = await Promise.all(browsers.map((client) => client.post('/api/operator/session/second-factor', { code: wrong })));
    const statuses = answers.map((answer) => answer.statusCode).sort();
    expect(statuses.filter((status) => status === 422)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(7);
    const blocked = await browsers[0]!.post('/api/operator/session/second-factor', { code: right });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBeDefined();
  });

  it('open no operator route without the second factor: not with the password step, nor with a session of a password-only sign-in', async () => {
    // 1. The password was right, the code not yet given (the pending ticket).
    const fresh = await staffMember();
    const pendingNew = (await passwordStep(fresh.email)).client;
    await expectEveryOperatorRouteRefused(pendingNew, 'pending, no app yet');
    const staff = await enrolled();
    const pendingCode = (await passwordStep(staff.email)).client;
    await expectEveryOperatorRouteRefused(pendingCode, 'pending, code step');

    // 2. An operator session that never passed the second factor: one from before issue 12 (password
    // only, no app), and one that began before the app was confirmed.
    const legacy = async (operatorId: string, createdAt: Date) => {
      const sessionId = randomToken();
      await testApp.database.db
        .insert(operatorSessions)
        .values({ idHash: sha256(sessionId), operatorId, createdAt, lastSeenAt: clock.now(), expiresAt: new Date(clock.now().getTime() + 3_600_000) });
      return (await browser(testApp)).setCookie('sz_operator', sessionId);
    };
    await expectEveryOperatorRouteRefused(await legacy(fresh.id, clock.now()), 'password-only session, no app');
    const [factor] = await testApp.database.db.select().from(operatorTotpFactors).where(eq(operatorTotpFactors.operatorId, staff.id));
    await expectEveryOperatorRouteRefused(await legacy(staff.id, new Date(factor!.confirmedAt!.getTime() - 1000)), 'session older than the app');

    // The same browser after the code: open.
    expect((await pendingCode.post('/api/operator/session/second-factor', { code: totpCodeAt(staff.secret, clock.now()) })).statusCode).toBe(200);
    expect((await pendingCode.get('/api/operator/session')).statusCode).toBe(200);
  });

  it('keep operator and customer tickets apart, and ask for the password again after 5 minutes', async () => {
    const staff = await enrolled();
    const { client } = await passwordStep(staff.email);
    // The operator's ticket opens neither step from a browser holding it under the customer's cookie name (another key).
    const customerTicket = client.cookie('sz_operator_pending')!;
    const stranger = (await browser(testApp)).setCookie('sz_pending_login', customerTicket);
    expect((await stranger.post('/api/operator/session/second-factor', { code: totpCodeAt(staff.secret, clock.now()) })).json().error.code).toBe(
      'second_factor_login_expired',
    );
    expect((await stranger.post('/api/session/second-factor', { code: totpCodeAt(staff.secret, clock.now()) })).json().error.code).toBe(
      'second_factor_login_expired',
    );
    clock.advance(PENDING_LOGIN_LIFETIME_MS);
    const late = await client.post('/api/operator/session/second-factor', { code: totpCodeAt(staff.secret, clock.now()) });
    expect(late.statusCode).toBe(401);
    expect(late.json().error.code).toBe('second_factor_login_expired');
  });

  it('are reset by the CLI only: the logins end and the next sign-in sets up a new app', async () => {
    const staff = await enrolled();
    const { client } = await passwordStep(staff.email);
    expect((await client.post('/api/operator/session/second-factor', { code: totpCodeAt(staff.secret, clock.now()) })).statusCode).toBe(200);
    const lines: string[] = [];
    const io = { readPassword: async () => '', out: (line: string) => lines.push(line) };
    const { operators: service, operatorSecondFactor } = testApp.app;
    expect(await runOperatorCommand(['reset-second-factor', '--email', staff.email.toUpperCase()], io, service, operatorSecondFactor)).toBe(0);
    expect(lines.join('\n')).toMatch(/reset/);
    expect((await client.get('/api/operator/session')).statusCode).toBe(401);
    expect(await testApp.database.db.select().from(operatorRecoveryCodes).where(eq(operatorRecoveryCodes.operatorId, staff.id))).toEqual([]);
    expect((await passwordStep(staff.email)).response.json().secondFactor).toBe('enrol');
    expect(await runOperatorCommand(['reset-second-factor', '--email', 'nobody@operator.example'], io, service, operatorSecondFactor)).toBe(1);
  });

  it('lose app and codes with the staff member (cascade)', async () => {
    const staff = await enrolled();
    await testApp.app.operators.remove(staff.email);
    expect(await testApp.database.db.select().from(operators).where(eq(operators.id, staff.id))).toEqual([]);
    expect(await testApp.database.db.select().from(operatorTotpFactors).where(eq(operatorTotpFactors.operatorId, staff.id))).toEqual([]);
    expect(await testApp.database.db.select().from(operatorRecoveryCodes).where(eq(operatorRecoveryCodes.operatorId, staff.id))).toEqual([]);
  });
});
