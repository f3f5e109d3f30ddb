import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireDirectoryLock, DirectoryLockedError } from './directory-lock';

/**
 * Issue #16 item 8: racing starts on a directory whose lock was left by `kill -9` once gave the lock
 * to two processes (5 of 12 trials), and two writers on one PGlite directory lose data. Here many
 * processes start at the same moment on a stale lock, round after round, and exactly one may win.
 */

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const racerScript = path.join(repositoryRoot, 'server/test-support/lock-racer.ts');
const CONTENDERS = 8;
const ROUNDS = 4;

interface Racer {
  child: ChildProcess;
  ready: Promise<void>;
  outcome: Promise<string>;
}

function startRacer(directory: string): Racer {
  const child = spawn(process.execPath, ['--import', 'tsx', racerScript, directory], {
    cwd: repositoryRoot,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    lines.on('line', (line) => line === 'ready' && resolve());
    void exited.then(() => reject(new Error(`racer exited before it was ready: ${stderr}`)));
  });
  const outcome = new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => line !== 'ready' && resolve(line));
    void exited.then(() => reject(new Error(`racer exited without an outcome: ${stderr}`)));
  });
  return { child, ready, outcome };
}

async function killAll(racers: Racer[]): Promise<void> {
  await Promise.all(
    racers.map(
      (racer) =>
        new Promise<void>((resolve) => {
          if (racer.child.exitCode !== null || racer.child.signalCode !== null) return resolve();
          racer.child.once('exit', () => resolve());
          racer.child.kill('SIGKILL');
        }),
    ),
  );
}

describe('PGlite directory lock', () => {
  let directory: string;

  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'sz-lock-race-'));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it(`gives a stale lock to exactly one of ${CONTENDERS} processes starting at once, ${ROUNDS} rounds in a row`, async () => {
    // Round 0 leaves the first stale lock: its only contender wins and is killed with SIGKILL.
    const first = startRacer(directory);
    await first.ready;
    first.child.stdin!.write('go\n');
    expect(await first.outcome).toBe('won');
    await killAll([first]);

    const winnersPerRound: number[] = [];
    const errors: string[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const racers = Array.from({ length: CONTENDERS }, () => startRacer(directory));
      await Promise.all(racers.map((racer) => racer.ready));
      for (const racer of racers) racer.child.stdin!.write('go\n');
      const outcomes = await Promise.all(racers.map((racer) => racer.outcome));
      errors.push(...outcomes.filter((outcome) => outcome !== 'won' && outcome !== 'locked'));
      winnersPerRound.push(outcomes.filter((outcome) => outcome === 'won').length);
      // Every contender dies without releasing anything: the next round races on this round's stale lock.
      await killAll(racers);
    }
    expect(winnersPerRound).toEqual(Array.from({ length: ROUNDS }, () => 1));
    expect(errors).toEqual([]);
  }, 600_000);

  it('refuses a second holder in the same directory while the first lives, and releases for the next', async () => {
    const own = await mkdtemp(path.join(tmpdir(), 'sz-lock-own-'));
    try {
      const held = await acquireDirectoryLock(own, 'database.lock');
      await expect(acquireDirectoryLock(own, 'database.lock')).rejects.toBeInstanceOf(DirectoryLockedError);
      await held.release();
      const again = await acquireDirectoryLock(own, 'database.lock');
      await again.release();
      // Nothing but the data is left behind: no lock, no take-over or temporary files.
      expect(await readdir(own)).toEqual([]);
    } finally {
      await rm(own, { recursive: true, force: true });
    }
  });
});
