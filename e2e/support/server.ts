import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, type WriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const compiledServer = path.join(repositoryRoot, 'dist/server/main.js');

// Generous: on the shared two-core machines a cold start (then through tsx, with PGlite migrations) has taken over 60 s.
// E2E_READY_TIMEOUT_MS overrides it.
const READY_TIMEOUT_MS = Number(process.env.E2E_READY_TIMEOUT_MS ?? 120_000);
const STOP_GRACE_MS = 10_000;

/** A port that was free on 127.0.0.1 a moment ago (the kernel picks it; we release it at once). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface AppServerOptions {
  /** SMTP_URL of an SmtpCapture (without it the server writes mail to its outbox directory). */
  smtpUrl?: string;
  /** Extra environment for the server (overrides the defaults below). */
  env?: Record<string, string>;
  /** Refuse to start without a built web app (dist/web); default true. */
  requireWebBuild?: boolean;
  /** The address users reach (a load balancer in front of several servers); default this server's own. */
  publicUrl?: string;
  /** The port to listen on (a load balancer configured beforehand); default a free one. */
  port?: number;
  /**
   * Runs on the new, empty data directory before the server's first start, e.g. the operator CLI,
   * which needs the embedded database to itself: seeding first saves a stop and a second start.
   */
  prepareData?: (dataDir: string) => Promise<unknown>;
}

/** Children still running when the test process exits are killed, so none outlives a crashed run. */
const living = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of living) child.kill('SIGKILL');
});

/**
 * The real server, compiled as production runs it (`node dist/server/main.js`, built by the suite's
 * global set-up), as a child process on 127.0.0.1, on the embedded database in a fresh temporary
 * DATA_DIR (started from the prepared snapshot). stop() keeps the data so that a test can edit
 * the database and start() again on the same directory and port; dispose() also deletes it.
 * Output goes to a buffer (`logs()`) and to `<tempDir>/server.log`; SZ_E2E_KEEP=1 keeps tempDir.
 */
export class AppServer {
  readonly tempDir: string;
  readonly dataDir: string;
  readonly logFile: string;
  readonly port: number;
  readonly origin: string;
  private child: ChildProcess | undefined;
  private exited: Promise<void> | undefined;
  private output = '';
  private logStream: WriteStream | undefined;

  private constructor(
    tempDir: string,
    port: number,
    private readonly options: AppServerOptions,
  ) {
    this.tempDir = tempDir;
    this.dataDir = path.join(tempDir, 'data');
    this.logFile = path.join(tempDir, 'server.log');
    this.port = port;
    this.origin = `http://127.0.0.1:${port}`;
  }

  static async start(options: AppServerOptions = {}): Promise<AppServer> {
    if (options.requireWebBuild !== false && !existsSync(path.join(repositoryRoot, 'dist/web/index.html'))) {
      throw new Error('The web app is not built: run `npm run build:web` before the e2e tests (npm test does).');
    }
    const tempDir = await mkdtemp(path.join(tmpdir(), 'sz-e2e-'));
    const server = new AppServer(tempDir, options.port ?? (await freePort()), options);
    await mkdir(server.dataDir, { recursive: true });
    server.logStream = createWriteStream(server.logFile, { flags: 'a' });
    try {
      await options.prepareData?.(server.dataDir);
      await server.start();
    } catch (error) {
      await server.dispose();
      throw error;
    }
    return server;
  }

  /** Everything the server printed so far (JSON log lines and the start-up banner). */
  logs(): string {
    return this.output;
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  async start(): Promise<void> {
    if (this.child) throw new Error('the server is already running');
    // The e2e server runs on PGlite unless a test names its database; never a developer's PostgreSQL or Redis.
    const inherited = { ...(process.env as Record<string, string>) };
    delete inherited.DATABASE_URL;
    delete inherited.REDIS_URL;
    const env: Record<string, string> = {
      ...inherited,
      NODE_ENV: 'test',
      BCRYPT_COST: '4',
      HOST: '127.0.0.1',
      PORT: String(this.port),
      PUBLIC_URL: this.options.publicUrl ?? this.origin,
      DATA_DIR: this.dataDir,
      LOG_LEVEL: 'info',
      ...(this.options.smtpUrl ? { SMTP_URL: this.options.smtpUrl } : {}),
      ...this.options.env,
    };
    if (!existsSync(compiledServer))
      throw new Error(`${compiledServer} is missing: run the browser tests through vitest.e2e.config.ts (its global set-up builds it) or npm run build:server`);
    const child = spawn(process.execPath, ['--enable-source-maps', compiledServer], {
      cwd: repositoryRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    living.add(child);
    const record = (chunk: Buffer) => {
      const text = chunk.toString();
      this.output += text;
      this.logStream?.write(text);
    };
    child.stdout?.on('data', record);
    child.stderr?.on('data', record);
    let exitedEarly: string | undefined;
    this.exited = new Promise<void>((resolve) =>
      child.once('exit', (code, signal) => {
        living.delete(child);
        exitedEarly = `exit code ${code}, signal ${signal}`;
        if (this.child === child) this.child = undefined;
        resolve();
      }),
    );
    this.logStream?.write(`\n--- start pid ${child.pid} at ${new Date().toISOString()} ---\n`);

    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      if (exitedEarly) throw new Error(`the server stopped before it was ready (${exitedEarly}):\n${this.output}`);
      if (Date.now() > deadline) {
        await this.stop();
        throw new Error(`the server was not ready within ${READY_TIMEOUT_MS} ms:\n${this.output}`);
      }
      try {
        const response = await fetch(`${this.origin}/readyz`, { signal: AbortSignal.timeout(2_000) });
        if (response.ok && this.output.includes('Sprechzimmer is running at')) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** SIGTERM, then SIGKILL after 10 s. The data directory stays. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await this.exited;
    clearTimeout(timer);
  }

  /**
   * Sends `signal` (SIGTERM: a graceful shutdown; SIGKILL: a crash) and waits until the process is
   * gone; resolves with how long that took. The data directory and port stay for start().
   */
  async kill(signal: NodeJS.Signals): Promise<number> {
    const child = this.child;
    if (!child || !this.exited) throw new Error('the server is not running');
    const started = Date.now();
    this.logStream?.write(`\n--- ${signal} at ${new Date().toISOString()} ---\n`);
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await this.exited;
    clearTimeout(timer);
    return Date.now() - started;
  }

  /** The last lines the server printed, for a failure report. */
  tail(lines = 40): string {
    return this.output.trimEnd().split('\n').slice(-lines).join('\n');
  }

  /** Stops the server and deletes its temporary directory (kept when SZ_E2E_KEEP=1 or `keep`). */
  async dispose(keep = false): Promise<void> {
    await this.stop();
    await new Promise<void>((resolve) => (this.logStream ? this.logStream.end(resolve) : resolve()));
    this.logStream = undefined;
    if (keep) process.stderr.write(`\n--- server output (last lines; full log: ${this.logFile}) ---\n${this.tail()}\n---\n`);
    if (keep || process.env.SZ_E2E_KEEP === '1') {
      process.stderr.write(`e2e: kept ${this.tempDir}\n`);
      return;
    }
    await rm(this.tempDir, { recursive: true, force: true });
  }
}

/**
 * Call in a describe block and pass `failed()` to dispose(): after a failed test the server's last
 * log lines are printed once and its temporary directory (server.log, data) is kept.
 */
export function reportServerOnFailure(): { failed: () => boolean } {
  let failed = false;
  afterEach((context) => {
    if (context.task.result?.state === 'fail') failed = true;
  });
  return { failed: () => failed };
}
