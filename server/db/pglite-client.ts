import { setImmediate as nextTurn } from 'node:timers/promises';
import { parse, protocol, types, type PGlite, type QueryOptions, type Results, type Transaction } from '@electric-sql/pglite';

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
 * Named prepared statements. PGlite's `query` parses, describes and plans every statement anew on
 * each call (an unnamed statement), and drizzle's `.prepare(name)` does not change that on PGlite.
 * Issue 17 timed the session read at ~1.3 ms that way and ~0.12 ms as a named statement; on PGlite
 * that planning was most of every request. Statements are bounded: the least recently used are
 * closed beyond `STATEMENT_LIMIT` (texts such as `in ($1, $2, …)` differ by list length).
 */
const STATEMENT_LIMIT = 256;
/** PostgreSQL's "cached plan must not change result type" after a table changed under a statement. */
const PLAN_CHANGED = '0A000';

type BackendMessage = Awaited<ReturnType<PGlite['execProtocol']>>['messages'][number];

interface Statement {
  name: string;
  /** The parameter types the server inferred, for serialising values as PGlite does. */
  paramTypes: number[];
  /**
   * The columns of its rows, as described once at parse time (none for a statement without rows).
   * Each execution reuses it instead of describing the portal again: decoding the column names was
   * the largest part of PGlite's JavaScript per read (issue 17). Text results, as bound below. The
   * columns change only with the schema, and a changed result type makes PostgreSQL refuse the
   * statement (0A000), which parses it again.
   */
  rowDescription: BackendMessage | undefined;
}

type QueryFn = <T>(text: string, params?: unknown[], options?: QueryOptions) => Promise<Results<T>>;

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Adds what PGlite's own `query` adds to a database error: the query, its parameters and options. */
function withQuery(error: unknown, text: string, params: unknown[], options: QueryOptions | undefined): unknown {
  if (error instanceof Error && 'code' in error) Object.assign(error, { query: text, params, queryOptions: options });
  return error;
}

class StatementCache {
  /** Insertion order is use order: a hit moves its text to the end, so the first key is the coldest. */
  private readonly statements = new Map<string, Statement>();
  private readonly names: () => string;

  constructor(private readonly client: PGlite) {
    let counter = 0;
    this.names = () => `sz_${(counter += 1).toString(36)}`;
  }

  private exec(message: Uint8Array) {
    return this.client.execProtocol(message, { syncToFs: false });
  }

  /** Inside the client's exclusive section: parses and describes `text` once. */
  private async statementFor(text: string): Promise<Statement> {
    const known = this.statements.get(text);
    if (known) {
      this.statements.delete(text);
      this.statements.set(text, known);
      return known;
    }
    const name = this.names();
    let described: Awaited<ReturnType<PGlite['execProtocol']>>['messages'];
    try {
      await this.exec(protocol.serialize.parse({ name, text, types: [] }));
      described = (await this.exec(protocol.serialize.describe({ type: 'S', name }))).messages;
    } finally {
      await this.exec(protocol.serialize.sync());
    }
    const statement = {
      name,
      paramTypes: parse.parseDescribeStatementResults(described),
      rowDescription: described.find((message) => message.name === 'rowDescription'),
    };
    this.statements.set(text, statement);
    await this.closeColdest();
    return statement;
  }

  private async closeColdest(): Promise<void> {
    while (this.statements.size > STATEMENT_LIMIT) {
      const [text, coldest] = this.statements.entries().next().value as [string, Statement];
      this.statements.delete(text);
      try {
        await this.exec(protocol.serialize.close({ type: 'S', name: coldest.name }));
      } finally {
        await this.exec(protocol.serialize.sync());
      }
    }
  }

  /** Binds and executes; the caller holds the client's exclusive section (and the transaction, if any). */
  async run<T>(text: string, params: unknown[], options: QueryOptions | undefined, inTransaction: boolean): Promise<Results<T>> {
    try {
      try {
        return await this.runOnce<T>(text, params, options, inTransaction);
      } catch (error) {
        // A migration changed a table under a statement: parse it again, once.
        if ((error as { code?: string }).code !== PLAN_CHANGED) throw error;
        this.statements.delete(text);
        return await this.runOnce<T>(text, params, options, inTransaction);
      }
    } catch (error) {
      throw withQuery(error, text, params, options);
    }
  }

  private async runOnce<T>(text: string, params: unknown[], options: QueryOptions | undefined, inTransaction: boolean): Promise<Results<T>> {
    const statement = await this.statementFor(text);
    const values = params.map((value, index) => {
      if (value === null || value === undefined) return null;
      const type = statement.paramTypes[index];
      const serializer = type === undefined ? undefined : (options?.serializers?.[type] ?? this.client.serializers[type]);
      return serializer ? serializer(value) : String(value);
    });
    // Bind, execute and sync in one message: PGlite runs it to the end before it answers, so after a
    // failed bind or execute the Sync has been read too and the connection is ready again (PGlite then
    // throws the first error, as its own query does).
    const { serialize } = protocol;
    const result = await this.exec(concat([serialize.bind({ statement: statement.name, values }), serialize.execute({}), serialize.sync()]));
    const messages = statement.rowDescription ? [statement.rowDescription, ...result.messages] : result.messages;
    if (!inTransaction) await this.client.syncToFs();
    const [results] = parse.parseResults(messages, this.client.parsers, options);
    if (!results) throw new Error('the embedded database answered a statement without a result');
    return results as Results<T>;
  }
}

/**
 * Whether `query` may take the named path: texts without parameters (DDL, `select 1`, CHECKPOINT)
 * and options this path does not mirror (blobs, explicit parameter types) take PGlite's own.
 */
function named(params: unknown[] | undefined, options: QueryOptions | undefined): params is unknown[] {
  return params !== undefined && params.length > 0 && options?.blob === undefined && options?.paramTypes === undefined;
}

/**
 * The embedded database as drizzle and the stores use it, on the main thread with everything else.
 *
 * A text with parameters is parsed once under a name of its own and afterwards only bound and
 * executed, in the same messages and under the same locks as PGlite's own `query`, and with PGlite's
 * own result parsing; everything else is PGlite's path unchanged.
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
  const cache = new StatementCache(client);
  const query: QueryFn = async (text, params, given) => {
    const options = withoutDrizzleParsers(given);
    try {
      if (!named(params, options)) return await client.query(text, params, options);
      // As PGlite's own query: wait for any transaction, then run alone.
      return await client._runExclusiveTransaction(() => client.runExclusive(() => cache.run(text, params, options, false)));
    } finally {
      await nextTurn();
    }
  };
  const transaction = <T>(callback: (tx: Transaction) => Promise<T>) =>
    client.transaction((tx) => {
      const txQuery: QueryFn = async (text, params, given) => {
        const options = withoutDrizzleParsers(given);
        try {
          if (!named(params, options)) return await tx.query(text, params, options);
          if (tx.closed) throw new Error('Transaction is closed');
          return await client.runExclusive(() => cache.run(text, params, options, true));
        } finally {
          await nextTurn();
        }
      };
      return callback(new Proxy(tx, { get: (target, key) => (key === 'query' ? txQuery : Reflect.get(target, key)) }));
    });
  // Everything else is PGlite's own, called on PGlite itself (its private fields need that receiver).
  return new Proxy(client, {
    get(target, key) {
      if (key === 'query') return query;
      if (key === 'transaction') return transaction;
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
