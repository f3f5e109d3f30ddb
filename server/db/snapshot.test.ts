import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { readPgliteTemplate } from '../test-support/pglite-template';
import { dumpMigratedPglite, openDatabase, pgliteSnapshotPlace, queryRows } from './database';
import { hasSnapshot, RESTORING_SUFFIX, restoreSnapshot, snapshotFingerprint, writeSnapshot, type SnapshotPlace } from './snapshot';
import { readTar } from './snapshot-tar';

const temporary: string[] = [];
async function scratch(): Promise<string> {
  const directory = await mkdtemp(path.join(tmpdir(), 'sz-snapshot-'));
  temporary.push(directory);
  return directory;
}
afterEach(async () => {
  for (const directory of temporary.splice(0)) await rm(directory, { recursive: true, force: true });
});

async function fakeMigrations(): Promise<string> {
  const folder = await scratch();
  await mkdir(path.join(folder, 'meta'));
  await writeFile(path.join(folder, '0000_first.sql'), 'create table a (id int);');
  await writeFile(path.join(folder, 'meta/_journal.json'), '{"entries":[0]}');
  return folder;
}

/** The real snapshot of the current migrations, in a directory of its own. */
async function migratedPlace(): Promise<SnapshotPlace> {
  const place = { ...pgliteSnapshotPlace(), directory: await scratch() };
  await writeSnapshot(place, (await readPgliteTemplate()) ?? (await dumpMigratedPglite()));
  return place;
}

async function migrationCount(database: Awaited<ReturnType<typeof openDatabase>>): Promise<number> {
  const rows = await queryRows<{ count: number }>(database.db, sql`select count(*)::int as count from drizzle.__drizzle_migrations`);
  return rows[0]!.count;
}

describe('embedded database snapshot', () => {
  it('is only ever found for the migrations and the PGlite it was made with', async () => {
    const migrationsFolder = await fakeMigrations();
    const place: SnapshotPlace = { directory: await scratch(), migrationsFolder, pgliteVersion: '0.5.17' };
    expect(await hasSnapshot(place)).toBe(false);
    const first = await writeSnapshot(place, new Blob(['dump one']));
    expect(await hasSnapshot(place)).toBe(true);
    expect(await readFile(first, 'utf8')).toBe('dump one');

    const before = await snapshotFingerprint(place);
    await writeFile(path.join(migrationsFolder, '0001_second.sql'), 'alter table a add b int;');
    expect(await snapshotFingerprint(place)).not.toBe(before);
    expect(await hasSnapshot(place)).toBe(false);
    expect(await hasSnapshot({ ...place, pgliteVersion: '0.6.0' })).toBe(false);

    // Writing the snapshot of the new migrations removes the stale one.
    const second = await writeSnapshot(place, new Blob(['dump two']));
    expect(await readdir(place.directory)).toEqual([path.basename(second)]);
    expect(await readFile(second, 'utf8')).toBe('dump two');
  });

  it('gives a new data directory a migrated database that keeps what is written to it', async () => {
    const place = await migratedPlace();
    const dataDir = await scratch();

    const first = await openDatabase({ kind: 'pglite', dataDir, snapshot: place });
    expect(await migrationCount(first)).toBeGreaterThan(10);
    await first.db.execute(sql`create table snapshot_probe (note text)`);
    await first.db.execute(sql`insert into snapshot_probe values ('kept')`);
    await first.close();

    // The second start finds the cluster and resumes it; it does not load the snapshot over it.
    const second = await openDatabase({ kind: 'pglite', dataDir, snapshot: place });
    expect(await queryRows<{ note: string }>(second.db, sql`select note from snapshot_probe`)).toEqual([{ note: 'kept' }]);
    await second.close();
  });

  it('restores every file of the dump, with its bytes and its mode, as a directory of its own', async () => {
    const place = await migratedPlace();
    const clusterDir = path.join(await scratch(), 'db');
    expect(await restoreSnapshot(place, clusterDir)).toBe(true);

    const [name] = await readdir(place.directory);
    let files = 0;
    readTar(path.join(place.directory, name!), {
      directory: (entry) => expect(statSync(path.join(clusterDir, entry)).isDirectory(), entry).toBe(true),
      file(entry, mode) {
        files += 1;
        const chunks: Buffer[] = [];
        return {
          // The reader reuses its buffer: keep a copy.
          write: (bytes) => void chunks.push(Buffer.from(bytes)),
          end() {
            expect(statSync(path.join(clusterDir, entry)).mode & 0o777, entry).toBe(mode);
            expect(readFileSync(path.join(clusterDir, entry)).equals(Buffer.concat(chunks)), entry).toBe(true);
          },
        };
      },
    });
    expect(files).toBeGreaterThan(1000);
    expect(statSync(clusterDir).mode & 0o777).toBe(0o700);
    expect(existsSync(`${clusterDir}${RESTORING_SUFFIX}`)).toBe(false);
  });

  it('does not take what a restore killed half-way left for a database', async () => {
    const place = await migratedPlace();
    const dataDir = await scratch();
    const clusterDir = path.join(dataDir, 'db');
    // A restore killed after writing a few files, PG_VERSION among them, in the directory it writes.
    const partial = `${clusterDir}${RESTORING_SUFFIX}`;
    await mkdir(path.join(partial, 'global'), { recursive: true });
    await writeFile(path.join(partial, 'PG_VERSION'), '17\n');
    await writeFile(path.join(partial, 'global/1260'), 'half a page');
    // And what an interrupted PGlite initdb or an earlier, non-atomic restore may have left: files but no PG_VERSION.
    await mkdir(path.join(clusterDir, 'base/1'), { recursive: true });
    await writeFile(path.join(clusterDir, 'base/1/stray'), 'not from the snapshot');

    const database = await openDatabase({ kind: 'pglite', dataDir, snapshot: place });
    expect(await migrationCount(database)).toBeGreaterThan(10);
    await database.db.execute(sql`create table restore_probe (note text)`);
    await database.close();
    expect(existsSync(partial)).toBe(false);
    expect(existsSync(path.join(clusterDir, 'base/1/stray'))).toBe(false);
  });

  it('leaves no cluster behind when the snapshot is damaged, and none is used when stale', async () => {
    const place = await migratedPlace();
    const [name] = await readdir(place.directory);
    const file = path.join(place.directory, name!);
    const dump = await readFile(file);
    const clusterDir = path.join(await scratch(), 'db');

    await writeFile(file, dump.subarray(0, dump.length - 100_000));
    await expect(restoreSnapshot(place, clusterDir)).rejects.toThrow(/snapshot tar/);
    expect(existsSync(clusterDir)).toBe(false);

    // Another PGlite version's snapshot is not this one's: nothing is restored.
    await writeFile(file, dump);
    expect(await restoreSnapshot({ ...place, pgliteVersion: `${place.pgliteVersion}-other` }, clusterDir)).toBe(false);
    expect(existsSync(clusterDir)).toBe(false);
  });

  it('refuses to restore over a database', async () => {
    const place = await migratedPlace();
    const clusterDir = path.join(await scratch(), 'db');
    expect(await restoreSnapshot(place, clusterDir)).toBe(true);
    await expect(restoreSnapshot(place, clusterDir)).rejects.toThrow(/holds a database already/);
  });
});
