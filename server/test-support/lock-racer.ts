import { createInterface } from 'node:readline';
import { acquireDirectoryLock, DirectoryLockedError } from '../db/directory-lock';

/**
 * One contender in the directory-lock race (server/db/directory-lock.test.ts): loads, says `ready`,
 * waits for `go` on stdin so that every contender starts at the same moment, then tries to take
 * the lock and says `won` or `locked`. A winner holds the lock until it is killed.
 */
const [directory] = process.argv.slice(2);
if (!directory) throw new Error('usage: lock-racer <directory>');

const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
lines.once('line', () => {
  acquireDirectoryLock(directory, 'database.lock').then(
    () => process.stdout.write('won\n'),
    (error: unknown) => {
      process.stdout.write(error instanceof DirectoryLockedError ? 'locked\n' : `failed ${(error as Error).message}\n`);
    },
  );
});
