import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../db/database';
import { readPgliteTemplate } from './pglite-template';

export type TestDatabase = Database & {
  label: string;
  /**
   * Another connection to the same database, as a second server process would have (PostgreSQL: its
   * own pool). PGlite allows one process per database, so there it is the same connection.
   */
  connectAgain(): Promise<Database>;
};

/**
 * A fresh, migrated database per test file: in-memory PGlite by default, or a throw-away
 * database on the PostgreSQL server named by TEST_DATABASE_URL (CI runs both).
 */
export async function openTestDatabase(serverUrl = process.env.TEST_DATABASE_URL): Promise<TestDatabase> {
  if (!serverUrl) {
    const template = await readPgliteTemplate();
    const database = await openDatabase({ kind: 'pglite', dataDir: undefined, ...(template ? { template } : {}) });
    return { ...database, label: 'pglite', connectAgain: async () => ({ ...database, close: async () => undefined }) };
  }

  const name = `sz_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString() });
  return {
    ...database,
    label: 'postgres',
    connectAgain: () => openDatabase({ kind: 'postgres', url: url.toString() }),
    async close() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
