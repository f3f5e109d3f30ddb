import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * Dependencies a test may break: a PostgreSQL cluster and a redis-server of its own, on free
 * loopback ports, so that stopping them never touches the shared services on 5432 and 6379.
 */

const run = promisify(execFile);

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

/** A throw-away PostgreSQL cluster (initdb, pg_ctl) in a temporary directory; PostgreSQL refuses to run as root. */
export class ThrowawayPostgres {
  private constructor(
    private readonly directory: string,
    readonly port: number,
    private readonly asPostgres: string[],
  ) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  static async create(): Promise<ThrowawayPostgres> {
    const directory = await mkdtemp(path.join(tmpdir(), 'sz-pg-'));
    const asRoot = process.getuid?.() === 0;
    if (asRoot) {
      const { stdout: uid } = await run('id', ['-u', 'postgres']);
      const { stdout: gid } = await run('id', ['-g', 'postgres']);
      await chown(directory, Number(uid), Number(gid));
    }
    const cluster = new ThrowawayPostgres(directory, await freePort(), asRoot ? ['runuser', '-u', 'postgres', '--'] : []);
    await cluster.pg('initdb', ['-D', cluster.dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
    await cluster.start();
    return cluster;
  }

  private get dataDir(): string {
    return path.join(this.directory, 'data');
  }

  async start(): Promise<void> {
    const options = `-p ${this.port} -k ${this.directory} -c listen_addresses=127.0.0.1 -c fsync=off`;
    await this.pg('pg_ctl', ['-D', this.dataDir, '-o', options, '-l', path.join(this.directory, 'log'), '-w', 'start']);
  }

  /** Stops the server: connections are cut (admin shutdown) and new ones refused. */
  async stop(): Promise<void> {
    await this.pg('pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', 'stop']);
  }

  async destroy(): Promise<void> {
    // A test may have stopped the server already; pg_ctl then fails with "no server running".
    if (existsSync(path.join(this.dataDir, 'postmaster.pid'))) await this.stop();
    await rm(this.directory, { recursive: true, force: true });
  }

  private async pg(command: string, args: string[]): Promise<void> {
    const [program, ...rest] = [...this.asPostgres, command, ...args];
    await run(program as string, rest, { cwd: this.directory });
  }
}

/** A redis-server of the test's own on a loopback port, without persistence; can be killed and restarted on the same port. */
export class PrivateRedis {
  private child: ChildProcess | undefined;

  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(port?: number): Promise<PrivateRedis> {
    const redis = new PrivateRedis(port ?? (await freePort()));
    await redis.start();
    return redis;
  }

  async start(): Promise<void> {
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 30_000);
      child.once('error', reject);
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  }

  /** Kills it the hard way, as a crash would. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}
