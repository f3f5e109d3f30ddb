import { setImmediate as nextTurn } from 'node:timers/promises';
import { types, type PGlite, type QueryOptions, type Transaction } from '@electric-sql/pglite';

/**
 * drizzle-orm/pglite passes these parsers with every query (dates, times and intervals stay text;
 * drizzle maps them itself). PGlite merges per-query parsers into its table of about 300 for every
 * result, which took about as long as the statement itself (issue 17: ≈ 0.4 ms of a ≈ 0.9 ms
 * read). They are set on the client once instead, and a query passing exactly this set leaves it out.
 */
const DRIZZLE_TEXT_TYPES = [
  types.TIMESTAMP,
  types.TIMESTAMPTZ,
  types.INTERVAL,
  types.DATE,
  1231, // numeric[]
  1115, // timestamp[]
  1185, // timestamptz[]
  1187, // interval[]
  1182, // date[]
].map(String);

function withoutDrizzleParsers(options: QueryOptions | undefined): QueryOptions | undefined {
  const parsers = options?.parsers;
  if (!parsers) return options;
  const keys = Object.keys(parsers);
  if (keys.length !== DRIZZLE_TEXT_TYPES.length || !DRIZZLE_TEXT_TYPES.every((key) => keys.includes(key))) return options;
  const { parsers: _dropped, ...rest } = options;
  return rest;
}

/**
 * The embedded database as drizzle uses it, on the main thread with everything else.
 *
 * PGlite runs PostgreSQL in WebAssembly, and each statement (parse, bind, execute, sync) is a chain
 * of already-settled promises: a request's statements, and the code between them, ran back to back
 * without giving I/O a turn. A correct login was one block of 10–30 ms, and a signaling ping arriving
 * meanwhile waited for all of it (issue 17, `npm run bench -- login-burst`). After each statement
 * the event loop now gets one turn (setImmediate: after the sockets that became readable are read),
 * so a ping waits for one statement at most. Inside a transaction the turn keeps PGlite's own lock,
 * so no other statement runs in between.
 */
export function drizzleClient(client: PGlite): PGlite {
  // After PGlite.create: its array types are set up by then and would otherwise replace these.
  for (const type of DRIZZLE_TEXT_TYPES) client.parsers[type] = (value: string) => value;
  const turnTaking =
    (query: PGlite['query']): PGlite['query'] =>
    async (text, params, options) => {
      try {
        return await query(text, params, withoutDrizzleParsers(options));
      } finally {
        await nextTurn();
      }
    };
  const query = turnTaking((...args) => client.query(...args));
  const transaction: PGlite['transaction'] = (callback) =>
    client.transaction((tx) => callback(Object.create(tx, { query: { value: turnTaking((...args) => tx.query(...args)) } }) as Transaction));
  // Everything else is PGlite's own, called on PGlite itself (its private fields need that receiver).
  return new Proxy(client, {
    get(target, property) {
      if (property === 'query') return query;
      if (property === 'transaction') return transaction;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
