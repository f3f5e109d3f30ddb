/**
 * npm run backup -- <file>    npm run restore -- <file>
 *
 * Dumps or restores the configured database (backup.ts). The data key never goes into the file:
 * keep it in a secret store apart from the backups (deploy/README.md). With the embedded database
 * the server must be stopped (one process per data directory).
 */
import { ConfigError, loadConfig } from '../config/config';
import { DirectoryLockedError } from '../db/directory-lock';
import { BackupError, backupDatabase, restoreDatabase } from './backup';

const USAGE = 'usage: npm run backup -- <file>   |   npm run restore -- <file>';

async function main(argv: string[]): Promise<number> {
  const [command, file, ...extra] = argv;
  if ((command !== 'backup' && command !== 'restore') || !file || extra.length > 0) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = loadConfig();
  if (command === 'backup') {
    const kind = await backupDatabase(config, file);
    process.stdout.write(
      `Backed up the ${kind === 'postgres' ? 'PostgreSQL' : 'embedded'} database to ${file}. It holds the personal fields sealed; ` +
        'it cannot be read without the data key, which is not in it: keep the key in your secret store, apart from the backups.\n',
    );
    return 0;
  }
  await restoreDatabase(config, file);
  process.stdout.write(
    `Restored ${file}. Start the app with the data key the backup was written under (DATA_ENCRYPTION_KEY, or ` +
      'encryption.key in DATA_DIR); without it the app refuses to start.\n',
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof ConfigError || error instanceof DirectoryLockedError || error instanceof BackupError;
    process.stderr.write(`${known ? (error as Error).message : `Failed: ${(error as Error).stack ?? String(error)}`}\n`);
    process.exit(1);
  },
);
