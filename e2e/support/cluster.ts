import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { connect, createServer, type Server, type Socket } from 'node:net';
import pg from 'pg';
import { freePort } from './server';

/**
 * What two server processes of one deployment share, inside the loopback-only namespace: a
 * PostgreSQL database (the host's server, reached through its Unix socket, which the namespace does
 * not cut off), a private Redis, and a load balancer in front of both.
 */

const POSTGRES_SOCKET_DIR = process.env.SZ_E2E_PG_SOCKET_DIR ?? '/var/run/postgresql';

/** A throw-away database on the local PostgreSQL server. */
export class ThrowawayDatabase {
  private constructor(
    readonly name: string,
    readonly url: string,
  ) {}

  static async create(): Promise<ThrowawayDatabase> {
    const name = `sz_e2e_${randomBytes(6).toString('hex')}`;
    const admin = ThrowawayDatabase.admin();
    await admin.connect().catch((error: Error) => {
      throw new Error(`PostgreSQL is not reachable through its socket in ${POSTGRES_SOCKET_DIR} (set SZ_E2E_PG_SOCKET_DIR): ${error.message}`);
    });
    await admin.query(`create database ${name}`);
    await admin.end();
    return new ThrowawayDatabase(name, `postgres://postgres@localhost/${name}?host=${POSTGRES_SOCKET_DIR}`);
  }

  async drop(): Promise<void> {
    const admin = ThrowawayDatabase.admin();
    await admin.connect();
    await admin.query(`drop database if exists ${this.name} with (force)`);
    await admin.end();
  }

  private static admin(): pg.Client {
    return new pg.Client({ host: POSTGRES_SOCKET_DIR, user: 'postgres', database: 'postgres' });
  }
}

/** A private redis-server on a loopback port, without persistence. */
export class PrivateRedis {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(): Promise<PrivateRedis> {
    const port = await freePort();
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000);
      child.once('error', reject);
      child.stdout?.on('data', () => {
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    return new PrivateRedis(child, `redis://127.0.0.1:${port}`);
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}

/**
 * A TCP load balancer in front of several server processes, as a deployment without sticky routing
 * has one. Each connection goes to the backend its browser's `sz-lane` cookie names (so that a test
 * decides who lands where), or to the first one; a backend that refuses the connection (stopped)
 * is skipped for the next, the way a health-checking balancer fails over.
 */
export class LaneBalancer {
  readonly origin: string;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {
    this.origin = `http://127.0.0.1:${port}`;
  }

  static async start(backendPorts: readonly number[]): Promise<LaneBalancer> {
    const port = await freePort();
    const server = createServer();
    const balancer = new LaneBalancer(server, port);
    server.on('connection', (client) => balancer.route(client, backendPorts));
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return balancer;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private route(client: Socket, backendPorts: readonly number[]): void {
    this.track(client);
    let head = Buffer.alloc(0);
    const readHead = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      if (!head.includes('\r\n\r\n') && head.length < 16_384) return;
      client.off('data', readHead);
      client.pause();
      const lane = /^cookie:.*\bsz-lane=(\d+)/im.exec(head.toString('latin1'))?.[1];
      const first = Math.min(Number(lane ?? 0), backendPorts.length - 1);
      const order = [...backendPorts.slice(first), ...backendPorts.slice(0, first)];
      this.forward(client, head, order);
    };
    client.on('data', readHead);
  }

  private forward(client: Socket, head: Buffer, candidates: readonly number[]): void {
    const [port, ...rest] = candidates;
    if (port === undefined) return void client.destroy();
    const backend = connect({ host: '127.0.0.1', port });
    let connected = false;
    backend.once('error', () => {
      if (!connected) this.forward(client, head, rest);
    });
    backend.once('connect', () => {
      connected = true;
      this.track(backend);
      backend.on('error', () => client.destroy());
      client.on('error', () => backend.destroy());
      backend.once('close', () => client.destroy());
      client.once('close', () => backend.destroy());
      backend.write(head);
      client.pipe(backend);
      backend.pipe(client);
      client.resume();
    });
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }
}
