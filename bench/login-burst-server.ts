import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { accounts as accountsTable } from '../server/db/schema';
import { activeCustomer, MemoryMailer, startTestApp } from '../server/test-support/app';
import { hostWithConsultation } from '../server/test-support/consultations';
import { openTestDatabase } from '../server/test-support/database';

/**
 * The server side of `bench/login-burst.ts`, one process per variant: UV_THREADPOOL_SIZE is read by
 * libuv once per process, so each configuration needs its own. The test app on PGlite at the
 * production bcrypt cost, one host with a consultation (the signaling socket's ticket) and the
 * accounts that log in. The parent drives it over IPC: `loop` starts a window of event-loop delay
 * and CPU time, `loopEnd` answers it.
 */

export interface BurstAccount {
  email: string;
  password: string;
}

export interface BurstReady {
  kind: 'ready';
  port: number;
  socket: { path: string; headers: Record<string, string> };
  accounts: BurstAccount[];
  hashing: string;
}

export interface BurstWindow {
  kind: 'window';
  /** Event-loop delay beyond the 10 ms tick, in ms. */
  loopP99: number;
  loopMax: number;
  /** Process CPU time in the window, ms. */
  cpuMs: number;
}

export type BurstRequest = { kind: 'loop' } | { kind: 'loopEnd' };

const ORIGIN = 'http://localhost:3000';
const LOOP_TICK_MS = 10;
const accountCount = Number(process.argv[2]);
const env = JSON.parse(process.argv[3] ?? '{}') as Record<string, string>;

const mailer = new MemoryMailer();
const database = await openTestDatabase();
// Set-up at a low cost (60 bcrypt jobs at cost 12 take minutes on a loaded machine), then every
// account gets the same password's hash at the production cost: what the logins compare against.
const setUp = await startTestApp({ mailer, database, env: { BCRYPT_COST: '4', LOG_LEVEL: 'silent' } });
const { host, consultation } = await hostWithConsultation(setUp, mailer, ['Burst Guest']);
const accounts: BurstAccount[] = [];
for (let index = 0; index < accountCount; index += 1) {
  const { email, password } = await activeCustomer(setUp, mailer);
  accounts.push({ email, password });
}
await setUp.close();
const testApp = await startTestApp({ mailer, database, env: { BCRYPT_COST: '12', LOG_LEVEL: 'silent', TRUST_PROXY_HOPS: '1', ...env } });
const passwords = new Set(accounts.map((account) => account.password));
if (passwords.size !== 1) throw new Error('the bench expects one password for all accounts');
await database.db.update(accountsTable).set({ passwordHash: await testApp.app.hasher.hash([...passwords][0]!) });
await testApp.app.http.listen({ host: '127.0.0.1', port: 0 });
const { concurrency, queueLength, knownDeviceQueueLength } = testApp.config.hashing;

let loop = monitorEventLoopDelay({ resolution: LOOP_TICK_MS });
let cpuAtStart = process.cpuUsage();
const send = (message: BurstReady | BurstWindow) => process.send?.(message);

process.on('message', (request: BurstRequest) => {
  if (request.kind === 'loop') {
    loop = monitorEventLoopDelay({ resolution: LOOP_TICK_MS });
    loop.enable();
    cpuAtStart = process.cpuUsage();
    return;
  }
  loop.disable();
  const cpu = process.cpuUsage(cpuAtStart);
  const toMs = (nanoseconds: number) => Math.max(0, nanoseconds / 1e6 - LOOP_TICK_MS);
  send({ kind: 'window', loopP99: toMs(loop.percentile(99)), loopMax: toMs(loop.max), cpuMs: (cpu.user + cpu.system) / 1000 });
});
process.on(
  'disconnect',
  () =>
    void testApp.close().then(async () => {
      await database.close();
      process.exit(0);
    }),
);
send({
  kind: 'ready',
  port: (testApp.app.http.server.address() as AddressInfo).port,
  socket: { path: `/api/signaling?consultation=${consultation.id}`, headers: { cookie: host.client.cookieHeader(), origin: ORIGIN } },
  accounts,
  hashing: `${concurrency} at once, queues ${queueLength}/${knownDeviceQueueLength}`,
});
