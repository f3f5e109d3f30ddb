import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { formatMs, summarise } from './stats';

/**
 * Start-up until the server accepts requests, next to a bare Fastify hello server, in interleaved
 * rounds (every variant once per round, so a busy moment of the machine hits all of them alike):
 * the first start on an empty DATA_DIR with and without the prepared embedded database, through tsx
 * and compiled, and a restart on an existing directory.
 */
const ROUNDS = Number(process.env.BENCH_START_RUNS ?? 5);
const snapshotDirectory = path.resolve('dist/pglite');
const asideDirectory = path.resolve('dist/pglite-aside');

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

  const variants: Array<[string, () => Promise<number>]> = [
    ['reference: bare Fastify hello server (node)', () => timeUntilReady(process.execPath, ['-e', hello], {}, /ready/)],
    [
      'first start, tsx, db created + migrated',
      async () => {
        const dataDir = await freshDirectory();
        return withoutSnapshot(() => timeUntilReady(tsx, ['server/main.ts'], { ...env, DATA_DIR: dataDir }, ready));
      },
    ],
    ['first start, tsx, db from the snapshot', async () => timeUntilReady(tsx, ['server/main.ts'], { ...env, DATA_DIR: await freshDirectory() }, ready)],
    [
      'first start, compiled, db from the snapshot',
      async () => timeUntilReady(process.execPath, ['dist/server/main.js'], { ...env, DATA_DIR: await freshDirectory() }, ready),
    ],
    ['restart, tsx', () => timeUntilReady(tsx, ['server/main.ts'], { ...env, DATA_DIR: directories[0]! }, ready)],
    ['restart, compiled (what deploy/ runs)', () => timeUntilReady(process.execPath, ['dist/server/main.js'], { ...env, DATA_DIR: directories[0]! }, ready)],
  ];
  const samples = new Map<string, number[]>(variants.map(([name]) => [name, []]));
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [name, measure] of variants) samples.get(name)!.push(await measure());
  }
  await Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true })));

  const reference = summarise(samples.get(variants[0]![0])!);
  console.log(`\nStart-up until the server accepts requests (PGlite, ${ROUNDS} interleaved rounds)`);
  for (const [name] of variants) {
    const summary = summarise(samples.get(name)!);
    const ratio = name.startsWith('reference') ? '' : `  ${(summary.median / reference.median).toFixed(1)}× the reference`;
    console.log(`  ${name.padEnd(46)} ${formatMs(summary)}${ratio}`);
  }
}
