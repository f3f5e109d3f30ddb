import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, rename, writeFile, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { extractTar, TarFormatError } from './snapshot-tar';

/**
 * A prepared embedded database: PGlite's initdb plus every migration, dumped once (at build time, or
 * by the test run's global set-up) and loaded into a new `DATA_DIR` instead of creating the cluster
 * and migrating from scratch — most of a first start's time.
 *
 * A snapshot is only ever used for exactly the migrations and the PGlite it was made with: its file
 * name carries a fingerprint of both, and any other file is ignored (and removed when a new one is
 * written). Migrations still run after loading, so a snapshot can never leave a database behind.
 *
 * The file is PGlite's own dump (`dumpDataDir('none')`, an uncompressed tar of PGDATA), but a new
 * directory is restored from it by `restoreClusterFrom` with Node's file system, not by PGlite's
 * `loadDataDir`: PGlite writes the ~1,150 files one by one through its emscripten file system,
 * which took a quarter of a first start (issue 17). `npm run restore` unpacks a backup the same way.
 */
export interface SnapshotPlace {
  /** Where snapshot files live (`dist/pglite`). */
  directory: string;
  migrationsFolder: string;
  pgliteVersion: string;
}

const PREFIX = 'migrated-';
const SUFFIX = '.tar';

/** SHA-256 over the PGlite version and every migration file (journal and SQL), in name order. */
export async function snapshotFingerprint(place: SnapshotPlace): Promise<string> {
  const hash = createHash('sha256').update(`pglite ${place.pgliteVersion}\n`);
  const files = await migrationFiles(place.migrationsFolder);
  for (const file of files) {
    hash.update(`${file}\n`);
    hash.update(await readFile(path.join(place.migrationsFolder, file)));
  }
  return hash.digest('hex').slice(0, 24);
}

function snapshotFile(place: SnapshotPlace, fingerprint: string): string {
  return path.join(place.directory, `${PREFIX}${fingerprint}${SUFFIX}`);
}

/** Whether the snapshot for the current migrations exists (without reading its tens of megabytes). */
export async function hasSnapshot(place: SnapshotPlace): Promise<boolean> {
  return existsSync(snapshotFile(place, await snapshotFingerprint(place)));
}

/**
 * Writes `dump` as the snapshot of the current migrations (atomically: a reader never sees half a
 * file) and removes snapshots of other migrations. Returns the file written.
 */
export async function writeSnapshot(place: SnapshotPlace, dump: Blob): Promise<string> {
  await mkdir(place.directory, { recursive: true });
  const file = snapshotFile(place, await snapshotFingerprint(place));
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
  await rename(partial, file);
  for (const name of await readdir(place.directory)) {
    const other = path.join(place.directory, name);
    if (name.startsWith(PREFIX) && name.endsWith(SUFFIX) && other !== file) await rm(other, { force: true });
  }
  return file;
}

/**
 * Makes `clusterDir` (which must not hold a cluster) a copy of the snapshot for the current
 * migrations, which PGlite then opens as an existing cluster. Returns false, leaving `clusterDir`
 * alone, when there is no such snapshot. The caller holds the data directory's lock.
 */
export async function restoreSnapshot(place: SnapshotPlace, clusterDir: string): Promise<boolean> {
  refuseOverCluster(clusterDir);
  const file = snapshotFile(place, await snapshotFingerprint(place));
  if (existsSync(file)) {
    // Removes an earlier, killed restore's remains itself.
    await restoreClusterFrom(file, clusterDir);
    return true;
  }
  // Nothing to restore now, but an earlier restore's remains go all the same.
  await rm(`${clusterDir}${RESTORING_SUFFIX}`, { recursive: true, force: true });
  return false;
}

/**
 * Unpacks `tarFile`, a PGlite data-directory tar (`dumpDataDir('none')`, or a backup's once
 * decompressed), into `clusterDir`, which must not hold a cluster. Used for the start-up snapshot
 * and for `npm run restore`.
 *
 * The files are written to a sibling directory that is renamed into place once complete, so a
 * process killed half-way leaves no directory with a `PG_VERSION` (which PGlite would take for a
 * cluster); the next start removes the leftover and restores again. A damaged archive throws
 * `TarFormatError`, removes what it unpacked and leaves `clusterDir` as it was. The caller holds the
 * data directory's lock. Like PGlite itself nothing is fsynced: this survives a killed process, not
 * a power cut.
 */
export async function restoreClusterFrom(tarFile: string, clusterDir: string): Promise<void> {
  refuseOverCluster(clusterDir);
  const partial = `${clusterDir}${RESTORING_SUFFIX}`;
  // An earlier restore's remains, if its process was killed.
  await rm(partial, { recursive: true, force: true });
  // PostgreSQL wants its data directory private to its owner.
  await mkdir(partial, { mode: 0o700 });
  try {
    extractTar(tarFile, partial);
    if (!existsSync(path.join(partial, 'PG_VERSION'))) throw new TarFormatError(`${tarFile} holds no PG_VERSION: not a PGlite data directory`);
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
  // What is there without PG_VERSION is no cluster — at most what an interrupted initdb or an
  // earlier, non-atomic restore left — and a rename does not replace a directory that is not empty.
  await rm(clusterDir, { recursive: true, force: true });
  await rename(partial, clusterDir);
}

function refuseOverCluster(clusterDir: string): void {
  if (existsSync(path.join(clusterDir, 'PG_VERSION'))) throw new Error(`${clusterDir} holds a database already; not restoring over it`);
}

/** Beside the cluster directory while a restore writes it; never opened as a database. */
export const RESTORING_SUFFIX = '.restoring';

async function migrationFiles(folder: string): Promise<string[]> {
  const top = (await readdir(folder)).filter((name) => name.endsWith('.sql')).sort();
  return [...top, 'meta/_journal.json'];
}
