import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { importCommonJs } from '../common/lazy';
import { redisOptions } from './cluster/redis-options';
import { systemClock } from './clock';
import { ConfigError, loadConfig, type Config } from './config/config';
import { openDatabase, pgliteSnapshotPlace } from './db/database';
import { DirectoryLockedError } from './db/directory-lock';
import { buildApp } from './http/app';
import { listenWhileStarting, type StartingServer } from './http/starting-server';
import { startMetricsListener } from './metrics/metrics';
import { createMailer, createSmsSender } from './notify/senders';
import { DataKeyError, prepareEncryption } from './security/data-key';
import { MemoryAttemptCounter, RedisAttemptCounter, throttleKeySecret, type AttemptCounter } from './throttle/limiter';

/** How long SIGTERM may take; then the process exits anyway (a shutdown once hung 35 s on a dead Redis). */
const SHUTDOWN_GRACE_MS = 10_000;
const REDIS_RETRY_MS = 2_000;

/**
 * Connects to Redis, waiting for it if it is not there yet: meanwhile the port answers 503 (and
 * /readyz says not ready), and every attempt says so in one line. Only the host and port are
 * printed: the URL may carry a password.
 */
async function connectRedis(config: Config, url: string): Promise<{ redis: Redis; starting: StartingServer | undefined }> {
  let starting: StartingServer | undefined;
  // Loaded only when configured: the embedded default starts without the Redis client's modules.
  const { Redis } = await importCommonJs(() => import('ioredis'));
  for (;;) {
    const redis = new Redis(url, redisOptions);
    // The failed connect() below reports the attempt; without a listener ioredis would print each error again.
    redis.on('error', () => undefined);
    try {
      await redis.connect();
      return { redis, starting };
    } catch (error) {
      redis.disconnect();
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      process.stderr.write(`Redis at ${new URL(url).host} is not reachable (${reason}); answering 503 and trying again in ${REDIS_RETRY_MS / 1000} s\n`);
      starting ??= await listenWhileStarting(config.host, config.port);
      await sleep(REDIS_RETRY_MS);
    }
  }
}

async function createAttemptCounter(config: Config): Promise<{ attempts: AttemptCounter; secret: Buffer; starting: StartingServer | undefined }> {
  if (!config.redisUrl) {
    return { attempts: new MemoryAttemptCounter(systemClock), secret: await throttleKeySecret(undefined), starting: undefined };
  }
  const { redis, starting } = await connectRedis(config, config.redisUrl);
  redis.on('error', (error: Error) => process.stderr.write(`Redis: ${error.message}\n`));
  return { attempts: new RedisAttemptCounter(redis), secret: await throttleKeySecret(redis), starting };
}

/** Runs one shutdown step; a failing one (Redis down) is reported and the next still runs. */
async function step(name: string, task: () => Promise<unknown>): Promise<void> {
  await task().catch((error: unknown) => process.stderr.write(`shutdown: ${name} failed: ${(error as Error).message}\n`));
}

async function start(): Promise<void> {
  const startedAt = performance.now();
  const config = loadConfig();
  const database = await openDatabase(
    config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl } : { kind: 'pglite', dataDir: config.dataDir, snapshot: pgliteSnapshotPlace() },
  );
  // Releases the PGlite directory lock before the process reports why it cannot start.
  const cipher = await prepareEncryption(config, database.db, (text) => process.stdout.write(`${text}\n`)).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  const print = (line: string) => process.stdout.write(`${line}\n`);
  const mailer = createMailer(config, print);
  const sms = createSmsSender(config, print);
  const { attempts, secret, starting } = await createAttemptCounter(config);
  // With Redis, several processes share the calls and presence; without it this process is alone.
  const transport = config.redisUrl
    ? await (
        await import('./cluster/redis-transport')
      ).RedisTransport.connect(config.redisUrl, {
        onError: (error) => process.stderr.write(`Redis: ${error.message}\n`),
      })
    : undefined;
  const app = await buildApp({
    config,
    database,
    mailer,
    ...(sms ? { sms } : {}),
    clock: systemClock,
    attempts,
    throttleSecret: secret,
    cipher,
    ...(transport ? { transport } : {}),
  });
  // Not awaited: the catch-up run of every job must not delay taking requests.
  void app.retention.start();
  app.reminders.start();

  await starting?.close();
  await app.http.listen({ host: config.host, port: config.port, listenTextResolver: () => 'listening' });
  // Never through the public proxy: a port of its own, loopback unless METRICS_HOST says otherwise.
  const metricsListener = app.metrics && config.metrics ? await startMetricsListener(app.metrics, config.metrics, app.http.log) : undefined;
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  const storage = database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL';
  const mail = config.mail.smtpUrl ? 'SMTP' : `local outbox (${path.join(config.dataDir, 'outbox')})`;
  const smsNote = config.sms ? 'Twilio' : sms ? 'local outbox' : 'unavailable (no provider configured)';
  process.stdout.write(`\nSprechzimmer is running at ${config.publicUrl.origin} (${seconds} s; ${storage}; mail: ${mail}; SMS: ${smsNote})\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.http.log.info({ signal }, 'shutting down');
    setTimeout(() => {
      process.stderr.write(`shutdown did not finish within ${SHUTDOWN_GRACE_MS / 1000} s; exiting\n`);
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    // Order matters: stop the retention crons and let a running job finish, stop taking requests,
    // then release what they used.
    await step('retention', () => app.retention.stop());
    await step('reminders', () => app.reminders.stop());
    await step('http', () => app.http.close());
    if (metricsListener) await step('metrics', () => metricsListener.close());
    await step('mail', () => mailer.close());
    await step('attempt counters', () => attempts.close());
    await step('database', () => database.close());
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

start().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DirectoryLockedError || error instanceof DataKeyError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Sprechzimmer could not start: ${(error as Error).stack ?? String(error)}\n`);
  }
  process.exit(1);
});
