import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface DirectoryLock {
  release(): Promise<void>;
}

export class DirectoryLockedError extends Error {
  constructor(directory: string, holderPid: number) {
    super(
      `The data directory ${directory} is in use by another Sprechzimmer process (pid ${holderPid}). ` +
        'Two processes on one embedded database would silently lose data: stop the other process, ' +
        'or give this one its own DATA_DIR, or use PostgreSQL (DATABASE_URL) to run several processes.',
    );
    this.name = 'DirectoryLockedError';
  }
}

/** A contender that is taking over a stale lock needs milliseconds; one that hangs longer is a fault. */
const TAKEOVER_DEADLINE_MS = 10_000;
const RETRY_MS = 10;

/** One holding of a lock file: who holds it, and a nonce naming this holding (pids are reused). */
interface Holding {
  pid: number;
  nonce: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseHolding(text: string): Holding {
  const [pid = '', nonce] = text.trim().split(/\s+/);
  // A lock written before holdings had a nonce holds only the pid; its text names it.
  return { pid: Number.parseInt(pid, 10), nonce: nonce ?? `pid-${pid}` };
}

async function readHolding(file: string): Promise<Holding | undefined> {
  try {
    return parseHolding(await readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Creates `file` holding `holding`, or reports that it exists. The content is written to a private
 * file first and then hard-linked into place, which fails if the name exists: a reader never sees a
 * lock file without its pid (an empty file read as "nobody" let a second process in).
 */
async function create(file: string, holding: Holding): Promise<boolean> {
  const draft = `${file}.${holding.nonce}.draft`;
  await writeFile(draft, `${holding.pid} ${holding.nonce}\n`, { flag: 'wx' });
  try {
    await link(draft, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(draft, { force: true });
  }
}

/** Removes `file` only while it is still `holding` (a later holding must never be removed). */
async function removeIfStill(file: string, holding: Holding): Promise<void> {
  const current = await readHolding(file);
  if (current?.nonce === holding.nonce) await unlink(file);
}

/**
 * Takes `file` for `holding`; answers the live holder's pid when someone else has it.
 *
 * A holding whose process is gone (kill -9) is stale and may be taken over, but "check stale, then
 * remove" must not let two contenders both remove and both create: one of them would remove the
 * other's fresh lock. So removing stale holding N requires first winning the lock `file.takeover-N`,
 * by this same procedure; exactly one contender can hold it, and while it does, holding N can change
 * only through it (its own holder is dead). A contender that lost waits until N is gone and tries
 * again. A take-over lock left by a contender killed mid-way is itself stale and taken over the same
 * way, one level deeper.
 */
async function take(file: string, holding: Holding, deadline: number): Promise<{ won: true } | { won: false; holderPid: number }> {
  for (;;) {
    if (await create(file, holding)) return { won: true };
    const current = await readHolding(file);
    if (!current) continue;
    if (Number.isInteger(current.pid) && isAlive(current.pid)) return { won: false, holderPid: current.pid };
    if (Date.now() > deadline) throw new Error(`Could not take over the stale lock ${file} within ${TAKEOVER_DEADLINE_MS / 1000} s`);
    const takeover = `${file}.takeover-${current.nonce}`;
    const mine: Holding = { pid: process.pid, nonce: randomBytes(12).toString('hex') };
    const outcome = await take(takeover, mine, deadline);
    if (!outcome.won) {
      // Another contender is removing holding N right now; look again shortly.
      await sleep(RETRY_MS);
      continue;
    }
    try {
      await removeIfStill(file, current);
    } finally {
      await removeIfStill(takeover, mine);
    }
  }
}

/**
 * PGlite does not lock its files: a second process on the same directory loses acknowledged rows
 * without any error. We hold a lock file naming our pid and take over only a lock whose process no
 * longer exists (left by kill -9), atomically: of many processes starting at once, one wins.
 */
export async function acquireDirectoryLock(directory: string, name: string): Promise<DirectoryLock> {
  await mkdir(directory, { recursive: true });
  const lockPath = path.join(directory, name);
  const holding: Holding = { pid: process.pid, nonce: randomBytes(12).toString('hex') };
  const outcome = await take(lockPath, holding, Date.now() + TAKEOVER_DEADLINE_MS);
  if (!outcome.won) throw new DirectoryLockedError(directory, outcome.holderPid);
  return {
    async release() {
      await removeIfStill(lockPath, holding);
    },
  };
}
