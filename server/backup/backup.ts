import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, readdirSync } from 'node:fs';
import { mkdir, open, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Config } from '../config/config';
import { acquireDirectoryLock } from '../db/directory-lock';
import { RESTORING_SUFFIX, restoreClusterFrom } from '../db/snapshot';
import { TarFormatError } from '../db/snapshot-tar';

/**
 * Backups of the configured database. What leaves here is what the database holds: personal fields
 * sealed by the application (server/security/), the e-mail blind index, never the data key — it is
 * in the configuration or DATA_DIR/encryption.key, which neither dump reads. A backup without its
 * key is useless by design.
 *
 * PostgreSQL: pg_dump's custom format (restored with pg_restore). Embedded PGlite: PGlite's own
 * data-directory tarball (gzip), taken under the directory lock, so only while the app is stopped.
 */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export type BackupKind = 'postgres' | 'pglite';

const PG_CUSTOM_MAGIC = Buffer.from('PGDMP');
const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);

/** The newest PostgreSQL client tools: pg_dump must be at least the server's major version. */
export function postgresTool(name: 'pg_dump' | 'pg_restore', env: NodeJS.ProcessEnv = process.env): string {
  if (env.PG_BIN_DIR) return path.join(env.PG_BIN_DIR, name);
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((entry) => /^\d+$/.test(entry))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const found = versions.map((version) => path.join(root, version, 'bin', name)).find((file) => existsSync(file));
  return found ?? name;
}

/**
 * The URL without its password, and the password apart: it goes to the tool in PGPASSWORD, never on
 * a command line that every user of the machine can read in the process list.
 */
function connectionOf(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { dbname: parsed.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    const errors: Buffer[] = [];
    child.stderr.on('data', (chunk: Buffer) => errors.push(chunk));
    child.on('error', (error) => reject(new BackupError(`${command} could not be started: ${error.message} (set PG_BIN_DIR to the PostgreSQL bin directory)`)));
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new BackupError(`${path.basename(command)} failed (exit ${code}): ${Buffer.concat(errors).toString().trim()}`));
    });
  });
}

/** Refuses to overwrite: a backup file is written once, readable by its owner only. */
async function createPrivateFile(file: string): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const handle = await open(file, 'wx', 0o600).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EEXIST') throw new BackupError(`${file} exists already; choose a new file name`);
    throw error;
  });
  await handle.close();
}

function backupKindOf(config: Config): BackupKind {
  return config.databaseUrl ? 'postgres' : 'pglite';
}

export async function backupDatabase(config: Config, file: string): Promise<BackupKind> {
  await createPrivateFile(file);
  try {
    if (config.databaseUrl) {
      const { dbname, env } = connectionOf(config.databaseUrl);
      // --no-owner/--no-privileges: the dump restores into a database of another role name.
      await run(postgresTool('pg_dump'), ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${dbname}`], env);
      return 'postgres';
    }
    const lock = await acquireDirectoryLock(config.dataDir, 'database.lock');
    try {
      const directory = path.join(config.dataDir, 'db');
      if (!existsSync(directory)) throw new BackupError(`${directory} holds no database`);
      const client = await PGlite.create(directory);
      try {
        const dump = await client.dumpDataDir('gzip');
        const handle = await open(file, 'w', 0o600);
        try {
          await handle.writeFile(Buffer.from(await dump.arrayBuffer()));
        } finally {
          await handle.close();
        }
      } finally {
        await client.close();
      }
    } finally {
      await lock.release();
    }
    return 'pglite';
  } catch (error) {
    // A half-written backup must not be mistaken for one.
    await rm(file, { force: true });
    throw error;
  }
}

async function kindOfFile(file: string): Promise<BackupKind> {
  // The first bytes only: a backup can be larger than the memory to spare.
  const handle = await open(file, 'r');
  const head = Buffer.alloc(PG_CUSTOM_MAGIC.length);
  try {
    await handle.read(head, 0, head.length, 0);
  } finally {
    await handle.close();
  }
  if (head.equals(PG_CUSTOM_MAGIC)) return 'postgres';
  if (head.subarray(0, 2).equals(GZIP_MAGIC)) return 'pglite';
  throw new BackupError(`${file} is not a backup made by npm run backup`);
}

async function postgresIsEmpty(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      "select count(*) as n from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')",
    );
    return Number(rows[0]?.n) === 0;
  } finally {
    await client.end();
  }
}

/**
 * Restores into an empty database only — the configured PostgreSQL database (create it first) or a
 * DATA_DIR without a database — so a restore never mixes two states or overwrites the live one.
 */
export async function restoreDatabase(config: Config, file: string): Promise<BackupKind> {
  const kind = await kindOfFile(file);
  const expected = backupKindOf(config);
  if (kind !== expected) {
    throw new BackupError(
      kind === 'postgres'
        ? `${file} is a PostgreSQL backup: set DATABASE_URL to an empty database to restore it`
        : `${file} is a backup of the embedded database: unset DATABASE_URL and set DATA_DIR to restore it`,
    );
  }
  if (config.databaseUrl) {
    if (!(await postgresIsEmpty(config.databaseUrl))) {
      throw new BackupError('the database named by DATABASE_URL is not empty: restore into a freshly created database');
    }
    const { dbname, env } = connectionOf(config.databaseUrl);
    await run(postgresTool('pg_restore'), ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${dbname}`, file], env);
    return 'postgres';
  }
  const lock = await acquireDirectoryLock(config.dataDir, 'database.lock');
  try {
    const directory = path.join(config.dataDir, 'db');
    if (existsSync(directory) && (await readdir(directory)).length > 0) {
      throw new BackupError(`${directory} holds a database already: restore into a new DATA_DIR`);
    }
    await restorePgliteBackup(file, directory);
  } finally {
    await lock.release();
  }
  return 'pglite';
}

/**
 * A backup is the gzip of the tar the start-up snapshot is (PGlite's `dumpDataDir`), so it is
 * unpacked the same way, with Node's file system and renamed into place once complete, not by
 * PGlite's `loadDataDir`, which takes the whole file into memory and writes every file through its
 * emscripten file system. The tar goes to a file beside the cluster first, decompressed as a stream:
 * the tar reader wants a file, and a restore should not need the database's size in memory.
 * gzip's checksum over the whole tar catches a damaged backup before anything is renamed into place.
 */
async function restorePgliteBackup(file: string, clusterDir: string): Promise<void> {
  const tarFile = `${clusterDir}${RESTORING_SUFFIX}.tar`;
  try {
    await pipeline(createReadStream(file), createGunzip(), createWriteStream(tarFile, { mode: 0o600 }));
    await restoreClusterFrom(tarFile, clusterDir);
  } catch (error) {
    // zlib's codes (Z_BUF_ERROR for a truncated file, Z_DATA_ERROR for a bad checksum) and the tar
    // reader's refusals say the file is bad; anything else (a full disk) is passed on as it is.
    if (error instanceof TarFormatError || /^Z_/.test(String((error as NodeJS.ErrnoException).code))) {
      throw new BackupError(`${file} is damaged or not a backup of the embedded database; nothing was restored (${(error as Error).message})`);
    }
    throw error;
  } finally {
    await rm(tarFile, { force: true });
  }
}
