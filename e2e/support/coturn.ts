import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const READY_TIMEOUT_MS = 15_000;

/** A UDP port that was free on 127.0.0.1 a moment ago. */
async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', resolve);
  });
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(resolve));
  return port;
}

/** Sends a STUN Binding request and resolves true when a Binding success response comes back. */
export async function stunBinding(port: number, timeoutMs = 500, host = '127.0.0.1'): Promise<boolean> {
  const socket = createSocket('udp4');
  const transaction = randomBytes(12);
  // Type 0x0001 (Binding request), length 0, magic cookie, transaction id.
  const request = Buffer.concat([Buffer.from([0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42]), transaction]);
  try {
    return await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      socket.on('message', (message) => {
        if (message.length >= 20 && message.readUInt16BE(0) === 0x0101 && message.subarray(8, 20).equals(transaction)) {
          clearTimeout(timer);
          resolve(true);
        }
      });
      socket.on('error', () => {
        clearTimeout(timer);
        resolve(false);
      });
      socket.send(request, port, host);
    });
  } finally {
    socket.close();
  }
}

const living = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of living) child.kill('SIGKILL');
});

/**
 * coturn on loopback for relay tests (see ../shared/ENVIRONMENT.md): `use-auth-secret` with a random
 * static secret, UDP only, loopback peers allowed (the only peers there are in the namespace). The
 * server gets `TURN_URLS=turn:127.0.0.1:<port>?transport=udp` and `TURN_SECRET=<secret>`.
 * `selfOnly` is the connection-test relay of the README: every peer address is denied except its own
 * relay address, so it relays only between its own allocations.
 */
export class Coturn {
  readonly secret = randomBytes(24).toString('hex');
  private child: ChildProcess | undefined;
  private output = '';
  private exited: Promise<void> | undefined;

  private constructor(
    readonly port: number,
    private readonly tempDir: string,
  ) {}

  static async start(options: { selfOnly?: boolean } = {}): Promise<Coturn> {
    const binary = process.env.TURNSERVER_PATH ?? 'turnserver';
    const tempDir = await mkdtemp(path.join(tmpdir(), 'sz-turn-'));
    const turn = new Coturn(await freeUdpPort(), tempDir);
    // A relay range of its own per run, away from the usual ephemeral ports.
    const minPort = 50_000 + Math.floor(Math.random() * 100) * 100;
    const args = [
      '-n',
      '--listening-ip=127.0.0.1',
      '--relay-ip=127.0.0.1',
      `--listening-port=${turn.port}`,
      `--min-port=${minPort}`,
      `--max-port=${minPort + 99}`,
      '--use-auth-secret',
      `--static-auth-secret=${turn.secret}`,
      '--realm=sprechzimmer-e2e',
      '--fingerprint',
      '--no-tls',
      '--no-dtls',
      '--no-tcp',
      '--no-cli',
      '--no-software-attribute',
      '--log-file=stdout',
      // Allocations and permissions appear in the log at this level (the test checks one happened).
      '--verbose',
      `--userdb=${path.join(tempDir, 'turndb')}`,
      '--simple-log',
      `--pidfile=${path.join(tempDir, 'turn.pid')}`,
      '--allow-loopback-peers',
      ...(options.selfOnly
        ? ['--denied-peer-ip=0.0.0.0-255.255.255.255', '--denied-peer-ip=::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', '--allowed-peer-ip=127.0.0.1']
        : []),
    ];
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    turn.child = child;
    living.add(child);
    const record = (chunk: Buffer) => (turn.output += chunk.toString());
    child.stdout?.on('data', record);
    child.stderr?.on('data', record);
    let exitedEarly: string | undefined;
    turn.exited = new Promise<void>((resolve) => {
      child.once('error', (error) => {
        exitedEarly = error.message;
        resolve();
      });
      child.once('exit', (code, signal) => {
        living.delete(child);
        exitedEarly = `exit code ${code}, signal ${signal}`;
        turn.child = undefined;
        resolve();
      });
    });
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      if (exitedEarly) throw new Error(`turnserver stopped before it was ready (${exitedEarly}):\n${turn.output}`);
      if (Date.now() > deadline) {
        await turn.stop();
        throw new Error(`turnserver did not answer STUN within ${READY_TIMEOUT_MS} ms:\n${turn.output}`);
      }
      if (await stunBinding(turn.port)) return turn;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The server's ICE settings for this relay (relay only: participants never see each other's address). */
  serverEnv(relayOnly = true): Record<string, string> {
    return {
      TURN_URLS: `turn:127.0.0.1:${this.port}?transport=udp`,
      TURN_SECRET: this.secret,
      ...(relayOnly ? { ICE_RELAY_ONLY: 'true' } : {}),
    };
  }

  logs(): string {
    return this.output;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child && this.exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await this.exited;
      clearTimeout(timer);
    }
    await rm(this.tempDir, { recursive: true, force: true });
  }
}
