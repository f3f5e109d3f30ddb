import { sql } from 'drizzle-orm';
import * as z from 'zod';
import { secondFactorCode, totpCode } from '../../common/api/second-factor';
import { queryRows } from '../db/database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeCustomer, ApiClient, MemoryMailer, startTestApp, type TestApp } from '../test-support/app';
import { limits } from '../throttle/policy';
import { FakeStripe } from '../test-support/stripe';

/**
 * Walks the live route table, so a route added later is covered without anyone remembering to
 * list it here. Routes of plugins that serve static files (API docs assets) are exempt from the
 * access declaration, never from CSRF.
 */

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const ownRoute = (url: string) => url.startsWith('/api/') || url === '/healthz' || url === '/readyz' || url.startsWith('/dev/');
const pluginRoute = (url: string) => url.startsWith('/api/docs');

/** Fills path parameters with plausible values so the request reaches the route. */
function concrete(url: string): string {
  return url.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000').replace('*', 'x');
}

async function rowCounts(testApp: TestApp): Promise<Record<string, number>> {
  const tables = await queryRows<{ table_name: string }>(
    testApp.database.db,
    sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { table_name: table } of tables) {
    const [row] = await queryRows<{ n: number | string }>(testApp.database.db, sql.raw(`select count(*) as n from "${table}"`));
    counts[table] = Number(row?.n);
  }
  return counts;
}

describe('route table', () => {
  let testApp: TestApp;
  const mailer = new MemoryMailer();
  let customer: ApiClient;
  // Billing on, so that its routes (and the one without CSRF, its webhook) are walked too.
  const stripe = new FakeStripe();

  beforeAll(async () => {
    await stripe.start();
    testApp = await startTestApp({ mailer, env: stripe.env() });
    customer = (await activeCustomer(testApp, mailer)).client;
  });
  afterAll(async () => {
    await testApp.close();
    await stripe.stop();
  });

  it('declares who may call every route of ours', () => {
    const undeclared = testApp.app.routes.filter((route) => ownRoute(route.url) && !pluginRoute(route.url) && !route.access);
    expect(undeclared).toEqual([]);
    expect(testApp.app.routes.filter((route) => ownRoute(route.url)).length).toBeGreaterThan(10);
  });

  it('declares abuse limits on every write route, and at least one on every route that creates or sends (issue 16)', () => {
    const writes = testApp.app.routes.filter((route) => WRITE_METHODS.has(route.method) && ownRoute(route.url) && !pluginRoute(route.url));
    const label = (route: { method: string; url: string }) => `${route.method} ${route.url}`;
    expect(writes.filter((route) => route.limits === undefined).map(label)).toEqual([]);
    // 201 Created and 202 Accepted (a message goes out) are what creating and sending routes answer here.
    const creating = writes.filter((route) => route.statuses.includes('201') || route.statuses.includes('202'));
    expect(creating.length).toBeGreaterThan(5);
    expect(creating.filter((route) => !Array.isArray(route.limits) || route.limits.length === 0).map(label)).toEqual([]);
    const named = writes.flatMap((route) => (Array.isArray(route.limits) ? route.limits : []));
    expect(named.filter(({ limit }) => !(limit in limits))).toEqual([]);
  });

  it('asks for the second factor on every sensitive route: each that re-checks the password declares the fresh check (issue 12)', () => {
    const label = (route: { method: string; url: string }) => `${route.method} ${route.url}`;
    const fieldsOf = (body: unknown) => (body instanceof z.ZodObject ? Object.keys(body.shape as Record<string, unknown>) : []);
    const reauthenticating = testApp.app.routes.filter((route) => fieldsOf(route.body).includes('currentPassword'));
    expect(reauthenticating.length).toBeGreaterThanOrEqual(7);
    expect(reauthenticating.filter((route) => !route.freshCheck).map(label)).toEqual([]);
    const guarded = testApp.app.routes.filter((route) => route.freshCheck);
    // The guard reads the code from this field and the password is checked by the service: both must be in the body.
    expect(
      guarded.filter((route) => !fieldsOf(route.body).includes('secondFactorCode') || !fieldsOf(route.body).includes('currentPassword')).map(label),
    ).toEqual([]);
    expect(guarded.filter((route) => route.access !== 'customer').map(label)).toEqual([]);
  });

  it('declares the per-login code limit on every login or set-up step that takes a second-factor code (issue 12)', () => {
    const label = (route: { method: string; url: string }) => `${route.method} ${route.url}`;
    const takesCode = (body: unknown): boolean => {
      if (!(body instanceof z.ZodObject)) return false;
      return Object.values(body.shape as Record<string, z.ZodType>).some((field) => {
        const inner = field instanceof z.ZodOptional ? field.unwrap() : field;
        return inner === secondFactorCode || inner === totpCode;
      });
    };
    // Sensitive routes take the code for their fresh check (guarded above; fresh-check.ts counts it the same way).
    const checking = testApp.app.routes.filter((route) => takesCode(route.body) && !route.freshCheck);
    // The customer's login and set-up steps, and the operator's code step and set-up.
    expect(checking.map(label)).toEqual(
      expect.arrayContaining(['POST /api/session/second-factor', 'POST /api/operator/session/second-factor', 'POST /api/operator/session/totp/confirm']),
    );
    const declares = (route: (typeof checking)[number]) =>
      Array.isArray(route.limits) && route.limits.some(({ limit }) => limit === 'secondFactorAttemptsPerAccount');
    expect(checking.filter((route) => !declares(route)).map(label)).toEqual([]);
  });

  it('exempts only Stripe’s webhook from CSRF, and says why', async () => {
    // Stripe's servers call it without any cookie of ours, so there is no token to send; its
    // Stripe-Signature (HMAC of the exact body with the endpoint secret, 5-minute tolerance) proves the
    // sender instead, and a forged cross-site request cannot produce it. Every other write needs the token.
    const exempt = testApp.app.routes.filter((route) => route.csrfExempt !== undefined);
    expect(exempt.map((route) => [`${route.method} ${route.url}`, route.access])).toEqual([['POST /api/billing/webhook', 'public']]);
    expect(exempt[0]?.csrfExempt).toMatch(/Stripe-Signature/);
    const unsigned = await customer.request({
      method: 'POST',
      url: '/api/billing/webhook',
      payload: {},
      csrf: false,
      headers: { origin: 'https://evil.example' },
    });
    expect(unsigned.statusCode).toBe(400);
    expect(unsigned.json().error.code).toBe('webhook_refused');
  });

  it('refuses every write route without a CSRF token, even with a valid session', async () => {
    const writes = testApp.app.routes.filter((route) => WRITE_METHODS.has(route.method) && route.csrfExempt === undefined);
    expect(writes.length).toBeGreaterThan(5);
    for (const route of writes) {
      const response = await customer.request({ method: route.method as 'POST', url: concrete(route.url), payload: {}, csrf: false });
      expect.soft(response.statusCode, `${route.method} ${route.url}`).toBeOneOf([401, 403]);
      if (route.access === 'public') {
        expect.soft(response.json().error.code, `${route.method} ${route.url}`).toBe('csrf_failed');
      }
    }
  });

  it('refuses a write with a token of another browser and a cross-site Origin', async () => {
    const stranger = await new ApiClient(testApp).init();
    const forged = await customer.request({
      method: 'POST',
      url: '/api/profile/password',
      payload: { currentPassword: 'x', newPassword: 'y'.repeat(12) },
      csrf: false,
      headers: { 'x-csrf-token': stranger.csrfToken },
    });
    expect(forged.statusCode).toBe(403);
    const crossSite = await customer.request({
      method: 'DELETE',
      url: '/api/session',
      headers: { origin: 'https://evil.example' },
    });
    expect(crossSite.statusCode).toBe(403);
    expect((await customer.get('/api/profile')).statusCode).toBe(200);
  });

  it('lists every visible route in the OpenAPI document', async () => {
    const document = (await customer.get('/api/openapi.json')).json<{ paths: Record<string, Record<string, unknown>> }>();
    const missing = testApp.app.routes
      .filter((route) => ownRoute(route.url) && !route.hidden && !pluginRoute(route.url))
      .filter((route) => {
        const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
        return !document.paths[path]?.[route.method.toLowerCase()];
      });
    expect(missing).toEqual([]);
    expect((await customer.get('/api/docs')).statusCode).toBeLessThan(400);
  });

  it('answers bad input on every write route with a 4xx JSON error and changes nothing', async () => {
    const writes = testApp.app.routes.filter((route) => WRITE_METHODS.has(route.method) && ownRoute(route.url));
    const before = await rowCounts(testApp);
    const cases: { name: string; headers: Record<string, string>; payload: string | Buffer }[] = [
      { name: 'malformed JSON', headers: { 'content-type': 'application/json' }, payload: '{"email": "a@b.c",' },
      { name: 'JSON null', headers: { 'content-type': 'application/json' }, payload: 'null' },
      { name: 'JSON array', headers: { 'content-type': 'application/json' }, payload: '[1,2,3]' },
      { name: 'JSON string', headers: { 'content-type': 'application/json' }, payload: '"hello"' },
      { name: 'wrong types', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(wrongTypes) },
      {
        name: 'unknown fields',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ role: 'admin', accountId: 'x', status: 'active', __proto__x: 1 }),
      },
      { name: 'prototype pollution', headers: { 'content-type': 'application/json' }, payload: '{"__proto__":{"admin":true}}' },
      { name: 'text/plain', headers: { 'content-type': 'text/plain' }, payload: 'email=a@b.c' },
      { name: 'form-encoded', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'email=a%40b.c' },
      { name: 'oversized', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ text: 'x'.repeat(200_000) }) },
      { name: 'deeply nested', headers: { 'content-type': 'application/json' }, payload: `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}` },
      { name: 'binary garbage', headers: { 'content-type': 'application/json' }, payload: Buffer.from([0xff, 0xfe, 0x00, 0x7b]) },
    ];
    for (const route of writes) {
      for (const testCase of cases) {
        const label = `${route.method} ${route.url} — ${testCase.name}`;
        const response = await customer.request({
          method: route.method as 'POST',
          url: concrete(route.url),
          headers: testCase.headers,
          payload: testCase.payload,
        });
        expect.soft(response.statusCode, label).toBeGreaterThanOrEqual(400);
        expect.soft(response.statusCode, label).toBeLessThan(500);
        expect.soft(response.body, label).not.toMatch(/\bat \S+\.(ts|js):\d+/);
        const body = response.json<{ error?: { code?: string; message?: string } }>();
        expect.soft(typeof body.error?.code, label).toBe('string');
        expect.soft(typeof body.error?.message, label).toBe('string');
      }
    }
    expect(await rowCounts(testApp)).toEqual(before);
    expect((await customer.get('/api/profile')).statusCode).toBe(200);
    // About 1,200 requests: some 10 s on a quiet machine, and it met the default 30 s on a loaded one.
  }, 120_000);
});

const wrongTypes = {
  email: 42,
  password: ['a'],
  token: { nested: true },
  firstName: null,
  dateOfBirth: 19750314,
  acceptTerms: 'yes',
  currentPassword: false,
  newPassword: 1,
  newEmail: {},
  country: 7,
};
