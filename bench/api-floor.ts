import Fastify from 'fastify';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { drizzleClient } from '../server/db/pglite-client';

/**
 * The floor of a database-backed route under `npm run bench -- api`: a bare Fastify route that makes
 * one prepared round trip to the database (a row by key, nothing decrypted, no hooks) and answers
 * small JSON. The app's authenticated routes need at least this per request, so their ratio to it
 * says how much the app adds; the hello route's ratio says what the database itself costs.
 * PostgreSQL when FLOOR_DATABASE_URL is set (a pool as large as the app's), PGlite in-process otherwise,
 * through the same client as the app (server/db/pglite-client.ts: named statements, a turn after each).
 */
const url = process.env.FLOOR_DATABASE_URL;
type Lookup = (key: string) => Promise<unknown>;

async function lookup(): Promise<{ find: Lookup; close: () => Promise<void> }> {
  const text = 'select $1::text as id, 42 as answer';
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    return {
      find: async (key) => (await pool.query({ name: 'floor_find', text, values: [key] })).rows[0],
      close: () => pool.end(),
    };
  }
  const raw = await PGlite.create();
  const db = drizzleClient(raw);
  return { find: async (key) => (await db.query(text, [key])).rows[0], close: () => raw.close() };
}

const { find, close } = await lookup();
const app = Fastify();
app.get('/floor', async (request) => ({ row: await find(String(request.headers.cookie ?? 'none').slice(0, 32)) }));
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
process.on('SIGTERM', () => {
  void app
    .close()
    .then(close)
    .then(() => process.exit(0));
});
process.on('message', () => {
  const usage = process.cpuUsage();
  process.send?.(usage.user + usage.system);
});
