import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { throwAwayPostgres } from '../server/test-support/database';
import { postgresReachable } from './postgres';
import { formatMs, summarise } from './stats';

/**
 * Start-up until the server accepts requests, next to a bare Fastify hello server, in interleaved
 * rounds (every variant once per round, so a busy moment of the machine hits all of them alike):
 * the first start on an empty DATA_DIR with and without the prepared embedded database, through tsx
 * and compiled, and a restart on an existing directory; and production's restart, compiled on
 * PostgreSQL (`BENCH_START_POSTGRES`, a throw-away database), as the systemd unit runs it.
 * A second reference is the embedded database's own floor: bare Fastify that first opens an existing
 * PGlite directory and asks it `select 1` — what no server on PGlite can start faster than.
 */
const ROUNDS = Number(process.env.BENCH_START_RUNS ?? 5);
const snapshotDirectory = path.resolve('dist/pglite');
const asideDirectory = path.resolve('dist/pglite-aside');
const POSTGRES_URL = process.env.BENCH_START_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';

function timeUntilReady(command: string, args: string[], env: NodeJS.ProcessEnv, readyLine: RegExp): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (readyLine.test(output)) {
        const elapsed = performance.now() - started;
        child.once('exit', () => resolve(elapsed));
        child.kill('SIGTERM');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      if (!readyLine.test(output)) reject(new Error(`exited with ${code} before ready:\n${output}`));
    });
  });
}

function npmRun(script: string): void {
  const result = spawnSync('npm', ['run', '--silent', script], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm run ${script} failed (exit ${result.status ?? result.signal})`);
}

/** Runs `task` with the prepared snapshot moved out of the server's reach, then puts it back. */
async function withoutSnapshot<T>(task: () => Promise<T>): Promise<T> {
  await rename(snapshotDirectory, asideDirectory);
  try {
    return await task();
  } finally {
    await rename(asideDirectory, snapshotDirectory);
  }
}

export async function measureStartup(): Promise<void> {
  npmRun('build:server');
  npmRun('build:snapshot');
  const snapshotFiles = await readdir(snapshotDirectory);
  if (snapshotFiles.length !== 1) throw new Error(`expected one snapshot in ${snapshotDirectory}, found ${snapshotFiles.join(', ')}`);
  const tsx = path.resolve('node_modules/.bin/tsx');
  const port = 3900 + Math.floor(Math.random() * 90);
  const env = { PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'development' };
  const ready = /is running at/;
  const directories: string[] = [];
  const freshDirectory = async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sz-bench-'));
    directories.push(dataDir);
    return dataDir;
  };
  const hello =
    "import('fastify').then(async ({ default: f }) => { const a = f(); await a.listen({ port: " +
    port +
    ", host: '127.0.0.1' }); console.log('ready'); process.on('SIGTERM', () => a.close().then(() => process.exit(0))); })";

  let restartDirectory: string | undefined;
  const productionDirectory = await freshDirectory();
  const pgliteFloor =
    "Promise.all([import('fastify'), import('@electric-sql/pglite')]).then(async ([{ default: f }, { PGlite }]) => { " +
    'const db = await PGlite.create({ dataDir: process.env.FLOOR_PGLITE_DIR }); await db.query("select 1"); const a = f(); await a.listen({ port: ' +
    port +
    ", host: '127.0.0.1' }); console.log('ready'); process.on('SIGTERM', () => a.close().then(() => db.close()).then(() => process.exit(0))); })";
  const postgres = (await postgresReachable(POSTGRES_URL)) ? await throwAwayPostgres(POSTGRES_URL, 'sz_bench_start') : undefined;
  const productionEnv = postgres && { ...env, DATABASE_URL: postgres.url, DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64') };
  if (productionEnv) {
    // A database of its own: the first start migrates; the measured ones find the schema in place, as a restart does.
    await timeUntilReady(process.execPath, ['dist/server/main.js'], { ...productionEnv, DATA_DIR: productionDirectory }, ready);
  }

  const variants: Array<[string, () => Promise<number>]> = [
    ['reference: bare Fastify hello server (node)', () => timeUntilReady(process.execPath, ['-e', hello], {}, /ready/)],
    [
      'first start, tsx, db created + migrated',
      async () => {
        const dataDir = await freshDirectory();
        // The restarts below reopen the first directory this made.
        restartDirectory ??= dataDir;
        return withoutSnapshot(() => timeUntilReady(tsx, ['server/main.ts'], { ...env, DATA_DIR: dataDir }, ready));
      },
    ],
    ['first start, tsx, db from the snapshot', async () => timeUntilReady(tsx, ['server/main.ts'], { ...env, DATA_DIR: await freshDirectory() }, ready)],
    [
      'first start, compiled, db from the snapshot',
      async () => timeUntilReady(process.execPath, ['dist/server/main.js'], { ...env, DATA_DIR: await freshDirectory() }, ready),
    ],
    ['restart, tsx', () => timeUntilReady(tsx, ['server/main.ts'], { ...env, DATA_DIR: restartDirectory! }, ready)],
    ['restart, compiled, PGlite', () => timeUntilReady(process.execPath, ['dist/server/main.js'], { ...env, DATA_DIR: restartDirectory! }, ready)],
    [
      'reference: bare Fastify + PGlite opening that directory',
      () => timeUntilReady(process.execPath, ['-e', pgliteFloor], { FLOOR_PGLITE_DIR: path.join(restartDirectory!, 'db') }, /ready/),
    ],
    ...(productionEnv
      ? ([
          [
            'restart, compiled, PostgreSQL (as deploy/ runs it)',
            () => timeUntilReady(process.execPath, ['--enable-source-maps', 'dist/server/main.js'], { ...productionEnv, DATA_DIR: productionDirectory }, ready),
          ],
        ] as Array<[string, () => Promise<number>]>)
      : []),
  ];
  const samples = new Map<string, number[]>(variants.map(([name]) => [name, []]));
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [name, measure] of variants) samples.get(name)!.push(await measure());
  }
  await Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true })));
  await postgres?.drop();

  const reference = summarise(samples.get(variants[0]![0])!);
  console.log(`\nStart-up until the server accepts requests (PGlite, ${ROUNDS} interleaved rounds)`);
  for (const [name] of variants) {
    const summary = summarise(samples.get(name)!);
    const ratio = name === variants[0]![0] ? '' : `  ${(summary.median / reference.median).toFixed(1)}× the reference`;
    console.log(`  ${name.padEnd(56)} ${formatMs(summary)}${ratio}`);
  }
}
