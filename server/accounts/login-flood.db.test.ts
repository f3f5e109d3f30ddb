import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limits } from '../throttle/policy';
import { activeCustomer, ApiClient, MemoryMailer, startTestApp, type TestApp } from '../test-support/app';
import { HashingPool } from './hashing-pool';

/**
 * A login flood from many addresses (so no per-client or per-account limit applies) must not queue
 * bcrypt jobs without end: beyond a short queue it is answered 503 at once, with Retry-After, and a
 * real person's login completes (following Retry-After as the web app's user would).
 * One worker, a queue of two and a real cost make the pool's bound visible on any machine.
 */
describe('login flood (P-10: bounded password hashing)', () => {
  let testApp: TestApp;
  const mailer = new MemoryMailer();

  beforeAll(async () => {
    testApp = await startTestApp({ mailer, env: { BCRYPT_COST: '10', BCRYPT_CONCURRENCY: '1', BCRYPT_QUEUE: '2' } });
  });
  afterAll(async () => testApp.close());

  it('refuses what does not fit at once with 503 and Retry-After, while a real login still succeeds', async () => {
    const { email, password } = await activeCustomer(testApp, mailer);
    const flood = Array.from({ length: 100 }, async (_, index) => {
      const client = await new ApiClient(testApp, {}, `127.8.${Math.floor(index / 250)}.${(index % 250) + 1}`).init();
      return client.post('/api/session', { email: `victim.${index}@example.org`, password: 'a guessed password' });
    });
    const person = await new ApiClient(testApp, {}, '127.7.0.1').init();
    const realLogin = (async () => {
      for (let attempt = 0; attempt < 20; attempt += 1) {
        const answer = await person.post('/api/session', { email, password });
        if (answer.statusCode !== 503) return answer;
        await new Promise((resolve) => setTimeout(resolve, Number(answer.headers['retry-after']) * 1000));
      }
      throw new Error('the real login never got through');
    })();

    const answers = await Promise.all(flood);
    const refused = answers.filter((answer) => answer.statusCode === 503);
    expect(answers.every((answer) => answer.statusCode === 401 || answer.statusCode === 503)).toBe(true);
    expect(refused.length).toBeGreaterThan(0);
    for (const answer of refused) {
      expect(answer.json().error.code).toBe('service_unavailable');
      expect(Number(answer.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
    expect((await realLogin).statusCode).toBe(200);
    // The refused guesses cost the person nothing: the pool drained, and a login works at once.
    expect((await person.post('/api/session', { email, password })).statusCode).toBe(200);
  });

  it('gives a guess refused for lack of capacity its place back: only checked guesses count toward the lock-out', async () => {
    const { email } = await activeCustomer(testApp, mailer);
    const burst = await Promise.all(
      Array.from({ length: limits.loginFailuresPerAccount.max }, async (_, index) => {
        const client = await new ApiClient(testApp, {}, `127.6.0.${index + 1}`).init();
        return client.post('/api/session', { email, password: `wrong ${index}` });
      }),
    );
    const checked = burst.filter((answer) => answer.statusCode === 401).length;
    expect(burst.filter((answer) => answer.statusCode === 503).length).toBeGreaterThan(0);
    let more = 0;
    const guesser = await new ApiClient(testApp, {}, '127.6.1.1').init();
    while ((await guesser.post('/api/session', { email, password: `sequential ${more}` })).statusCode === 401) more += 1;
    expect(checked + more).toBe(limits.loginFailuresPerAccount.max);
  });
});

/**
 * The attack of issue #16 again, with the worker held the whole time: one bcrypt job runs (held
 * by the test, as a flood's job in progress), the flood fills the shared queue and is refused
 * beyond it, and only then do people log in. A browser in which the account logged in before is
 * served; a stranger, a forged cookie and another account's cookie are refused like the flood.
 */
describe('login flood against people the server recognises (issue #16: the known-device lane)', () => {
  let testApp: TestApp;
  const mailer = new MemoryMailer();
  const pool = new HashingPool({ concurrency: 1, queueLength: 2, knownDeviceQueueLength: 1 });

  beforeAll(async () => {
    testApp = await startTestApp({ mailer, hashingPool: pool });
  });
  afterAll(async () => testApp.close());

  /** Takes the only worker until `release`, as a bcrypt job of the flood in progress does. */
  function holdWorker(): { release: () => void; done: Promise<void> } {
    let release!: () => void;
    const done = pool.run(() => new Promise<void>((resolve) => (release = resolve)));
    return { release: () => release(), done };
  }

  const laneFull = (lane: 'shared' | 'knownDevice') => () => {
    try {
      testApp.app.hasher.ensureCapacity(lane);
      return 'room';
    } catch {
      return 'full';
    }
  };

  async function browserWith(deviceCookie: string | undefined, address: string): Promise<ApiClient> {
    const browser = await new ApiClient(testApp, {}, address).init();
    return deviceCookie === undefined ? browser : browser.setCookie('sz_device', deviceCookie);
  }

  it('serves the login of a browser that logged in before, while strangers and other cookies get 503', async () => {
    const person = await activeCustomer(testApp, mailer);
    const colleague = await activeCustomer(testApp, mailer);
    const ownCookie = person.client.cookie('sz_device');
    const colleagueCookie = colleague.client.cookie('sz_device');
    expect(ownCookie).toMatch(/^v1\./);
    expect(colleagueCookie).toMatch(/^v1\./);
    const credentials = { email: person.email, password: person.password };

    const worker = holdWorker();
    const flood = Array.from({ length: 30 }, async (_, index) => {
      const client = await new ApiClient(testApp, {}, `127.10.${Math.floor(index / 250)}.${(index % 250) + 1}`).init();
      return client.post('/api/session', { email: `flood.${index}@example.org`, password: 'a guessed password' });
    });
    await expect.poll(laneFull('shared')).toBe('full');

    const strangers = await Promise.all([
      browserWith(undefined, '127.11.0.1'),
      browserWith(`${ownCookie!.slice(0, -4)}AAAA`, '127.11.0.2'),
      browserWith('v1.forged', '127.11.0.3'),
      browserWith(colleagueCookie, '127.11.0.4'),
    ]);
    for (const stranger of strangers) {
      const answer = await stranger.post('/api/session', credentials);
      expect(answer.statusCode).toBe(503);
      expect(answer.json().error.code).toBe('service_unavailable');
      expect(Number(answer.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }

    const knownBrowser = await browserWith(ownCookie, '127.11.0.5');
    const login = knownBrowser.post('/api/session', credentials);
    await expect.poll(laneFull('knownDevice')).toBe('full');
    worker.release();
    await worker.done;
    const answer = await login;
    expect(answer.statusCode).toBe(200);
    expect(answer.json().account.email).toBe(person.email);

    const answers = await Promise.all(flood);
    expect(answers.filter((floodAnswer) => floodAnswer.statusCode === 401)).toHaveLength(2);
    expect(answers.filter((floodAnswer) => floodAnswer.statusCode === 503)).toHaveLength(28);
  });

  it('grants a place in line only: a wrong password fails and the lock-out holds with the cookie', async () => {
    const person = await activeCustomer(testApp, mailer);
    const withCookie = await browserWith(person.client.cookie('sz_device'), '127.12.0.1');
    for (let guess = 0; guess < limits.loginFailuresPerAccount.max; guess += 1) {
      expect((await withCookie.post('/api/session', { email: person.email, password: `wrong ${guess}` })).statusCode).toBe(401);
    }
    const locked = await withCookie.post('/api/session', { email: person.email, password: person.password });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('too_many_requests');
  });

  it('sets the device cookie only after a successful login (HttpOnly, Lax; a session cookie unless the person asks for 180 days), keeps it at logout, clears it at erasure', async () => {
    const person = await activeCustomer(testApp, mailer);
    const browser = await new ApiClient(testApp, {}, '127.13.0.1').init();
    const failed = await browser.post('/api/session', { email: person.email, password: 'not the password' });
    expect(failed.cookies.find((cookie) => cookie.name === 'sz_device')).toBeUndefined();
    // P-04: by default only session cookies.
    const plain = await browser.post('/api/session', { email: person.email, password: person.password });
    const sessionOnly = plain.cookies.find((cookie) => cookie.name === 'sz_device');
    expect(sessionOnly).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(sessionOnly?.maxAge).toBeUndefined();
    expect(sessionOnly?.expires).toBeUndefined();
    // "Remember this browser": persistent, renewed with every login.
    const login = await browser.post('/api/session', { email: person.email, password: person.password, rememberBrowser: true });
    expect(login.cookies.find((cookie) => cookie.name === 'sz_device')).toMatchObject({
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      maxAge: 180 * 24 * 60 * 60,
    });
    // Logging out keeps it: the browser stays one the account logged in from.
    await browser.delete('/api/session');
    expect(browser.cookie('sz_device')).toBeDefined();
    // Erasing the account ends it in this browser as well.
    expect((await browser.post('/api/session', { email: person.email, password: person.password })).statusCode).toBe(200);
    expect((await browser.post('/api/privacy/delete-account', { currentPassword: person.password })).statusCode).toBe(200);
    expect(browser.cookie('sz_device')).toBeUndefined();
  });
});
