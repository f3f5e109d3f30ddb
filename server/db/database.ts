import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { acquireDirectoryLock, type DirectoryLock } from './directory-lock';
import * as schema from './schema';
import { restoreSnapshot, type SnapshotPlace } from './snapshot';
import { drizzleClient } from './pglite-client';

type Schema = typeof schema;
/** Both drivers share this type, so stores never know which one runs. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  /** Throws when the database does not answer. */
  ping(): Promise<void>;
  /**
   * Runs `task` only if no other holder (another process on PostgreSQL, or another caller in this
   * process) has the lock `key`; does not wait for it. The lock spans several transactions.
   */
  tryWithLock<T>(key: AdvisoryKey, task: () => Promise<T>): Promise<LockOutcome<T>>;
  /** PostgreSQL's connection pool, for the metrics; the embedded database has none. */
  poolStats?(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const migrationsFolder = path.join(here, 'migrations');

/**
 * Where the prepared embedded database lives: `dist/pglite` at the repository's root, reached the
 * same way from the source (`server/db/`) and from the compiled server (`dist/server/`).
 */
export function pgliteSnapshotPlace(): SnapshotPlace {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const pgliteRoot = path.resolve(path.dirname(entry), '..');
  const { version } = JSON.parse(readFileSync(path.join(pgliteRoot, 'package.json'), 'utf8')) as { version: string };
  return { directory: path.resolve(here, '../../dist/pglite'), migrationsFolder, pgliteVersion: version };
}
/** Arbitrary constant: every process that migrates takes this advisory lock first. */
const MIGRATION_LOCK_KEY = 0x5a_5a_01;
/** How long PostgreSQL may take to accept a connection before a request gives up (503). */
const CONNECT_TIMEOUT_MS = 5_000;
/** PGlite never checkpoints on its own; without this its WAL grows without bound. */
const CHECKPOINT_INTERVAL_MS = 5 * 60 * 1000;

/** Two int4 halves, as pg_try_advisory_lock(int, int) takes them: a namespace and an object. */
export type AdvisoryKey = readonly [number, number];
type LockOutcome<T> = { acquired: true; value: T } | { acquired: false };

export type DatabaseTarget =
  | { kind: 'postgres'; url: string }
  /** `onCheckpointError`: a failed background checkpoint loses nothing (the WAL keeps every change) but is worth a line. */
  | {
      kind: 'pglite';
      dataDir: string | undefined;
      onCheckpointError?: (error: unknown) => void;
      /**
       * In memory only: start from this dump (`dumpMigratedPglite`) instead of an empty cluster.
       * Loading a dump takes about half the time of PGlite's initdb, which tests pay per database.
       */
      template?: Blob;
      /** A new `dataDir` starts from the snapshot prepared here for the current migrations, if there is one. */
      snapshot?: SnapshotPlace;
    };

/** Opens and migrates. `dataDir: undefined` gives an in-memory PGlite (tests). */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'postgres') return openPostgres(target.url);
  if (target.template && target.dataDir) throw new Error('a PGlite template is for in-memory databases only');
  return openPglite(
    target.dataDir,
    target.onCheckpointError ?? ((error) => process.stderr.write(`database: checkpoint failed: ${(error as Error).message}\n`)),
    target.template,
    target.snapshot,
  );
}

/** A dump of a fresh in-memory PGlite with every migration applied: the `template` of later ones. */
export async function dumpMigratedPglite(): Promise<Blob> {
  const client = await PGlite.create();
  try {
    await migratePglite(drizzlePglite({ client, schema }), { migrationsFolder });
    return await client.dumpDataDir('none');
  } finally {
    await client.close();
  }
}

async function openPostgres(url: string): Promise<Database> {
  // A database that does not accept connections is noticed within this time (answered 503), not after the OS's TCP timeout.
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // An idle client's network error would otherwise crash the process.
  pool.on('error', () => undefined);
  const client = await pool.connect();
  try {
    // Several processes may start at once; only one may run the migrations.
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await migratePostgres(drizzlePostgres({ client, schema }), { migrationsFolder });
  } finally {
    // A connection that cannot unlock is broken: destroying it (release with the error) ends its
    // session, and PostgreSQL drops a session's advisory locks with it.
    let unlockFailure: Error | undefined;
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch((error: unknown) => {
      unlockFailure = error instanceof Error ? error : new Error(String(error));
    });
    client.release(unlockFailure);
  }
  const db = drizzlePostgres({ client: pool, schema }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    async ping() {
      await pool.query('select 1');
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async tryWithLock<T>(key: AdvisoryKey, task: () => Promise<T>): Promise<LockOutcome<T>> {
      // A session-level lock lives on one connection; the task's own queries use the pool.
      const client = await pool.connect();
      let broken = false;
      try {
        const { rows } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1, $2) as ok', [key[0], key[1]]);
        if (!rows[0]?.ok) return { acquired: false };
        try {
          return { acquired: true, value: await task() };
        } finally {
          // If unlocking fails, discarding the connection ends its session and with it the lock.
          await client.query('select pg_advisory_unlock($1, $2)', [key[0], key[1]]).catch(() => {
            broken = true;
          });
        }
      } finally {
        client.release(broken);
      }
    },
    async close() {
      await pool.end();
    },
  };
}

async function openPglite(
  dataDir: string | undefined,
  onCheckpointError: (error: unknown) => void,
  template?: Blob,
  snapshot?: SnapshotPlace,
): Promise<Database> {
  let lock: DirectoryLock | undefined;
  if (dataDir) lock = await acquireDirectoryLock(dataDir, 'database.lock');
  let client: PGlite;
  try {
    client = template ? await PGlite.create({ loadDataDir: template }) : await openPgliteDirectory(dataDir, snapshot);
  } catch (error) {
    await lock?.release();
    throw error;
  }
  const db = drizzlePglite({ client: drizzleClient(client), schema });
  // A template is migrated already; the migrator then only reads its journal.
  await migratePglite(db, { migrationsFolder });
  const checkpointTimer = dataDir ? setInterval(() => void client.query('CHECKPOINT').catch(onCheckpointError), CHECKPOINT_INTERVAL_MS) : undefined;
  checkpointTimer?.unref();
  // One process owns a PGlite directory (directory lock), so a lock only has to exclude callers here.
  const held = new Set<string>();
  return {
    kind: 'pglite',
    db: db as unknown as Db,
    async ping() {
      await db.execute(sql`select 1`);
    },
    async tryWithLock<T>(key: AdvisoryKey, task: () => Promise<T>): Promise<LockOutcome<T>> {
      const name = key.join(':');
      if (held.has(name)) return { acquired: false };
      held.add(name);
      try {
        return { acquired: true, value: await task() };
      } finally {
        held.delete(name);
      }
    },
    async close() {
      clearInterval(checkpointTimer);
      if (!client.closed) {
        // Closing checkpoints too; a failure here is reported and closing goes on (the WAL is replayed at the next start).
        if (dataDir) await client.query('CHECKPOINT').catch(onCheckpointError);
        await client.close();
      }
      await lock?.release();
    },
  };
}

/**
 * A directory that holds no cluster yet starts from the prepared snapshot when there is one for the
 * current migrations (`npm run build:snapshot`); otherwise PGlite creates the cluster itself. A
 * cluster is a directory with PG_VERSION, as PGlite decides too; a restore writes one only when complete.
 */
async function openPgliteDirectory(dataDir: string | undefined, place: SnapshotPlace | undefined): Promise<PGlite> {
  if (!dataDir) return PGlite.create();
  const clusterDir = path.join(dataDir, 'db');
  // Restored, the directory is an existing cluster to PGlite, which then only resumes it.
  if (place && !existsSync(path.join(clusterDir, 'PG_VERSION'))) await restoreSnapshot(place, clusterDir);
  return PGlite.create(clusterDir);
}

/** Raw SQL for the few places that need it (schema introspection); both drivers return `rows`. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
