import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { TestSocket } from '../server/test-support/signaling';
import type { BurstAccount, BurstReady, BurstRequest, BurstWindow } from './login-burst-server';
import { PING_PACE_MS, pacedPing } from './ping';
import { summarise } from './stats';

/**
 * `npm run bench -- login-burst` (issue 17, "logins never hurt calls"): signaling ping → pong while
 * 20 people log in with their correct passwords at once, against the same socket without logins,
 * for several hashing configurations, each server in its own process (UV_THREADPOOL_SIZE is per
 * process), rounds interleaved. Each person has an account of their own and a client address of
 * their own (no per-client limit interferes) and logs in again and again for the whole window,
 * following Retry-After on 503 as the web app's user would.
 * BENCH_BURST_VARIANTS=name,name picks variants; BENCH_BURST_ROUNDS, BENCH_BURST_WINDOW_S;
 * BENCH_BURST_PROFILE=1 writes the servers' CPU profiles (main thread) to `bench-profiles/`, with
 * the windows' times and login counts beside them (`burst-<pid>.json`, read by bench/profile-burst.ts).
 * BENCH_BURST_COMPARE=/work/wt/base runs that checkout's server too, as more variants in the same
 * rounds (an A/B of two commits; its profiles land here as well).
 */

const ROUNDS = Number(process.env.BENCH_BURST_ROUNDS ?? 3);
const WINDOW_S = Number(process.env.BENCH_BURST_WINDOW_S ?? 8);
const PEOPLE = Number(process.env.BENCH_BURST_PEOPLE ?? 20);
/** After a burst the queue drains before the next quiet window starts. */
const SETTLE_MS = 1500;
const PROFILE = process.env.BENCH_BURST_PROFILE === '1';
const PROFILE_DIR = path.resolve('bench-profiles');
/** Checkouts of other commits (worktrees) whose server runs in the same rounds, for an A/B. */
const COMPARE = (process.env.BENCH_BURST_COMPARE ?? '').split(',').filter(Boolean);

interface Variant {
  name: string;
  /** The checkout whose bench/login-burst-server.ts runs (another commit's, for an A/B). */
  cwd?: string;
  /** The server process's environment: UV_THREADPOOL_SIZE must be there before libuv starts its threads. */
  env: Record<string, string>;
}

const VARIANTS: Variant[] = [
  { name: 'defaults', env: {} },
  /** The default before issue 17: bcrypt on libuv's pool. */
  { name: 'libuv-defaults', env: { BCRYPT_THREADS: 'libuv' } },
  { name: 'uv4-c1', env: { BCRYPT_THREADS: 'libuv', UV_THREADPOOL_SIZE: '4', BCRYPT_CONCURRENCY: '1' } },
  { name: 'uv4-c2', env: { BCRYPT_THREADS: 'libuv', UV_THREADPOOL_SIZE: '4', BCRYPT_CONCURRENCY: '2' } },
  { name: 'uv8-c2', env: { BCRYPT_THREADS: 'libuv', UV_THREADPOOL_SIZE: '8', BCRYPT_CONCURRENCY: '2' } },
  { name: 'uv8-c6', env: { BCRYPT_THREADS: 'libuv', UV_THREADPOOL_SIZE: '8', BCRYPT_CONCURRENCY: '6' } },
  { name: 'uv2-c1', env: { BCRYPT_THREADS: 'libuv', UV_THREADPOOL_SIZE: '2' } },
  { name: 'worker-c1', env: { BCRYPT_THREADS: 'worker', BCRYPT_CONCURRENCY: '1' } },
  { name: 'worker-c2', env: { BCRYPT_THREADS: 'worker', BCRYPT_CONCURRENCY: '2' } },
  { name: 'worker-c1-nice', env: { BCRYPT_THREADS: 'worker', BCRYPT_CONCURRENCY: '1', BCRYPT_NICE: '10' } },
  { name: 'worker-c1-nice19', env: { BCRYPT_THREADS: 'worker', BCRYPT_CONCURRENCY: '1', BCRYPT_NICE: '19' } },
  { name: 'worker-c2-nice', env: { BCRYPT_THREADS: 'worker', BCRYPT_CONCURRENCY: '2', BCRYPT_NICE: '10' } },
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? Number.NaN;
}

class Server {
  private readonly pending: ((answer: BurstWindow) => void)[] = [];
  readonly origin: string;
  private constructor(
    readonly child: ChildProcess,
    readonly ready: BurstReady,
    readonly socket: TestSocket,
  ) {
    this.origin = `http://127.0.0.1:${ready.port}`;
    child.on('message', (answer: BurstWindow) => this.pending.shift()?.(answer));
  }

  static async start(variant: Variant): Promise<Server> {
    const profile = PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
    const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'bench/login-burst-server.ts', String(PEOPLE), JSON.stringify(variant.env)], {
      cwd: variant.cwd ?? process.cwd(),
      env: { ...process.env, ...variant.env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const ready = await new Promise<BurstReady>((resolve, reject) => {
      child.once('message', (answer: BurstReady) => resolve(answer));
      child.once('exit', (code) => reject(new Error(`${variant.name} server exited with ${code}`)));
    });
    const socket = new TestSocket(`ws://127.0.0.1:${ready.port}${ready.socket.path}`, ready.socket.headers);
    await socket.opened();
    await socket.hello();
    return new Server(child, ready, socket);
  }

  startWindow(): void {
    this.child.send({ kind: 'loop' } satisfies BurstRequest);
  }

  endWindow(): Promise<BurstWindow> {
    return new Promise((resolve) => {
      this.pending.push(resolve);
      this.child.send({ kind: 'loopEnd' } satisfies BurstRequest);
    });
  }

  async stop(): Promise<void> {
    this.socket.close();
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.disconnect();
    await exited;
  }
}

async function pings(socket: TestSocket, until: number): Promise<number[]> {
  const samples: number[] = [];
  while (performance.now() < until) samples.push(await pacedPing(socket));
  return samples;
}

interface LoginTally {
  /** One successful POST /api/session each, ms. */
  requestMs: number[];
  /** From the first try to logged in, Retry-After waits included, ms. */
  personMs: number[];
  refused: number;
  other: number;
}

/** A browser of its own: its cookies, its CSRF token, its client address (behind one proxy hop). */
class Browser {
  private readonly cookies = new Map<string, string>();
  private csrfToken = '';
  constructor(
    private readonly origin: string,
    private readonly address: string,
  ) {}

  private async request(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = {
      'x-forwarded-for': this.address,
      cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
    };
    if (body !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'x-csrf-token': this.csrfToken });
    const answer = await fetch(`${this.origin}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    for (const line of answer.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return answer;
  }

  async init(): Promise<void> {
    const answer = await this.request('GET', '/api/session');
    this.csrfToken = ((await answer.json()) as { csrfToken: string }).csrfToken;
  }

  /** Logs in again and again until `until`, following Retry-After on 503. */
  async loginRepeatedly(account: BurstAccount, until: number, tally: LoginTally): Promise<void> {
    let personStarted = performance.now();
    while (performance.now() < until) {
      const started = performance.now();
      const answer = await this.request('POST', '/api/session', { email: account.email, password: account.password });
      const text = await answer.text();
      if (answer.status === 200) {
        tally.requestMs.push(performance.now() - started);
        tally.personMs.push(performance.now() - personStarted);
        this.csrfToken = (JSON.parse(text) as { csrfToken: string }).csrfToken;
        personStarted = performance.now();
      } else if (answer.status === 503) {
        tally.refused += 1;
        await sleep(Number(answer.headers.get('retry-after') ?? 1) * 1000);
      } else {
        tally.other += 1;
        await sleep(1000);
      }
    }
  }
}

interface Window {
  /** process.hrtime in µs (CLOCK_MONOTONIC, the clock of V8's CPU profiles) at the window's start and end. */
  startUs: number;
  endUs: number;
  pings: number[];
  server: BurstWindow;
  logins?: LoginTally;
}

async function measureWindow(server: Server, browsers: Browser[] | undefined): Promise<Window> {
  const startUs = Number(process.hrtime.bigint() / 1000n);
  const until = performance.now() + WINDOW_S * 1000;
  const tally: LoginTally = { requestMs: [], personMs: [], refused: 0, other: 0 };
  server.startWindow();
  const logins = browsers ? Promise.all(browsers.map((browser, index) => browser.loginRepeatedly(server.ready.accounts[index]!, until, tally))) : undefined;
  const samples = await pings(server.socket, until);
  const window = await server.endWindow();
  await logins;
  return { startUs, endUs: Number(process.hrtime.bigint() / 1000n), pings: samples, server: window, ...(browsers ? { logins: tally } : {}) };
}

const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
const spread = (values: number[]) => {
  const summary = summarise(values);
  return `${ms(summary.median)} (${ms(summary.min)}–${ms(summary.max)})`;
};

/** Beside each server's CPU profile: when its windows ran and how many logins each burst completed. */
function writeWindows(variants: Variant[], servers: Server[], results: { quiet: Window[]; burst: Window[] }[]): void {
  mkdirSync(PROFILE_DIR, { recursive: true });
  for (const [index, server] of servers.entries()) {
    const { quiet, burst } = results[index]!;
    const windows = [
      ...quiet.map((window) => ({ kind: 'quiet', startUs: window.startUs, endUs: window.endUs, logins: 0 })),
      ...burst.map((window) => ({ kind: 'burst', startUs: window.startUs, endUs: window.endUs, logins: window.logins!.requestMs.length })),
    ];
    writeFileSync(path.join(PROFILE_DIR, `burst-${server.child.pid}.json`), JSON.stringify({ variant: variants[index]!.name, windows }));
  }
}

export async function measureLoginBurst(): Promise<void> {
  const picked = process.env.BENCH_BURST_VARIANTS?.split(',');
  const own = picked ? VARIANTS.filter((variant) => picked.includes(variant.name)) : VARIANTS;
  const variants = [
    ...own,
    ...COMPARE.flatMap((cwd) => own.map((variant) => ({ ...variant, name: `${variant.name} (${path.basename(cwd)})`, cwd: path.resolve(cwd) }))),
  ];
  const servers: Server[] = [];
  for (const variant of variants) servers.push(await Server.start(variant));
  const results = variants.map(() => ({ quiet: [] as Window[], burst: [] as Window[] }));
  const loads: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [index, server] of servers.entries()) {
        results[index]!.quiet.push(await measureWindow(server, undefined));
        const browsers = server.ready.accounts.map((_, person) => new Browser(server.origin, `10.17.${round}.${person + 1}`));
        await Promise.all(browsers.map((browser) => browser.init()));
        results[index]!.burst.push(await measureWindow(server, browsers));
        await sleep(SETTLE_MS);
        loads.push(loadavg()[0]!);
      }
    }
  } finally {
    for (const server of servers) await server.stop();
  }
  if (PROFILE) writeWindows(variants, servers, results);

  console.log(
    `\nLogin burst (issue 17): signaling ping every ${PING_PACE_MS} ms, ${WINDOW_S} s windows, ${PEOPLE} people logging in with correct passwords, ${ROUNDS} rounds interleaved, bcrypt cost 12, PGlite, ${availableParallelism()} cores, load average ${spread(loads)}`,
  );
  console.log('  ping p50 / p99 in ms: median of the rounds (min–max); ratio = burst p99 / quiet p99 (median of the per-round ratios)');
  console.log(
    '  variant           hashing                 quiet p50      quiet p99      burst p50      burst p99       ratio          loop p99 quiet/burst    logins/window  login request p50  person p50   503s',
  );
  for (const [index, variant] of variants.entries()) {
    const { quiet, burst } = results[index]!;
    const p = (windows: Window[], q: number) => windows.map((window) => percentile(window.pings, q));
    const ratios = burst.map((window, round) => percentile(window.pings, 0.99) / percentile(quiet[round]!.pings, 0.99));
    const tallies = burst.map((window) => window.logins!);
    const requestMs = tallies.flatMap((tally) => tally.requestMs);
    const personMs = tallies.flatMap((tally) => tally.personMs);
    const refused = tallies.map((tally) => tally.refused).reduce((sum, count) => sum + count, 0);
    const other = tallies.map((tally) => tally.other).reduce((sum, count) => sum + count, 0);
    console.log(
      [
        `  ${variant.name.padEnd(17)}`,
        servers[index]!.ready.hashing.padEnd(23),
        spread(p(quiet, 0.5)).padEnd(14),
        spread(p(quiet, 0.99)).padEnd(14),
        spread(p(burst, 0.5)).padEnd(14),
        spread(p(burst, 0.99)).padEnd(15),
        `${spread(ratios)}×`.padEnd(14),
        `${ms(summarise(quiet.map((window) => window.server.loopP99)).median)}/${ms(summarise(burst.map((window) => window.server.loopP99)).median)}`.padEnd(
          23,
        ),
        spread(tallies.map((tally) => tally.requestMs.length)).padEnd(14),
        (requestMs.length ? ms(summarise(requestMs).median) : '-').padEnd(18),
        (personMs.length ? ms(summarise(personMs).median) : '-').padEnd(12),
        `${refused}${other ? ` (+${other} other)` : ''}`,
      ].join(' '),
    );
  }
}
