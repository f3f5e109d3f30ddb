import { mkdtemp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { readPgliteTemplate } from '../test-support/pglite-template';
import { dumpMigratedPglite, openDatabase, pgliteSnapshotPlace, queryRows } from './database';
import { readSnapshot, snapshotFingerprint, writeSnapshot, type SnapshotPlace } from './snapshot';

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

describe('embedded database snapshot', () => {
  it('is only ever found for the migrations and the PGlite it was made with', async () => {
    const migrationsFolder = await fakeMigrations();
    const place: SnapshotPlace = { directory: await scratch(), migrationsFolder, pgliteVersion: '0.5.17' };
    expect(await readSnapshot(place)).toBeUndefined();
    await writeSnapshot(place, new Blob(['dump one']));
    expect(await (await readSnapshot(place))?.text()).toBe('dump one');

    const before = await snapshotFingerprint(place);
    await writeFile(path.join(migrationsFolder, '0001_second.sql'), 'alter table a add b int;');
    expect(await snapshotFingerprint(place)).not.toBe(before);
    expect(await readSnapshot(place)).toBeUndefined();
    expect(await readSnapshot({ ...place, pgliteVersion: '0.6.0' })).toBeUndefined();

    // Writing the snapshot of the new migrations removes the stale one.
    await writeSnapshot(place, new Blob(['dump two']));
    expect(await readdir(place.directory)).toHaveLength(1);
    expect(await (await readSnapshot(place))?.text()).toBe('dump two');
  });

  it('gives a new data directory a migrated database that keeps what is written to it', async () => {
    const place = { ...pgliteSnapshotPlace(), directory: await scratch() };
    await writeSnapshot(place, (await readPgliteTemplate()) ?? (await dumpMigratedPglite()));
    const dataDir = await scratch();

    const first = await openDatabase({ kind: 'pglite', dataDir, snapshot: place });
    const applied = await queryRows<{ count: number }>(first.db, sql`select count(*)::int as count from drizzle.__drizzle_migrations`);
    expect(applied[0]!.count).toBeGreaterThan(10);
    await first.db.execute(sql`create table snapshot_probe (note text)`);
    await first.db.execute(sql`insert into snapshot_probe values ('kept')`);
    await first.close();

    // The second start finds the cluster and resumes it; it does not load the snapshot over it.
    const second = await openDatabase({ kind: 'pglite', dataDir, snapshot: place });
    expect(await queryRows<{ note: string }>(second.db, sql`select note from snapshot_probe`)).toEqual([{ note: 'kept' }]);
    await second.close();
  });
});
