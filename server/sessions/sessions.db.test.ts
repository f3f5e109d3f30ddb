import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../db/schema';
import { sha256 } from '../security/tokens';
import { activeCustomer, ApiClient, ManualClock, MemoryMailer, startTestApp, type TestApp } from '../test-support/app';
import { SESSION_ABSOLUTE_TIMEOUT_MS, SESSION_IDLE_TIMEOUT_MS } from './policy';

const MINUTE = 60_000;

describe('sessions', () => {
  let testApp: TestApp;
  const mailer = new MemoryMailer();
  const clock = new ManualClock(new Date());

  beforeAll(async () => {
    testApp = await startTestApp({ mailer, clock });
  });
  afterAll(async () => testApp.close());

  it('sets an HttpOnly SameSite=Lax cookie with a 256-bit id stored only as a hash', async () => {
    const { client } = await activeCustomer(testApp, mailer);
    const id = client.cookie('sz_session');
    expect(Buffer.from(id ?? '', 'base64url')).toHaveLength(32);
    const rows = await testApp.database.db.select({ idHash: sessions.idHash }).from(sessions);
    expect(rows.map((row) => row.idHash)).toContain(sha256(id ?? ''));
    expect(rows.map((row) => row.idHash)).not.toContain(id);
  });

  it('gives a new id at every login, so a planted id is worthless', async () => {
    const { client, email, password } = await activeCustomer(testApp, mailer);
    const before = client.cookie('sz_session');
    await client.post('/api/session', { email, password });
    const after = client.cookie('sz_session');
    expect(after).not.toBe(before);
    const response = await testApp.app.http.inject({ method: 'GET', url: '/api/profile', headers: { cookie: `sz_session=${before}` } });
    expect(response.statusCode).toBe(401);
  });

  it('tells every page load who is signed in, but not their address, phone or date of birth', async () => {
    const { client, email, password } = await activeCustomer(testApp, mailer);
    const pageLoad = (await client.get('/api/session')).json<{ account: Record<string, unknown> }>().account;
    const login = (await client.post('/api/session', { email, password })).json<{ account: Record<string, unknown> }>().account;
    const profile = (await client.get('/api/profile')).json<Record<string, unknown>>();
    // The profile page asks for these where it shows them (data minimisation).
    expect(profile).toMatchObject({ street: expect.any(String), phone: expect.any(String), dateOfBirth: expect.any(String) });
    for (const account of [pageLoad, login]) {
      expect(Object.keys(account).sort()).toEqual([
        'abilities',
        'createdAt',
        'email',
        'firstName',
        'id',
        'kind',
        'lastName',
        'locale',
        'organizationRole',
        'pendingEmail',
      ]);
      expect(account).toMatchObject({ id: profile.id, email, firstName: profile.firstName, lastName: profile.lastName });
    }
  });

  it('ends after 30 idle minutes, and activity keeps it alive', async () => {
    const { client } = await activeCustomer(testApp, mailer);
    for (let step = 0; step < 4; step += 1) {
      clock.advance(SESSION_IDLE_TIMEOUT_MS - 2 * MINUTE);
      expect((await client.get('/api/profile')).statusCode).toBe(200);
    }
    clock.advance(SESSION_IDLE_TIMEOUT_MS);
    expect((await client.get('/api/profile')).statusCode).toBe(401);
  });

  it('ends after 12 hours however active it is', async () => {
    const { client } = await activeCustomer(testApp, mailer);
    const stepMs = 20 * MINUTE;
    for (let elapsed = stepMs; elapsed < SESSION_ABSOLUTE_TIMEOUT_MS; elapsed += stepMs) {
      clock.advance(stepMs);
      expect((await client.get('/api/profile')).statusCode, `after ${elapsed / MINUTE} min`).toBe(200);
    }
    clock.advance(stepMs);
    expect((await client.get('/api/profile')).statusCode).toBe(401);
  });

  it('revokes the session on the server at logout', async () => {
    const { client } = await activeCustomer(testApp, mailer);
    const id = client.cookie('sz_session');
    const logout = await client.delete('/api/session');
    expect(logout.statusCode).toBe(200);
    expect(logout.json().account).toBeNull();
    const replay = await testApp.app.http.inject({ method: 'GET', url: '/api/profile', headers: { cookie: `sz_session=${id}` } });
    expect(replay.statusCode).toBe(401);
  });

  it('sweeps expired sessions from the database (P-18)', async () => {
    await activeCustomer(testApp, mailer);
    clock.advance(SESSION_IDLE_TIMEOUT_MS + MINUTE);
    await testApp.app.sessions.purgeExpired();
    expect(await testApp.database.db.select().from(sessions)).toEqual([]);
  });
});

describe('session cookies over https', () => {
  let testApp: TestApp;
  const mailer = new MemoryMailer();
  beforeAll(async () => {
    testApp = await startTestApp({ mailer, env: { PUBLIC_URL: 'https://video.example.org' } });
  });
  afterAll(async () => testApp.close());

  it('uses the __Host- prefix and Secure, and sends HSTS', async () => {
    const client = await new ApiClient(testApp, { origin: 'https://video.example.org' }).init();
    const { email, password } = await activeCustomer(testApp, mailer);
    const login = await client.post('/api/session', { email, password });
    const cookie = login.cookies.find((entry) => entry.name === '__Host-sz_session');
    expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.domain).toBeUndefined();
    expect(login.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });
});
