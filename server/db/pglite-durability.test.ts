import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { DirectoryLockedError } from './directory-lock';
import { accounts } from './schema';

/**
 * The embedded database (PGlite) must not lose an acknowledged commit when its process is killed
 * with SIGKILL, and a second opener must be refused while the first one lives (two processes on
 * one directory silently lose rows). A child process writes; the test kills it and checks.
 * PGlite never fsyncs: this proves process-crash durability, not power-loss durability.
 */

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const writerScript = path.join(repositoryRoot, 'e2e/support/pglite-writer.ts');
const ROUNDS = 3;
/** Each round kills the writer after a different number of acknowledged rows. */
const KILL_AFTER = [300, 600, 900];

interface Writer {
  child: ChildProcess;
  ready: Promise<void>;
  /** Resolves when `count` ids have been acknowledged. */
  acknowledged(count: number): Promise<void>;
  ids: string[];
  exited: Promise<NodeJS.Signals | number | null>;
  stderr: () => string;
}

function startWriter(dataDir: string, round: number): Writer {
  const child = spawn(process.execPath, ['--import', 'tsx', writerScript, dataDir, String(round)], {
    cwd: repositoryRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'test' },
  });
  const ids: string[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    void exited.then((how) => reject(new Error(`writer exited (${String(how)}) before it was ready: ${stderr}`)));
  });
  const waiters: { count: number; resolve: () => void }[] = [];
  const lines = createInterface({ input: child.stdout! });
  lines.on('line', (line) => {
    if (line.startsWith('ready ')) markReady();
    if (!line.startsWith('ack ')) return;
    ids.push(line.slice(4));
    for (const waiter of waiters.filter((candidate) => ids.length >= candidate.count)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  return {
    child,
    ready,
    ids,
    exited,
    stderr: () => stderr,
    acknowledged: (count) =>
      new Promise<void>((resolve, reject) => {
        if (ids.length >= count) return resolve();
        waiters.push({ count, resolve });
        void exited.then((how) => reject(new Error(`writer exited (${String(how)}) after ${ids.length} rows: ${stderr}`)));
      }),
  };
}

describe('PGlite durability (embedded default)', () => {
  let dataDir: string;
  let running: Writer | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'sz-durability-'));
  });
  afterAll(async () => {
    if (running && running.child.exitCode === null && running.child.signalCode === null) {
      running.child.kill('SIGKILL');
      await running.exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  it(`keeps every acknowledged row across ${ROUNDS} rounds of kill -9, and refuses a second opener`, async () => {
    const acknowledged: string[] = [];
    const report: string[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const started = performance.now();
      const writer = startWriter(dataDir, round);
      running = writer;
      await writer.ready;

      // While the writer lives, the directory is locked: a second process must not open it.
      await expect(openDatabase({ kind: 'pglite', dataDir })).rejects.toBeInstanceOf(DirectoryLockedError);
      // The lock names the writer's pid (and a nonce for this holding).
      expect((await readFile(path.join(dataDir, 'database.lock'), 'utf8')).split(' ')[0]).toBe(String(writer.child.pid));

      const killAfter = KILL_AFTER[round] ?? 300;
      await writer.acknowledged(killAfter);
      // Kill mid-stream: the writer is inside an insert (or between two) at this moment.
      writer.child.kill('SIGKILL');
      expect(await writer.exited).toBe('SIGKILL');
      running = undefined;
      const ids = [...writer.ids];
      acknowledged.push(...ids);

      // The stale lock names a dead pid, so it is taken over; the data must all be there.
      const reopenStarted = performance.now();
      const database = await openDatabase({ kind: 'pglite', dataDir });
      const reopenMs = performance.now() - reopenStarted;
      try {
        const found = new Set<string>();
        for (let offset = 0; offset < acknowledged.length; offset += 500) {
          const chunk = acknowledged.slice(offset, offset + 500);
          const rows = await database.db.select({ id: accounts.id }).from(accounts).where(inArray(accounts.id, chunk));
          for (const row of rows) found.add(row.id);
        }
        const missing = acknowledged.filter((id) => !found.has(id));
        expect(missing, `round ${round}: acknowledged rows lost after kill -9`).toEqual([]);
      } finally {
        await database.close();
      }
      report.push(
        `round ${round + 1}: ${ids.length} rows acknowledged before kill -9, all ${acknowledged.length} present; ` +
          `reopen ${Math.round(reopenMs)} ms, round ${Math.round(performance.now() - started)} ms`,
      );
    }
    process.stdout.write(`${report.join('\n')}\n`);
  }, 90_000);
});
