import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeCustomer, ApiClient, ManualClock, MemoryMailer, startTestApp, type TestApp } from '../test-support/app';
import { RedisAttemptCounter } from './limiter';
import { limits } from './policy';

describe('brute-force protection (P-10)', () => {
  let testApp: TestApp;
  const mailer = new MemoryMailer();
  const clock = new ManualClock(new Date());

  beforeAll(async () => {
    testApp = await startTestApp({ mailer, clock });
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
});
