import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { once } from 'node:events';
import { loadavg } from 'node:os';
import path from 'node:path';
import { postgresReachable } from './postgres';
import { summarise } from './stats';

/**
 * `npm run bench -- api` (issue 17): an authenticated `GET /api/session` and the host's consultation list
 * (`GET /api/consultations`, the dashboard and the staff schedule poll it) and their week in the practice's
 * day view (`GET /api/appointments/professionals/:id`, polled too) next to a Fastify hello route,
 * each server in a process of its own, the load from this one: CONNECTIONS keep-alive connections,
 * each sending its next request when the last one is answered, for SECONDS. Rounds interleave the
 * variants so that the machine's mood hits all of them alike; read the ratio, not the absolute rate.
 * Beside req/s and p99 it prints the server's CPU per request (its process.cpuUsage() over the
 * measured window, asked over IPC), the figure that holds when other work shares the cores.
 * `BENCH_API_COMPARE=/work/wt/base` runs that checkout's app in the same rounds (an A/B of two commits),
 * `BENCH_API_PGLITE=0` leaves PGlite out, `BENCH_API_PATHS` names other routes.
 * Beside the hello route, a floor per database (bench/api-floor.ts): Fastify with one prepared query.
 * `BENCH_API_PROFILE=1` writes CPU profiles of the app targets to `bench-profiles/` (`--cpu-prof`).
 */

const ROUNDS = Number(process.env.BENCH_API_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_API_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_API_CONNECTIONS ?? 10);
const PROFILE = process.env.BENCH_API_PROFILE === '1';
/** The app's routes under load, each as the same signed-in host (api-target.ts sets up what they list). */
const PATHS = (process.env.BENCH_API_PATHS ?? '/api/session,/api/consultations,/api/appointments/professionals/{self}?days=7').split(',');
const PGLITE = process.env.BENCH_API_PGLITE !== '0';
/** Checkouts of other commits (worktrees) whose app runs in the same rounds, for an A/B. */
const COMPARE = (process.env.BENCH_API_COMPARE ?? '').split(',').filter(Boolean);
const POSTGRES_URL = process.env.BENCH_API_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Target {
  label: string;
  port: number;
  path: string;
  headers: Record<string, string>;
  /** The label of the one-query floor on the same database, for the app's routes. */
  floor?: string;
  /** The server process's CPU time so far (user + system, µs). */
  cpuMicros(): Promise<number>;
  stop(): Promise<void>;
}

interface Round {
  rps: number;
  p50: number;
  p99: number;
  cpuPerRequestUs: number;
  errors: number;
}

/** Every target answers `cpu` on its IPC channel with its process.cpuUsage() (user + system, µs). */
const CPU_ANSWER = "process.on('message', () => { const u = process.cpuUsage(); process.send(u.user + u.system); });";

function cpuReader(child: ChildProcess): () => Promise<number> {
  return () =>
    new Promise((resolve) => {
      child.once('message', (micros) => resolve(Number(micros)));
      child.send('cpu');
    });
}

async function firstLine(child: ChildProcess): Promise<string> {
  let buffered = '';
  for await (const chunk of child.stdout!) {
    buffered += String(chunk);
    const end = buffered.indexOf('\n');
    if (end >= 0) return buffered.slice(0, end);
  }
  throw new Error(`the bench target ended before it was ready (exit ${child.exitCode})`);
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  };
}

async function helloTarget(): Promise<Target> {
  const script =
    "import('fastify').then(async ({ default: f }) => { const a = f(); a.get('/hello', async () => ({ hello: 'world' })); " +
    "await a.listen({ port: 0, host: '127.0.0.1' }); console.log(JSON.stringify({ port: a.server.address().port })); " +
    `process.on('SIGTERM', () => a.close().then(() => process.exit(0))); ${CPU_ANSWER} })`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const { port } = JSON.parse(await firstLine(child)) as { port: number };
  return { label: 'reference: Fastify hello route', port, path: '/hello', headers: {}, cpuMicros: cpuReader(child), stop: stopper(child) };
}

/** Fastify with one prepared database round trip (bench/api-floor.ts): what any authenticated route needs at least. */
async function floorTarget(label: string, env: Record<string, string>): Promise<Target> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/api-floor.ts'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const { port } = JSON.parse(await firstLine(child)) as { port: number };
  return { label: `floor: Fastify + one prepared query, ${label}`, port, path: '/floor', headers: {}, cpuMicros: cpuReader(child), stop: stopper(child) };
}

/** One app process, measured at each of PATHS in turn (the CPU of a window is that route's alone). */
async function appTargets(label: string, env: Record<string, string>, cwd = process.cwd()): Promise<Target[]> {
  const profile = PROFILE ? ['--cpu-prof', '--cpu-prof-dir=bench-profiles'] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'bench/api-target.ts'], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const { port, cookie, self } = JSON.parse(await firstLine(child)) as { port: number; cookie: string; self: string };
  const [cpuMicros, stop] = [cpuReader(child), stopper(child)];
  const floor = `floor: Fastify + one prepared query, ${env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`;
  // A cookie the app does not take would measure the anonymous answer, which is cheaper: refuse to.
  const answer = (await (await fetch(`http://127.0.0.1:${port}/api/session`, { headers: { cookie } })).json()) as { account: unknown };
  if (!answer.account) throw new Error(`${label}: the bench's cookie is not signed in, so the figures would be an anonymous visitor's`);
  // `{self}` in a path: the signed-in host's account id (their own week in the practice's day view).
  return PATHS.map((path) => ({ label: `GET ${path}, ${label}`, port, path: path.replace('{self}', self), headers: { cookie }, floor, cpuMicros, stop }));
}

/** Closed-loop load: CONNECTIONS clients, each with one keep-alive socket, for `seconds`. */
async function load(target: Target, seconds: number): Promise<Round> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const until = performance.now() + seconds * 1000;
  const one = () =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const req = request({ host: '127.0.0.1', port: target.port, path: target.path, headers: target.headers, agent }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode === 200) latencies.push(performance.now() - started);
          else errors += 1;
          resolve();
        });
      });
      req.on('error', (error) => {
        // A refused or reset connection counts against the variant; the first one is named in the report.
        errors += 1;
        firstError ??= error.message;
        resolve();
      });
      req.end();
    });
  const cpuBefore = await target.cpuMicros();
  const began = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < until) await one();
    }),
  );
  const elapsed = (performance.now() - began) / 1000;
  const cpu = (await target.cpuMicros()) - cpuBefore;
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? NaN;
  if (firstError) console.log(`  (${target.label}: ${errors} requests failed, the first with: ${firstError})`);
  return { rps: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), cpuPerRequestUs: cpu / Math.max(1, latencies.length + errors), errors };
}

export async function measureApi(): Promise<void> {
  console.log(`\nAPI: authenticated ${PATHS.join(', ')} vs a Fastify hello route (${CONNECTIONS} connections, ${SECONDS} s × ${ROUNDS} interleaved rounds)`);
  const targets = [await helloTarget()];
  const postgres = await postgresReachable(POSTGRES_URL);
  // Another checkout's app beside this one's, in the same rounds: an A/B of two commits.
  if (PGLITE) targets.push(await floorTarget('PGlite', {}));
  if (postgres) targets.push(await floorTarget('PostgreSQL', { FLOOR_DATABASE_URL: POSTGRES_URL }));
  for (const cwd of [process.cwd(), ...COMPARE]) {
    const name = cwd === process.cwd() ? '' : ` (${path.basename(cwd)})`;
    if (PGLITE) targets.push(...(await appTargets(`PGlite${name}`, {}, cwd)));
    if (postgres) targets.push(...(await appTargets(`PostgreSQL${name}`, { TEST_DATABASE_URL: POSTGRES_URL }, cwd)));
  }
  const rounds = new Map<string, Round[]>(targets.map((target) => [target.label, []]));
  try {
    // Warm-up: JIT, the database's caches, the keep-alive sockets.
    for (const target of targets) await load(target, 1);
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const target of targets) rounds.get(target.label)!.push(await load(target, SECONDS));
    }
  } finally {
    for (const target of targets) await target.stop();
  }
  const reference = summarise(rounds.get(targets[0]!.label)!.map((r) => r.rps)).median;
  const referenceCpu = summarise(rounds.get(targets[0]!.label)!.map((r) => r.cpuPerRequestUs)).median;
  console.log(
    `  (load average at the end: ${loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')})`,
  );
  const medianRps = (label: string | undefined) => {
    const results = label === undefined ? undefined : rounds.get(label);
    return results ? summarise(results.map((r) => r.rps)).median : undefined;
  };
  for (const target of targets) {
    const results = rounds.get(target.label)!;
    const floorRps = medianRps(target.floor);
    const rps = summarise(results.map((r) => r.rps));
    const p99 = summarise(results.map((r) => r.p99));
    const p50 = summarise(results.map((r) => r.p50));
    const cpu = summarise(results.map((r) => r.cpuPerRequestUs));
    const errors = results.reduce((sum, r) => sum + r.errors, 0);
    console.log(
      `  ${target.label}: ${rps.median.toFixed(0)} req/s (range ${rps.min.toFixed(0)}–${rps.max.toFixed(0)}), ` +
        `CPU ${cpu.median.toFixed(0)} µs/request (range ${cpu.min.toFixed(0)}–${cpu.max.toFixed(0)}, ${(cpu.median / referenceCpu).toFixed(1)}× the reference), ` +
        `p50 ${p50.median.toFixed(1)} ms, p99 ${p99.median.toFixed(1)} ms (range ${p99.min.toFixed(1)}–${p99.max.toFixed(1)})` +
        `${errors ? `, ${errors} non-200` : ''}, ${(rps.median / reference).toFixed(3)}× the reference` +
        `${floorRps ? `, ${(rps.median / floorRps).toFixed(2)}× the floor` : ''}`,
    );
  }
}
