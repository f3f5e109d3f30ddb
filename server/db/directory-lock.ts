import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';

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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite does not lock its files: a second process on the same directory loses
 * acknowledged rows without any error. We hold a pid file created exclusively and
 * take over only a lock whose process no longer exists (left by kill -9).
 */
export async function acquireDirectoryLock(directory: string, name: string): Promise<DirectoryLock> {
  await mkdir(directory, { recursive: true });
  const lockPath = path.join(directory, name);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return {
        async release() {
          await rm(lockPath, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holderPid = Number.parseInt(await readFile(lockPath, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(holderPid) && isAlive(holderPid)) {
        throw new DirectoryLockedError(directory, holderPid);
      }
      await rm(lockPath, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${lockPath}`);
}
