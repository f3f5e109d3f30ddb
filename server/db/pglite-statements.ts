import { parse, protocol, type PGlite, type QueryOptions, type Results, type Transaction } from '@electric-sql/pglite';

/**
 * Named prepared statements for the embedded database. PGlite's `query` parses, describes and plans
 * every statement anew on each call (an unnamed statement), and drizzle's `.prepare(name)` does not
 * change that on PGlite. Issue 17 timed the session read at ~1.3 ms that way and ~0.12 ms as a named
 * statement; on PGlite that planning was most of every request.
 *
 * So `query` with parameters parses a text once under a name of its own and afterwards only binds
 * and executes it, in the same messages and under the same locks as PGlite's own `query`, and with
 * PGlite's own result parsing. Texts without parameters (DDL, `select 1`, CHECKPOINT) and calls with
 * options this path does not mirror (blobs, explicit parameter types) take PGlite's path unchanged.
 * Statements are bounded: the least recently used are closed beyond `STATEMENT_LIMIT` (texts such as
 * `in ($1, $2, …)` differ by list length).
 */
const STATEMENT_LIMIT = 256;
/** PostgreSQL's "cached plan must not change result type" after a table changed under a statement. */
const PLAN_CHANGED = '0A000';

interface Statement {
  name: string;
  /** The parameter types the server inferred, for serialising values as PGlite does. */
  paramTypes: number[];
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
  private async statementFor(text: string, options: QueryOptions | undefined): Promise<Statement> {
    const known = this.statements.get(text);
    if (known) {
      this.statements.delete(text);
      this.statements.set(text, known);
      return known;
    }
    const name = this.names();
    let described: Awaited<ReturnType<PGlite['execProtocol']>>['messages'];
    try {
      await this.exec(protocol.serialize.parse({ name, text, types: options?.paramTypes ?? [] }));
      described = (await this.exec(protocol.serialize.describe({ type: 'S', name }))).messages;
    } finally {
      await this.exec(protocol.serialize.sync());
    }
    const statement = { name, paramTypes: parse.parseDescribeStatementResults(described) };
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

  private forget(text: string): void {
    this.statements.delete(text);
  }

  /** Binds and executes; the caller holds the client's exclusive section (and the transaction, if any). */
  async run<T>(text: string, params: unknown[], options: QueryOptions | undefined, inTransaction: boolean): Promise<Results<T>> {
    try {
      try {
        return await this.runOnce<T>(text, params, options, inTransaction);
      } catch (error) {
        // A migration changed a table under a statement: parse it again, once.
        if ((error as { code?: string }).code !== PLAN_CHANGED) throw error;
        this.forget(text);
        return await this.runOnce<T>(text, params, options, inTransaction);
      }
    } catch (error) {
      throw withQuery(error, text, params, options);
    }
  }

  private async runOnce<T>(text: string, params: unknown[], options: QueryOptions | undefined, inTransaction: boolean): Promise<Results<T>> {
    const statement = await this.statementFor(text, options);
    const values = params.map((value, index) => {
      if (value === null || value === undefined) return null;
      const type = statement.paramTypes[index];
      const serializer = type === undefined ? undefined : (options?.serializers?.[type] ?? this.client.serializers[type]);
      return serializer ? serializer(value) : String(value);
    });
    const messages: Awaited<ReturnType<PGlite['execProtocol']>>['messages'] = [];
    try {
      const { serialize } = protocol;
      const result = await this.exec(concat([serialize.bind({ statement: statement.name, values }), serialize.describe({ type: 'P' }), serialize.execute({})]));
      messages.push(...result.messages);
    } finally {
      messages.push(...(await this.exec(protocol.serialize.sync())).messages);
    }
    if (!inTransaction) await this.client.syncToFs();
    const [results] = parse.parseResults(messages, this.client.parsers, options);
    if (!results) throw new Error('the embedded database answered a statement without a result');
    return results as Results<T>;
  }
}

/** Whether `query` may take the named path for these arguments. */
function named(params: unknown[] | undefined, options: QueryOptions | undefined): params is unknown[] {
  return params !== undefined && params.length > 0 && options?.blob === undefined && options?.paramTypes === undefined;
}

/**
 * The client drizzle and the stores use: `query` (and a transaction's `query`) through named
 * statements, everything else the PGlite instance itself.
 */
export function withNamedStatements(client: PGlite): PGlite {
  const cache = new StatementCache(client);
  const original = client.query.bind(client) as QueryFn;
  const query: QueryFn = async (text, params, options) => {
    if (!named(params, options)) return original(text, params, options);
    // As PGlite's own query: wait for any transaction, then run alone.
    return client._runExclusiveTransaction(() => client.runExclusive(() => cache.run(text, params, options, false)));
  };
  const transaction = <T>(callback: (tx: Transaction) => Promise<T>) =>
    client.transaction((tx) => {
      const txQuery: QueryFn = async (text, params, options) => {
        if (!named(params, options)) return tx.query(text, params, options);
        if (tx.closed) throw new Error('Transaction is closed');
        return client.runExclusive(() => cache.run(text, params, options, true));
      };
      return callback(new Proxy(tx, { get: (target, key) => (key === 'query' ? txQuery : Reflect.get(target, key)) }));
    });
  return new Proxy(client, {
    get(target, key) {
      if (key === 'query') return query;
      if (key === 'transaction') return transaction;
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
