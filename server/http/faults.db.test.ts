import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../../common/signaling';
import { redisOptions } from '../cluster/redis-options';
import { RedisTransport } from '../cluster/redis-transport';
import { openDatabase } from '../db/database';
import { RedisAttemptCounter } from '../throttle/limiter';
import { activeCustomer, ApiClient, MemoryMailer, startTestApp, type TestApp } from '../test-support/app';
import { connect, hostWithConsultation, readyGuest } from '../test-support/consultations';
import { freePort, PrivateRedis, ThrowawayPostgres } from '../test-support/services';

/**
 * Issue #16 item 7: with PostgreSQL refusing connections requests answered 500 (the WebSocket
 * upgrade too); with Redis gone logins answered 500 (one after 13.9 s), hello timed out and /readyz
 * stayed 200; without Redis at start the process exited. An unavailable dependency must answer 503
 * `service_unavailable` with Retry-After, and the process must recover, start and stop without it.
 * Each test breaks a PostgreSQL or Redis of its own, never the shared ones.
 */

const ORIGIN = 'http://localhost:3000';
const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function expectUnavailable(response: { statusCode: number; headers: Record<string, unknown>; json: () => unknown }) {
  expect(response.statusCode).toBe(503);
  expect(response.json()).toMatchObject({ error: { code: 'service_unavailable' } });
  expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
}

describe('PostgreSQL unavailable', () => {
  let postgres: ThrowawayPostgres;
  let testApp: TestApp;
  let port: number;
  const mailer = new MemoryMailer();

  beforeAll(async () => {
    postgres = await ThrowawayPostgres.create();
    const database = await openDatabase({ kind: 'postgres', url: postgres.url });
    testApp = await startTestApp({ mailer, database: { ...database, label: 'postgres (own cluster)' } });
    await testApp.app.http.listen({ host: '127.0.0.1', port: 0 });
    port = (testApp.app.http.server.address() as { port: number }).port;
  }, 120_000);
  afterAll(async () => {
    await testApp?.close();
    await testApp?.database.close();
    await postgres?.destroy();
  }, 120_000);

  it('answers 503 with Retry-After to requests and the socket upgrade while it is stopped, and recovers', async () => {
    const { host, consultation } = await hostWithConsultation(testApp, mailer, ['Paula Pause']);
    const anonymous = await new ApiClient(testApp, {}, '192.0.2.10').init();
    await postgres.stop();

    expect((await testApp.app.http.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(503);
    expectUnavailable(await host.client.get('/api/consultations'));
    expectUnavailable(await anonymous.post('/api/session', { email: host.email, password: host.password }));
    await expect(connect(port, host.client, ORIGIN, consultation.id)).rejects.toThrow('upgrade refused: 503');
    expect(testApp.logs()).not.toContain('"internal_error"');

    await postgres.start();
    expect((await testApp.app.http.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    expect((await host.client.get('/api/consultations')).statusCode).toBe(200);
  }, 120_000);
});

describe('Redis unavailable', () => {
  let redis: PrivateRedis;
  let testApp: TestApp | undefined;
  let port: number;
  const mailer = new MemoryMailer();

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    // Wired as main.ts wires a process with REDIS_URL: attempt counters and the cluster in Redis.
    const counterConnection = new Redis(redis.url, redisOptions);
    counterConnection.on('error', () => undefined);
    await counterConnection.connect();
    testApp = await startTestApp({
      mailer,
      attempts: new RedisAttemptCounter(counterConnection),
      transport: await RedisTransport.connect(redis.url, { onError: () => undefined }),
    });
    await testApp.app.http.listen({ host: '127.0.0.1', port: 0 });
    port = (testApp.app.http.server.address() as { port: number }).port;
  }, 120_000);
  afterAll(async () => {
    await testApp?.close().catch((error: unknown) => process.stderr.write(`faults test: closing the app failed: ${String(error)}\n`));
    await redis?.kill();
  });

  it('answers 503 to logins and readiness, tells sockets to come back later, and shuts down', async () => {
    const app = testApp as TestApp;
    const customer = await activeCustomer(app, mailer);
    const { tokenFor, guests } = await hostWithConsultation(app, mailer, ['Rita Redis']);
    const guest = await readyGuest(app, tokenFor(guests[0]!.email), 'Rita Redis');
    expect((await app.app.http.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    await redis.kill();

    const started = performance.now();
    const login = await new ApiClient(app, {}, '192.0.2.20')
      .init()
      .then((client) => client.post('/api/session', { email: customer.email, password: customer.password }));
    process.stdout.write(`login with Redis killed: ${login.statusCode} after ${Math.round(performance.now() - started)} ms\n`);
    expectUnavailable(login);
    expect((await app.app.http.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(503);

    // The hello needs the room's owner key in Redis: the socket is closed with 1013, which the client retries.
    const socket = await connect(port, guest.client, ORIGIN);
    socket.send({ type: 'hello', protocol: 1 });
    expect(await socket.waitClosed(30_000)).toBe(CLOSE_CODES.tryAgainLater);

    // Shutting down must not wait for Redis (it once hung for 35 s); the test's timeout is the bound.
    await app.close();
    testApp = undefined;
  }, 120_000);
});

describe('starting without Redis', () => {
  it('answers 503 until Redis is there, then becomes ready; stops on SIGTERM with Redis gone', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sz-no-redis-'));
    const redisPort = await freePort();
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: repositoryRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_ENV: 'test',
        BCRYPT_COST: '4',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATA_DIR: dataDir,
        REDIS_URL: `redis://127.0.0.1:${redisPort}`,
        LOG_LEVEL: 'warn',
      },
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let redis: PrivateRedis | undefined;
    const get = (url: string) =>
      fetch(`http://127.0.0.1:${port}${url}`).then(
        async (response) => ({ status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() }),
        () => undefined,
      );
    const until = async <T>(probe: () => Promise<T | undefined>, what: string): Promise<T> => {
      for (let waited = 0; waited < 90_000; waited += 250) {
        const value = await probe();
        if (value !== undefined) return value;
        if (child.exitCode !== null) throw new Error(`the server exited while waiting for ${what}: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      throw new Error(`no ${what}: ${stderr}`);
    };
    try {
      const waiting = await until(() => get('/api/session'), 'answer while Redis is missing');
      expect(waiting).toMatchObject({ status: 503, body: { error: { code: 'service_unavailable' } } });
      expect(Number(waiting.retryAfter)).toBeGreaterThan(0);
      expect((await get('/readyz'))?.status).toBe(503);
      expect(stderr).toContain(`Redis at 127.0.0.1:${redisPort} is not reachable`);

      redis = await PrivateRedis.start(redisPort);
      await until(async () => ((await get('/readyz'))?.status === 200 ? true : undefined), 'readiness once Redis is there');
      expect((await get('/api/session'))?.status).toBe(200);

      await redis.kill();
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await redis?.kill();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
