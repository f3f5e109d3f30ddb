import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeCustomer, ApiClient, ManualClock, MemoryMailer, startTestApp, type TestApp } from '../test-support/app';
import { MemoryAttemptCounter, RedisAttemptCounter } from './limiter';
import { limits } from './policy';

describe('brute-force protection (P-10)', () => {
  let testApp: TestApp;
  const mailer = new MemoryMailer();
  const clock = new ManualClock(new Date());

  beforeAll(async () => {
    // A hashing queue longer than any burst here, on any number of cores: the throttle answers, not the pool.
    testApp = await startTestApp({ mailer, clock, env: { BCRYPT_CONCURRENCY: '1', BCRYPT_QUEUE: '40' } });
  });
  afterAll(async () => testApp.close());

  it('gives the same answer for an unknown address and a wrong password', async () => {
    const { email } = await activeCustomer(testApp, mailer);
    const client = await new ApiClient(testApp).init();
    const wrongPassword = await client.post('/api/session', { email, password: 'not the password' });
    const unknown = await client.post('/api/session', { email: 'nobody@example.org', password: 'not the password' });
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrongPassword.json());
  });

  it('locks one account after 5 failures from anywhere, with Retry-After, and lets it in when the window ends', async () => {
    const { email, password } = await activeCustomer(testApp, mailer);
    for (let attempt = 0; attempt < limits.loginFailuresPerAccount.max; attempt += 1) {
      // Each attempt from a different client: the account limit must hold across sources.
      const client = await new ApiClient(testApp, {}, `127.0.1.${attempt + 1}`).init();
      expect((await client.post('/api/session', { email, password: `wrong ${attempt}` })).statusCode).toBe(401);
    }
    const client = await new ApiClient(testApp, {}, '127.0.2.1').init();
    const locked = await client.post('/api/session', { email, password });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('too_many_requests');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    clock.advance(limits.loginFailuresPerAccount.windowMs + 1000);
    expect((await client.post('/api/session', { email, password })).statusCode).toBe(200);
  });

  it('lets at most 5 of 40 parallel guesses from one client reach bcrypt, the right password last among them', async () => {
    const { email, password } = await activeCustomer(testApp, mailer);
    const attacker = await new ApiClient(testApp, {}, '127.0.4.1').init();
    const jobsBefore = testApp.app.hasher.jobsStarted;
    const guesses = Array.from({ length: 39 }, (_, index) => `wrong guess ${index}`).concat(password);
    const answers = await Promise.all(guesses.map((guess) => attacker.post('/api/session', { email, password: guess })));
    const statuses = answers.map((answer) => answer.statusCode);
    const max = limits.loginFailuresPerAccount.max;
    expect(testApp.app.hasher.jobsStarted - jobsBefore).toBeLessThanOrEqual(max);
    expect(statuses.filter((status) => status !== 429).length).toBeLessThanOrEqual(max);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(guesses.length - max);
    // The guess sent last was the right one: it arrived after the lock-out and was refused unseen.
    expect(statuses.at(-1)).toBe(429);
    for (const refused of answers.filter((answer) => answer.statusCode === 429)) {
      expect(refused.json().error.code).toBe('too_many_requests');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    }
    clock.advance(limits.loginFailuresPerAccount.windowMs + 1000);
  });

  it('lets at most 5 of 12 parallel guesses at the current password of an e-mail change reach bcrypt', async () => {
    const { client } = await activeCustomer(testApp, mailer);
    const jobsBefore = testApp.app.hasher.jobsStarted;
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        client.post('/api/profile/email', { currentPassword: `wrong guess ${index}`, newEmail: `taken.over.${index}@example.org` }),
      ),
    );
    const statuses = answers.map((answer) => answer.statusCode);
    const max = limits.passwordChecksPerAccount.max;
    expect(testApp.app.hasher.jobsStarted - jobsBefore).toBeLessThanOrEqual(max);
    expect(statuses.filter((status) => status === 422).length).toBeLessThanOrEqual(max);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(12 - max);
    expect((await client.get('/api/profile')).json().pendingEmail).toBeNull();
    clock.advance(limits.passwordChecksPerAccount.windowMs + 1000);
  });

  it('does not count a right password against the client, nor a refused one against anyone', async () => {
    const { email, password } = await activeCustomer(testApp, mailer);
    const client = await new ApiClient(testApp, {}, '127.0.5.1').init();
    // Far more successful logins than the client may fail: successes give their place back.
    for (let login = 0; login < limits.loginFailuresPerClient.max + 3; login += 1) {
      expect((await client.post('/api/session', { email, password })).statusCode).toBe(200);
    }
    for (let attempt = 0; attempt < limits.loginFailuresPerAccount.max; attempt += 1) {
      expect((await client.post('/api/session', { email, password: `wrong ${attempt}` })).statusCode).toBe(401);
    }
    expect((await client.post('/api/session', { email, password })).statusCode).toBe(429);
    clock.advance(limits.loginFailuresPerAccount.windowMs + 1000);
    expect((await client.post('/api/session', { email, password })).statusCode).toBe(200);
  });

  it('stops one client that tries many accounts', async () => {
    const client = await new ApiClient(testApp, {}, '127.0.3.1').init();
    let last = 0;
    for (let attempt = 0; attempt <= limits.loginFailuresPerClient.max; attempt += 1) {
      last = (await client.post('/api/session', { email: `guess${attempt}@example.org`, password: 'letmein-please' })).statusCode;
    }
    expect(last).toBe(429);
    const otherClient = await new ApiClient(testApp, {}, '127.0.3.2').init();
    expect((await otherClient.post('/api/session', { email: 'guess0@example.org', password: 'letmein-please' })).statusCode).toBe(401);
    clock.advance(limits.loginFailuresPerClient.windowMs + 1000);
  });
});

describe('attempt counter in Redis (shared by all server processes)', () => {
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  let redis: Redis;
  let available = true;

  beforeAll(async () => {
    redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    await redis.connect().catch(() => {
      available = false;
    });
  });
  afterAll(async () => {
    if (available) await redis.quit();
  });

  it('counts within the window and forgets after it', async (context) => {
    // Redis runs on the development machines and in CI; a laptop without it skips this one test.
    if (!available && !process.env.CI) context.skip();
    const counter = new RedisAttemptCounter(redis, `sz:test:${Date.now()}:`);
    expect((await counter.add('k', 300)).count).toBe(1);
    const second = await counter.add('k', 300);
    expect(second.count).toBe(2);
    expect(second.resetInMs).toBeGreaterThan(0);
    expect((await counter.count('k')).count).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await counter.count('k')).count).toBe(0);
    await counter.add('k', 1000);
    await counter.clear('k');
    expect((await counter.count('k')).count).toBe(0);
  });

  it('grants exactly max of many parallel reservations from two processes, and releases only within the window', async (context) => {
    if (!available && !process.env.CI) context.skip();
    const prefix = `sz:test:${Date.now()}:reserve:`;
    const second = new Redis(redisUrl);
    try {
      // Two connections stand for two server processes sharing one Redis.
      const counters = [new RedisAttemptCounter(redis, prefix), new RedisAttemptCounter(second, prefix)];
      const results = await Promise.all(Array.from({ length: 40 }, (_, index) => counters[index % 2]!.reserve('account', 5, 60_000)));
      const granted = results.filter((result) => result.granted);
      expect(granted).toHaveLength(5);
      expect((await counters[0]!.count('account')).count).toBe(5);
      const refused = results.find((result) => !result.granted)!;
      expect(refused.resetInMs).toBeGreaterThan(0);
      expect(refused.resetInMs).toBeLessThanOrEqual(60_000);

      await counters[1]!.release('account', granted[0]!.window, 60_000);
      expect((await counters[0]!.count('account')).count).toBe(4);
      expect((await counters[0]!.reserve('account', 5, 60_000)).granted).toBe(true);
      expect((await counters[1]!.reserve('account', 5, 60_000)).granted).toBe(false);

      // A place reserved in a window that has ended is not given back in the next one.
      const old = await counters[0]!.reserve('short', 1, 200);
      await new Promise((resolve) => setTimeout(resolve, 250));
      const fresh = await counters[0]!.reserve('short', 1, 60_000);
      expect(fresh.granted).toBe(true);
      await counters[0]!.release('short', old.window, 200);
      expect((await counters[0]!.count('short')).count).toBe(1);
    } finally {
      second.disconnect();
    }
  });
});

describe('attempt counter in memory', () => {
  it('grants exactly max of parallel reservations and releases only within the window', async () => {
    const clock = new ManualClock(new Date());
    const counter = new MemoryAttemptCounter(clock);
    const results = await Promise.all(Array.from({ length: 40 }, () => counter.reserve('k', 5, 1000)));
    expect(results.filter((result) => result.granted)).toHaveLength(5);
    const old = results[0]!;
    clock.advance(1001);
    expect((await counter.reserve('k', 5, 1000)).granted).toBe(true);
    await counter.release('k', old.window);
    expect((await counter.count('k')).count).toBe(1);
    await counter.close();
  });
});
