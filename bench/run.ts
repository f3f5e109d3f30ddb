import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import bcrypt from 'bcrypt';
import { ApiClient, activeCustomer, MemoryMailer, startTestApp } from '../server/test-support/app';
import { formatMs, sample } from './stats';

/**
 * `npm run bench`: medians with spread, each next to a reference measured in the same run.
 * Nothing here asserts a time; the figures go into closing notes and docs.
 */

const LOGIN_RUNS = Number(process.env.BENCH_LOGIN_RUNS ?? 30);

async function measureLogin(): Promise<void> {
  const mailer = new MemoryMailer();
  const testApp = await startTestApp({ mailer, env: { BCRYPT_COST: '12', LOG_LEVEL: 'silent' } });
  const { email, password } = await activeCustomer(testApp, mailer);
  const hash = await bcrypt.hash('reference password', 12);
  const timed = async (action: () => Promise<unknown>) => {
    const started = performance.now();
    await action();
    return performance.now() - started;
  };
  // Each login from its own client address so the brute-force limits do not interfere.
  let address = 0;
  const client = async () => new ApiClient(testApp, {}, `127.1.${Math.floor(++address / 250)}.${(address % 250) + 1}`).init();

  const reference = await sample(LOGIN_RUNS, () => timed(() => bcrypt.compare('reference password', hash)));
  const success = await sample(LOGIN_RUNS, async () => {
    const c = await client();
    return timed(() => c.post('/api/session', { email, password }));
  });
  const wrongPassword = await sample(LOGIN_RUNS, async () => {
    const c = await client();
    const elapsed = await timed(() => c.post('/api/session', { email, password: 'wrong password' }));
    // Clear the per-account failure count so the next sample is not refused with 429.
    await (await client()).post('/api/session', { email, password });
    return elapsed;
  });
  const unknownEmail = await sample(LOGIN_RUNS, async () => {
    const c = await client();
    return timed(() => c.post('/api/session', { email: `nobody${address}@example.org`, password: 'wrong password' }));
  });
  await testApp.close();

  console.log(`\nLogin through the app (bcrypt cost 12, ${testApp.database.label}, in-process HTTP inject)`);
  console.log(`  reference: bare bcrypt.compare, cost 12   ${formatMs(reference)}`);
  console.log(`  successful login                          ${formatMs(success)}`);
  console.log(`  wrong password                            ${formatMs(wrongPassword)}`);
  console.log(`  unknown e-mail address                    ${formatMs(unknownEmail)}`);
}

/**
 * The call benchmarks make WebRTC connections, so they run inside the test network namespace
 * (e2e/netns.sh, as the e2e tests) and need the built web app.
 */
async function measureInNamespace(name: 'call' | 'firefox-join' | 'lighthouse', measure: () => Promise<void>): Promise<void> {
  if (!existsSync(path.resolve('dist/web/index.html'))) {
    console.log(`\n${name}: skipped, the web app is not built (run \`npm run build:web\` first)`);
    return;
  }
  if (process.env.SZ_NETNS !== undefined) {
    await measure();
    return;
  }
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn('bash', ['e2e/netns.sh', process.execPath, '--import', 'tsx', 'bench/run.ts', name], { stdio: 'inherit' });
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`${name} benchmark failed (exit ${code})`);
}

async function measureCallInNamespace(): Promise<void> {
  await measureInNamespace('call', async () => (await import('./call')).measureCall());
}

/** `adapt` shapes loopback with tc: inside the namespace only, like `call`. */
async function measureAdaptInNamespace(): Promise<void> {
  if (!existsSync(path.resolve('dist/web/index.html'))) {
    console.log('\nAdaptation: skipped, the web app is not built (run `npm run build:web` first)');
    return;
  }
  if (process.env.SZ_NETNS === '1') {
    await (await import('./adapt')).measureAdapt();
    return;
  }
  if (process.env.SZ_NETNS !== undefined) {
    console.log("\nAdaptation: skipped, no network namespace here (tc would shape this machine's own loopback)");
    return;
  }
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn('bash', ['e2e/netns.sh', process.execPath, '--import', 'tsx', 'bench/run.ts', 'adapt'], { stdio: 'inherit' });
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`adaptation benchmark failed (exit ${code})`);
}

const only = process.argv[2];
if (!only || only === 'login') await measureLogin();
if (!only || only === 'startup') await (await import('./startup')).measureStartup();
if (!only || only === 'call') await measureCallInNamespace();
// Firefox join next to a Chromium guest in the same run (needs firefox-esr).
if (!only || only === 'firefox-join') await measureInNamespace('firefox-join', async () => (await import('./firefox-join')).measureFirefoxJoin());
if (!only || only === 'cluster') await (await import('./cluster')).measureCluster();
if (!only || only === 'api') await (await import('./api')).measureApi();
if (!only || only === 'login-flood') await (await import('./login-flood')).measureLoginFlood();
if (!only || only === 'login-burst') await (await import('./login-burst')).measureLoginBurst();
if (!only || only === 'bundle') (await import('./bundle')).measureBundle();
if (!only || only === 'adapt') await measureAdaptInNamespace();
if (!only || only === 'booking') await (await import('./booking')).measureBooking();
if (!only || only === 'signaling') await (await import('./signaling')).measureSignaling();
// Lighthouse in the namespace too: nothing it loads can leave loopback.
if (!only || only === 'lighthouse') await measureInNamespace('lighthouse', async () => (await import('./lighthouse')).measureLighthouse());
