import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, rename, writeFile, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * A prepared embedded database: PGlite's initdb plus every migration, dumped once (at build time, or
 * by the test run's global set-up) and loaded into a new `DATA_DIR` instead of creating the cluster
 * and migrating from scratch — most of a first start's time.
 *
 * A snapshot is only ever used for exactly the migrations and the PGlite it was made with: its file
 * name carries a fingerprint of both, and any other file is ignored (and removed when a new one is
 * written). Migrations still run after loading, so a snapshot can never leave a database behind.
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

/** The snapshot for the current migrations, or undefined when none was prepared (or only stale ones). */
export async function readSnapshot(place: SnapshotPlace): Promise<Blob | undefined> {
  const file = snapshotFile(place, await snapshotFingerprint(place));
  try {
    return new Blob([await readFile(file)]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
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

async function migrationFiles(folder: string): Promise<string[]> {
  const top = (await readdir(folder)).filter((name) => name.endsWith('.sql')).sort();
  return [...top, 'meta/_journal.json'];
}
