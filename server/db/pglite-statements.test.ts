import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withNamedStatements } from './pglite-statements';

describe('named statements on the embedded database (issue 17)', () => {
  let raw: PGlite;
  let client: PGlite;

  beforeAll(async () => {
    raw = await PGlite.create();
    client = withNamedStatements(raw);
    await raw.exec(`
      create table people (id int primary key, name text not null, born timestamptz, tags text[] not null default '{}', extra jsonb);
      insert into people values (1, 'Erika', '1960-05-01T10:00:00Z', '{a,b}', '{"x": 1}'), (2, 'Max', null, '{}', null);
    `);
  });

  afterAll(async () => {
    await raw.close();
  });

  const preparedCount = async () => Number((await raw.query<{ n: number }>('select count(*)::int as n from pg_prepared_statements')).rows[0]?.n);

  it('answers exactly as PGlite does, in both row modes, and prepares each text once', async () => {
    const text = 'select id, name, born, tags, extra from people where id = any($1::int[]) and born is distinct from $2 order by id';
    for (const rowMode of ['object', 'array'] as const) {
      const params = [[1, 2], new Date('2000-01-01T00:00:00Z')];
      expect(await client.query(text, params, { rowMode })).toEqual(await raw.query(text, params, { rowMode }));
    }
    const before = await preparedCount();
    await client.query(text, [[1], null]);
    expect(await preparedCount()).toBe(before);
    // A parser override of the caller (drizzle keeps timestamps as text) applies as it does in PGlite.
    const asText = { parsers: { 1184: (value: string) => value } };
    expect((await client.query<{ born: unknown }>('select born from people where id = $1', [1], asText)).rows[0]?.born).toBe(
      (await raw.query<{ born: unknown }>('select born from people where id = $1', [1], asText)).rows[0]?.born,
    );
  });

  it('reports a database error with its code, and the statement works afterwards', async () => {
    const insert = 'insert into people (id, name) values ($1, $2)';
    await client.query(insert, [3, 'Anna']);
    await expect(client.query(insert, [3, 'Anna again'])).rejects.toMatchObject({ code: '23505' });
    await client.query(insert, [4, 'Ben']);
    expect((await client.query<{ name: string }>('select name from people where id = $1', [4])).rows).toEqual([{ name: 'Ben' }]);
    await expect(client.query('select nothing from nowhere where id = $1', [1])).rejects.toMatchObject({ code: '42P01' });
  });

  it('keeps a transaction whole: its statements roll back, and others wait for it', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const insertedOnce = new Promise<void>((resolve) => (inserted = resolve));
    const transaction = client
      .transaction(async (tx) => {
        await tx.query('insert into people (id, name) values ($1, $2)', [10, 'Uncommitted']);
        inserted();
        await held;
        await tx.rollback();
      })
      .catch((error: unknown) => error);
    await insertedOnce;
    // Outside the transaction: must not see its row, so it waits until the transaction has ended.
    const outside = client.query<{ n: number }>('select count(*)::int as n from people where id = $1', [10]);
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
});
