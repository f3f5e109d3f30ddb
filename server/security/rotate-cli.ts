/**
 * npm run keys:rotate [-- --batch-size=200]
 *
 * Re-encrypts every personal field with DATA_ENCRYPTION_KEY (see rotation.ts). On PostgreSQL the
 * servers may keep running (restart them with the new configuration first); the embedded database
 * belongs to one process, so stop the server first.
 */
import { ConfigError, loadConfig } from '../config/config';
import { openDatabase } from '../db/database';
import { DirectoryLockedError } from '../db/directory-lock';
import { DataKeyError } from './data-key';
import { rotateKeys } from './rotation';

function batchSizeOf(argv: string[]): number | undefined {
  const argument = argv.find((entry) => entry.startsWith('--batch-size='));
  if (!argument) return undefined;
  const size = Number(argument.slice('--batch-size='.length));
  if (!Number.isInteger(size) || size < 1 || size > 10_000) throw new DataKeyError('--batch-size takes a whole number from 1 to 10000');
  return size;
}

async function main(): Promise<number> {
  const config = loadConfig();
  const batchSize = batchSizeOf(process.argv.slice(2));
  const database = await openDatabase(config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl } : { kind: 'pglite', dataDir: config.dataDir });
  try {
    const result = await rotateKeys(config, database.db, {
      ...(batchSize ? { batchSize } : {}),
      say: (line) => process.stdout.write(`${line}\n`),
    });
    return result.remaining === 0 ? 0 : 3;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof ConfigError || error instanceof DirectoryLockedError || error instanceof DataKeyError;
    process.stderr.write(`${known ? (error as Error).message : `Key rotation failed: ${(error as Error).stack ?? String(error)}`}\n`);
    process.exit(1);
  },
);
