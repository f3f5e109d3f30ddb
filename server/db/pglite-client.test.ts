import { setImmediate as nextTurn } from 'node:timers/promises';
import { PGlite, types, type QueryOptions } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drizzleClient } from './pglite-client';

const SCHEMA = `
  create table people (id int primary key, name text not null, born timestamptz, tags text[] not null default '{}', extra jsonb);
  insert into people values (1, 'Erika', '1960-05-01T10:00:00Z', '{a,b}', '{"x": 1}'), (2, 'Max', null, '{}', null);
`;

const asText = (value: string) => value;
/** What drizzle-orm/pglite passes with every query: dates, times and intervals as text. */
const DRIZZLE_PARSERS: QueryOptions['parsers'] = Object.fromEntries(
  [types.TIMESTAMP, types.TIMESTAMPTZ, types.INTERVAL, types.DATE, 1231, 1115, 1185, 1187, 1182].map((type) => [type, asText]),
);

describe('the PGlite client drizzle uses (issue 17)', () => {
  /** The instance under the client, and one left as PGlite made it, holding the same rows. */
  let raw: PGlite;
  let reference: PGlite;
  let client: PGlite;

  beforeAll(async () => {
    [raw, reference] = await Promise.all([PGlite.create(), PGlite.create()]);
    client = drizzleClient(raw);
    await Promise.all([raw.exec(SCHEMA), reference.exec(SCHEMA)]);
    // Two clusters' initdb on a shared machine.
  }, 180_000);

  afterAll(async () => {
    await Promise.all([raw.close(), reference.close()]);
  });

  const preparedCount = async () => Number((await raw.query<{ n: number }>('select count(*)::int as n from pg_prepared_statements')).rows[0]?.n);

  it('answers exactly as PGlite does, in both row modes and with parser overrides, and prepares each text once', async () => {
    const text = 'select id, name, born, tags, extra from people where id = any($1::int[]) and born is distinct from $2 order by id';
    const params = [[1, 2], new Date('2000-01-01T00:00:00Z')];
    for (const rowMode of ['object', 'array'] as const) {
      // drizzle's own set (left out per query, set on the client), another override, and none beyond the client's.
      for (const parsers of [DRIZZLE_PARSERS, { [types.TIMESTAMPTZ]: (value: string) => `at ${value}` }]) {
        expect(await client.query(text, params, { rowMode, parsers })).toEqual(await reference.query(text, params, { rowMode, parsers }));
      }
      expect(await client.query(text, params, { rowMode })).toEqual(await reference.query(text, params, { rowMode, parsers: DRIZZLE_PARSERS }));
    }
    const before = await preparedCount();
    await client.query(text, [[1], null]);
    expect(await preparedCount()).toBe(before);
    // Texts without parameters take PGlite's own path, with the same parsers.
    const plain = 'select born, tags from people order by id';
    expect(await client.query(plain, [], { parsers: DRIZZLE_PARSERS })).toEqual(await reference.query(plain, [], { parsers: DRIZZLE_PARSERS }));
  });

  it('reports a database error with its code, and the statement works afterwards', async () => {
    const insert = 'insert into people (id, name) values ($1, $2)';
    await client.query(insert, [3, 'Anna']);
    await expect(client.query(insert, [3, 'Anna again'])).rejects.toMatchObject({ code: '23505' });
    await client.query(insert, [4, 'Ben']);
    expect((await client.query<{ name: string }>('select name from people where id = $1', [4])).rows).toEqual([{ name: 'Ben' }]);
    await expect(client.query('select nothing from nowhere where id = $1', [1])).rejects.toMatchObject({ code: '42P01' });
    await expect(client.transaction((tx) => tx.query(insert, [3, 'Anna in a transaction']))).rejects.toMatchObject({ code: '23505' });
    expect((await client.transaction((tx) => tx.query<{ name: string }>('select name from people where id = $1', [3]))).rows).toEqual([{ name: 'Anna' }]);
  });

  it('keeps a transaction whole: its statements roll back, and others wait for it', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const insertedOnce = new Promise<void>((resolve) => (inserted = resolve));
    const transaction = client.transaction(async (tx) => {
      await tx.query('insert into people (id, name) values ($1, $2)', [10, 'Uncommitted']);
      inserted();
      await held;
      await tx.rollback();
    });
    await insertedOnce;
    // Outside the transaction: must not see its row, so it waits until the transaction has ended.
    let answered = false;
    const outside = client.query<{ n: number }>('select count(*)::int as n from people where id = $1', [10]).finally(() => (answered = true));
    // Turns enough for a statement that did not wait to be answered.
    for (let turn = 0; turn < 20; turn += 1) await nextTurn();
    expect(answered).toBe(false);
    release();
    await transaction;
    expect((await outside).rows[0]?.n).toBe(0);
  });

  it('closes the least recently used beyond its limit', async () => {
    for (let length = 1; length <= 300; length += 1) {
      const list = Array.from({ length }, (_, index) => `$${index + 1}`).join(', ');
      const ids = Array.from({ length }, (_, index) => index + 1);
      const { rows } = await client.query<{ n: number }>(`select count(*)::int as n from people where id in (${list})`, ids);
      expect(rows[0]?.n).toBeGreaterThan(0);
    }
    expect(await preparedCount()).toBeLessThanOrEqual(256);
  });

  it('prepares again when a table changed under a statement', async () => {
    const text = 'select * from people where id = $1';
    expect(Object.keys((await client.query<object>(text, [1])).rows[0] ?? {})).not.toContain('nickname');
    await raw.exec('alter table people add column nickname text');
    expect(Object.keys((await client.query<object>(text, [1])).rows[0] ?? {})).toContain('nickname');
  });

  it('lets the event loop take a turn after every statement, in a transaction too', async () => {
    // A socket read waiting meanwhile (here: a callback queued for the next turn) runs between two statements.
    const order: string[] = [];
    const statements = async (run: (text: string, params: unknown[]) => Promise<unknown>) => {
      setImmediate(() => order.push('waiting'));
      await run('select name from people where id = $1', [1]);
      order.push('first');
      await run('select 1', []);
      order.push('second');
    };
    await statements((text, params) => client.query(text, params));
    await client.transaction((tx) => statements((text, params) => tx.query(text, params)));
    expect(order).toEqual(['waiting', 'first', 'second', 'waiting', 'first', 'second']);
  });
});
