import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dumpMigratedPglite } from '../db/database';

/**
 * The unit suite opens some seventy in-memory databases. Each would pay PGlite's initdb and every
 * migration; instead the suite's global setup dumps one migrated database to a file, and each test
 * database starts from it (about half the time). The file's path reaches the forked workers
 * through this environment variable, which they inherit.
 */
const TEMPLATE_VARIABLE = 'SZ_TEST_PGLITE_TEMPLATE';

/** vitest globalSetup: writes the template, and removes it when the run ends. */
export async function setup(): Promise<() => Promise<void>> {
  const directory = await mkdtemp(path.join(tmpdir(), 'sz-pglite-template-'));
  const file = path.join(directory, 'migrated.tar');
  await writeFile(file, Buffer.from(await (await dumpMigratedPglite()).arrayBuffer()));
  process.env[TEMPLATE_VARIABLE] = file;
  return async () => {
    delete process.env[TEMPLATE_VARIABLE];
    await rm(directory, { recursive: true, force: true });
  };
}

/** The template written by `setup`, or undefined outside the unit suite (a bench, a single script). */
export async function readPgliteTemplate(): Promise<Blob | undefined> {
  const file = process.env[TEMPLATE_VARIABLE];
  return file ? new Blob([await readFile(file)]) : undefined;
}
