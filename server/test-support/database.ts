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
 * A database of its own on the PostgreSQL server at `serverUrl`, named `<prefix>_<random>`: its URL,
 * and `drop`, which removes it even while connections to it are open. Tests and benches use these.
 */
export async function throwAwayPostgres(serverUrl: string, prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

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

  const { url, drop } = await throwAwayPostgres(serverUrl, 'sz_test');
  const database = await openDatabase({ kind: 'postgres', url });
  return {
    ...database,
    label: 'postgres',
    connectAgain: () => openDatabase({ kind: 'postgres', url }),
    async close() {
      await database.close();
      await drop();
    },
  };
}
