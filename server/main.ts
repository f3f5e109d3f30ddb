import path from 'node:path';
import { Redis } from 'ioredis';
import { RedisTransport } from './cluster/redis-transport';
import { systemClock } from './clock';
import { ConfigError, loadConfig, type Config } from './config/config';
import { openDatabase } from './db/database';
import { DirectoryLockedError } from './db/directory-lock';
import { buildApp } from './http/app';
import { OutboxMailer, SmtpMailer, type Mailer } from './notify/mailer';
import { OutboxSmsSender, TwilioSmsSender } from './notify/sms';
import { DataKeyError, prepareEncryption } from './security/data-key';
import { MemoryAttemptCounter, RedisAttemptCounter, throttleKeySecret, type AttemptCounter } from './throttle/limiter';

function createMailer(config: Config): Mailer {
  if (config.mail.smtpUrl) return new SmtpMailer(config.mail.smtpUrl, config.mail.from);
  return new OutboxMailer(path.join(config.dataDir, 'outbox'), (line) => process.stdout.write(`${line}\n`));
}

async function createAttemptCounter(config: Config): Promise<{ attempts: AttemptCounter; secret: Buffer }> {
  if (!config.redisUrl) return { attempts: new MemoryAttemptCounter(systemClock), secret: await throttleKeySecret(undefined) };
  const redis = new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await redis.connect();
  return { attempts: new RedisAttemptCounter(redis), secret: await throttleKeySecret(redis) };
}

async function start(): Promise<void> {
  const startedAt = performance.now();
  const config = loadConfig();
  const database = await openDatabase(
    config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl } : { kind: 'pglite', dataDir: config.dataDir },
  );
  // Releases the PGlite directory lock before the process reports why it cannot start.
  const cipher = await prepareEncryption(config, database.db, (text) => process.stdout.write(`${text}\n`)).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  const mailer = createMailer(config);
  const sms = config.sms
    ? new TwilioSmsSender(config.sms)
    : new OutboxSmsSender(path.join(config.dataDir, 'outbox'), (line) => process.stdout.write(`${line}\n`));
  const { attempts, secret } = await createAttemptCounter(config);
  // With Redis, several processes share the calls and presence; without it this process is alone.
  const transport = config.redisUrl
    ? await RedisTransport.connect(config.redisUrl, { onError: (error) => process.stderr.write(`Redis: ${error.message}\n`) })
    : undefined;
  const app = await buildApp({
    config,
    database,
    mailer,
    sms,
    clock: systemClock,
    attempts,
    throttleSecret: secret,
    cipher,
    ...(transport ? { transport } : {}),
  });
  // Not awaited: the catch-up run of every job must not delay taking requests.
  void app.retention.start();

  await app.http.listen({ host: config.host, port: config.port, listenTextResolver: () => 'listening' });
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  const storage = database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL';
  const mail = config.mail.smtpUrl ? 'SMTP' : `local outbox (${path.join(config.dataDir, 'outbox')})`;
  process.stdout.write(`\nSprechzimmer is running at ${config.publicUrl.origin} (${seconds} s; ${storage}; mail: ${mail})\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.http.log.info({ signal }, 'shutting down');
    // Order matters: stop the retention crons and let a running job finish, stop taking requests,
    // then release what they used.
    await app.retention.stop();
    await app.http.close();
    await mailer.close();
    await attempts.close();
    await database.close();
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
