import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, getPriority, loadavg, setPriority, tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { activeCustomer, MemoryMailer, startTestApp } from '../server/test-support/app';
import { connect, hostWithConsultation } from '../server/test-support/consultations';
import type { TestSocket } from '../server/test-support/signaling';
import { pacedPing } from './ping';
import { formatMs, summarise } from './stats';

const PINGS = Number(process.env.BENCH_FLOOD_PINGS ?? 200);
const LOGINS = Number(process.env.BENCH_FLOOD_LOGINS ?? 6);
const PAGES = Number(process.env.BENCH_FLOOD_PAGES ?? 40);
const FLOODERS = Number(process.env.BENCH_FLOOD_CONNECTIONS ?? 32);
/** How long a person in a new browser keeps trying (following Retry-After) before giving up. */
const GIVE_UP_S = Number(process.env.BENCH_FLOOD_GIVE_UP_S ?? 10);
/** The flood stops by itself after this, whatever happens to the bench. */
const FLOOD_LIMIT_S = Number(process.env.BENCH_FLOOD_LIMIT_S ?? 180);
/**
 * The attacker's clients run on the attacker's machines; here they share ours. At nice 19 they use
 * only CPU the server leaves (they still keep its small queue full); 0 lets them compete.
 */
const FLOOD_NICE = Number(process.env.BENCH_FLOOD_NICE ?? 19);
const ORIGIN = 'http://localhost:3000';
/** The device cookie's name over http (no __Host- prefix). */
const DEVICE_COOKIE = 'sz_device';

const LOOP_TICK_MS = 10;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function p99(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  return `${sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]!.toFixed(1)} ms`;
}

/**
 * The flood runs in its own process, as an attacker's would: parallel wrong logins, each from
 * another client address (X-Forwarded-For behind one trusted proxy hop) and for another address,
 * so no per-client or per-account limit stops them and every one wants a bcrypt job.
 */
const FLOOD_SCRIPT = `
const [origin, connections] = [process.env.ORIGIN, Number(process.env.CONNECTIONS)];
const tally = {};
let stop = false, n = 0;
process.on('message', () => { stop = true; });
setTimeout(() => { stop = true; }, Number(process.env.LIMIT_MS)).unref();
(async () => {
  const session = await fetch(origin + '/api/session');
  const cookie = session.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = await session.json();
  await Promise.all(Array.from({ length: connections }, async () => {
    while (!stop) {
      n += 1;
      const address = '10.' + ((n >> 16) & 255) + '.' + ((n >> 8) & 255) + '.' + (n & 255);
      let key;
      try {
        const answer = await fetch(origin + '/api/session', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, cookie, 'x-forwarded-for': address },
          body: JSON.stringify({ email: 'flood.' + n + '@example.org', password: 'a guessed password' }),
        });
        await answer.arrayBuffer();
        key = answer.status;
      } catch (error) {
        // A refused or reset connection is an outcome of the flood: counted by its cause.
        key = 'error ' + ((error.cause && error.cause.code) || error.name);
      }
      tally[key] = (tally[key] || 0) + 1;
    }
  }));
  process.send(tally);
})();
`;

function startFlood(origin: string): { stop: () => Promise<Record<string, number>> } {
  const child = spawn(process.execPath, ['-e', FLOOD_SCRIPT], {
    env: { ...process.env, ORIGIN: origin, CONNECTIONS: String(FLOODERS), LIMIT_MS: String(FLOOD_LIMIT_S * 1000) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // Only ever lowered: raising a priority needs privileges this bench does not ask for.
  if (child.pid !== undefined) setPriority(child.pid, Math.max(FLOOD_NICE, getPriority()));
  // The tally comes when the flood ends: asked to, at its own time limit, or never if it crashed.
  const tally = new Promise<Record<string, number>>((resolve) => {
    child.once('message', (counts) => resolve(counts as Record<string, number>));
    child.once('exit', (code) => resolve({ [`flood process exited with ${code}`]: 1 }));
  });
  return {
    stop: async () => {
      if (child.connected) child.send('stop');
      const counts = await tally;
      child.kill();
      return counts;
    },
  };
}

async function roundTrips(socket: TestSocket): Promise<number[]> {
  const samples: number[] = [];
  for (let run = 0; run < PINGS; run += 1) samples.push(await pacedPing(socket));
  return samples;
}

/** What one person's login came to: logged in (after how many 503s), gave up, or another answer. */
interface LoginOutcome {
  ms: number;
  refusals: number;
  outcome: 'logged in' | 'gave up' | `answered ${number}`;
}

/**
 * A person's login as the browser does it (CSRF token first), following Retry-After on 503 as
 * someone trying again would, until `GIVE_UP_S` have passed. `deviceCookie`: the browser is one the
 * person logged in from before.
 */
async function personLogin(origin: string, person: Person, deviceCookie: string | undefined): Promise<LoginOutcome> {
  const headers = { 'x-forwarded-for': '192.0.2.10' };
  const device = deviceCookie ? [`${DEVICE_COOKIE}=${deviceCookie}`] : [];
  const started = performance.now();
  const session = await fetch(`${origin}/api/session`, { headers: { ...headers, cookie: device.join('; ') } });
  const cookie = [...session.headers.getSetCookie().map((value) => value.split(';')[0]!), ...device].join('; ');
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  for (let refusals = 0; ; refusals += 1) {
    const answer = await fetch(`${origin}/api/session`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'x-csrf-token': csrfToken, cookie },
      body: JSON.stringify({ email: person.email, password: person.password }),
    });
    await answer.arrayBuffer();
    const ms = performance.now() - started;
    if (answer.status === 200) return { ms, refusals, outcome: 'logged in' };
    if (answer.status !== 503) return { ms, refusals, outcome: `answered ${answer.status}` };
    const waitMs = Number(answer.headers.get('retry-after') ?? 1) * 1000;
    if (ms + waitMs > GIVE_UP_S * 1000) return { ms, refusals: refusals + 1, outcome: 'gave up' };
    await sleep(waitMs);
  }
}

async function logins(origin: string, person: Person, deviceCookie: string | undefined): Promise<LoginOutcome[]> {
  const outcomes: LoginOutcome[] = [];
  for (let run = 0; run < LOGINS; run += 1) outcomes.push(await personLogin(origin, person, deviceCookie));
  return outcomes;
}

async function pageLoads(origin: string): Promise<number[]> {
  const samples: number[] = [];
  for (let run = 0; run < PAGES; run += 1) {
    const started = performance.now();
    const answer = await fetch(`${origin}/assets/app.js`);
    await answer.arrayBuffer();
    if (answer.status !== 200) throw new Error(`asset answered ${answer.status}`);
    samples.push(performance.now() - started);
  }
  return samples;
}

interface Person {
  email: string;
  password: string;
  /** The device cookie from an earlier login in the person's usual browser. */
  deviceCookie: string;
}

interface Phase {
  pings: number[];
  pages: number[];
  knownBrowser: LoginOutcome[];
  newBrowser: LoginOutcome[];
  /** How late the server's event loop ran timers (ms): what the flood costs the server itself. */
  loopDelay: { p50: number; p99: number; max: number };
  flood?: { tally: Record<string, number>; seconds: number };
}

/** Everything at once, as on a real server: a call, page loads, and two people logging in. */
async function phase(origin: string, socket: TestSocket, person: Person, withFlood: boolean): Promise<Phase> {
  const flood = withFlood ? startFlood(origin) : undefined;
  const started = performance.now();
  if (flood) await sleep(2000); // let the flood fill the pool and its queue
  const loop = monitorEventLoopDelay({ resolution: LOOP_TICK_MS });
  loop.enable();
  const [pings, pages, knownBrowser, newBrowser] = await Promise.all([
    roundTrips(socket),
    pageLoads(origin),
    logins(origin, person, person.deviceCookie),
    logins(origin, person, undefined),
  ]);
  loop.disable();
  // The histogram holds whole intervals between ticks: the delay is what exceeds the tick.
  const toMs = (nanoseconds: number) => Math.max(0, nanoseconds / 1e6 - LOOP_TICK_MS);
  const loopDelay = { p50: toMs(loop.percentile(50)), p99: toMs(loop.percentile(99)), max: toMs(loop.max) };
  if (!flood) return { pings, pages, knownBrowser, newBrowser, loopDelay };
  const tally = await flood.stop();
  return { pings, pages, knownBrowser, newBrowser, loopDelay, flood: { tally, seconds: (performance.now() - started) / 1000 } };
}

function timesLine(samples: number[]): string {
  return `median ${formatMs(summarise(samples))}, p99 ${p99(samples)}`;
}

function loginLine(outcomes: LoginOutcome[]): string {
  const done = outcomes.filter((outcome) => outcome.outcome === 'logged in');
  const refusals = outcomes.reduce((sum, outcome) => sum + outcome.refusals, 0);
  const others = outcomes.filter((outcome) => outcome.outcome !== 'logged in').map((outcome) => outcome.outcome);
  const gaveUp = others.filter((outcome) => outcome === 'gave up').length;
  const strange = others.filter((outcome) => outcome !== 'gave up');
  const parts = [
    done.length > 0
      ? `${done.length} of ${outcomes.length} logged in, ${formatMs(summarise(done.map((outcome) => outcome.ms)))}`
      : `0 of ${outcomes.length} logged in`,
    `503s met: ${refusals}`,
    ...(gaveUp > 0 ? [`${gaveUp} not within ${GIVE_UP_S} s`] : []),
    ...(strange.length > 0 ? [`unexpected: ${strange.join(', ')}`] : []),
  ];
  return parts.join('; ');
}

function report(quiet: Phase, flooded: Phase): void {
  const rows: [string, (result: Phase) => string][] = [
    ['signaling ping → pong', (result) => timesLine(result.pings)],
    ['static asset (300 KB)', (result) => timesLine(result.pages)],
    [
      'event loop delay (server; the bench clients share its process)',
      ({ loopDelay }) => `median ${loopDelay.p50.toFixed(1)} ms, p99 ${loopDelay.p99.toFixed(1)} ms, max ${loopDelay.max.toFixed(0)} ms`,
    ],
    ['login, known browser (device cookie)', (result) => loginLine(result.knownBrowser)],
    ['login, new browser (no device cookie)', (result) => loginLine(result.newBrowser)],
  ];
  for (const [label, line] of rows) {
    console.log(`  ${label}`);
    console.log(`    no flood     ${line(quiet)}`);
    console.log(`    flood        ${line(flooded)}`);
  }
  if (flooded.flood) {
    const { tally, seconds } = flooded.flood;
    const total = Object.values(tally).reduce((sum, count) => sum + count, 0);
    const answers = Object.entries(tally)
      .map(([status, count]) => `${count}×${status}`)
      .join(', ');
    console.log(`  the flood's answers: ${answers} in ${seconds.toFixed(0)} s (${(total / seconds).toFixed(0)} requests/s)`);
  }
}

async function measureOne(label: string, env: Record<string, string>): Promise<void> {
  const webRoot = await mkdtemp(path.join(tmpdir(), 'sz-flood-web-'));
  await mkdir(path.join(webRoot, 'assets'));
  await copyFile(path.resolve('bench/reference/index.html'), path.join(webRoot, 'index.html'));
  await writeFile(path.join(webRoot, 'assets', 'app.js'), 'x'.repeat(300 * 1024));
  const mailer = new MemoryMailer();
  const testApp = await startTestApp({ mailer, webRoot, env: { BCRYPT_COST: '12', LOG_LEVEL: 'silent', TRUST_PROXY_HOPS: '1', ...env } });
  try {
    await testApp.app.http.listen({ port: 0, host: '127.0.0.1' });
    const { port } = testApp.app.http.server.address() as AddressInfo;
    const origin = `http://127.0.0.1:${port}`;
    const { host, consultation } = await hostWithConsultation(testApp, mailer, ['Flood Guest']);
    const socket = await connect(port, host.client, ORIGIN, consultation.id);
    await socket.hello();
    // activeCustomer logged in once: its browser now carries the device cookie.
    const { client, email, password } = await activeCustomer(testApp, mailer);
    const deviceCookie = client.cookie(DEVICE_COOKIE);
    if (!deviceCookie) throw new Error('the first login set no device cookie');
    const person = { email, password, deviceCookie };

    const quiet = await phase(origin, socket, person, false);
    const flooded = await phase(origin, socket, person, true);
    socket.close();
    const { concurrency, queueLength, knownDeviceQueueLength } = testApp.config.hashing;
    console.log(
      `\n${label}: ${concurrency} bcrypt worker(s) on ${availableParallelism()} cores, shared queue ${queueLength}, known-device queue ${knownDeviceQueueLength}, cost 12, ${testApp.database.label}`,
    );
    console.log(
      `  flood: ${FLOODERS} connections of wrong logins from rotating addresses (flood process at nice ${Math.max(FLOOD_NICE, getPriority())}, server at nice ${getPriority()}); machine load ${loadavg()[0]!.toFixed(1)} at the end`,
    );
    console.log(`  ${LOGINS} logins per person, one after another; a new browser follows Retry-After and gives up after ${GIVE_UP_S} s`);
    report(quiet, flooded);
  } finally {
    await testApp.close();
    await rm(webRoot, { recursive: true, force: true });
  }
}

/**
 * `npm run bench -- login-flood`: signaling round trip, a static asset and a person's login (from
 * a browser with the device cookie and from a new one), first without and then during a login
 * flood, in one run. Once with the default bound, once with a queue so long it never refuses (what
 * the bound protects against; BENCH_FLOOD_UNBOUNDED=0 leaves it out).
 */
export async function measureLoginFlood(): Promise<void> {
  await measureOne('Login flood, bounded hashing (defaults)', {});
  if (process.env.BENCH_FLOOD_UNBOUNDED !== '0') await measureOne('Login flood, queue never full (as before the bound)', { BCRYPT_QUEUE: '1000' });
}
