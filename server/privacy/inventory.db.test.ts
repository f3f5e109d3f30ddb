import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { openTestDatabase } from '../test-support/database';
import { storedColumns } from './inventory';

/**
 * The data inventory against the LIVE schema of the migrated database (PGlite here, PostgreSQL in
 * CI): every stored column must be declared, and every declaration must name a real column. The
 * migrations are what production runs, so a column added by a migration but not in schema.ts (or
 * the other way round) is caught here and not only by the type checker.
 */
describe('data inventory covers the live schema', () => {
  let database: Database & { label: string };
  let live: { table: string; column: string }[];

  beforeAll(async () => {
    database = await openTestDatabase();
    // Both drivers answer raw SQL with `{ rows }`; the common Db type does not say so.
    const result = (await database.db.execute(sql`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' order by table_name, ordinal_position`)) as unknown as {
      rows: { table_name: string; column_name: string }[];
    };
    live = result.rows.map((row) => ({
      table: row.table_name,
      column: row.column_name,
    }));
  });
  afterAll(async () => database?.close());

  const key = (entry: { table: string; column: string }) => `${entry.table}.${entry.column}`;

  it('reads a schema with the tables the product stores', () => {
    expect(new Set(live.map((entry) => entry.table))).toContain('accounts');
    expect(live.length).toBeGreaterThan(50);
  });

  it('declares every column of every table', () => {
    const declared = new Set(storedColumns().map(key));
    expect(
      live.map(key).filter((column) => !declared.has(column)),
      'columns stored but not declared in server/privacy/inventory.ts',
    ).toEqual([]);
  });

  it('declares no column or table that does not exist', () => {
    const existing = new Set(live.map(key));
    expect(
      storedColumns()
        .map(key)
        .filter((column) => !existing.has(column)),
      'declared but not in the database',
    ).toEqual([]);
  });

  it('gives every declared column a purpose, legal basis and retention rule', () => {
    const incomplete = storedColumns().filter((column) => column.legalBases.length === 0 || column.retention.length === 0);
    expect(incomplete.map(key)).toEqual([]);
  });
});
