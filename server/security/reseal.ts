import { and, asc, eq, gt, isNull, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/database';
import { queryRows } from '../db/database';
import { SEALED_PATTERN, type FieldCipher } from './field-crypto';
import { contextOf, sealedTables, type SealedTableName } from './sealed-columns';

/**
 * Re-seals stored personal fields in batches: values in plaintext (rows written before encryption
 * existed) and, for a rotation, values sealed under any key but the current one. Blind indexes are
 * recomputed with the values. Each batch is one transaction; a row is written only if none of its
 * sealed fields changed since it was read, so the server may keep running. Rows already under the
 * current key are never selected: a second run does nothing, an interrupted one resumes.
 */

type ResealScope =
  /** Only plaintext values: the start-up step for databases from before encryption. */
  | 'plaintext'
  /** Everything not sealed under the current key: `npm run keys:rotate`. */
  | 'rotate';

export interface ResealOptions {
  scope: ResealScope;
  batchSize?: number;
  onBatch?: (table: SealedTableName, rows: number) => void;
}

export type ResealCounts = Record<SealedTableName, { resealed: number; skipped: number }>;

const DEFAULT_BATCH_SIZE = 200;
/** Sealed values start with `v1.<keyId>.`: 12 characters. */
const PREFIX_LENGTH = 12;

interface Shape {
  table: PgTable;
  id: PgColumn;
  fields: [string, PgColumn][];
  lists: [string, PgColumn][];
  emailField: string | undefined;
}

function shapeOf(name: SealedTableName): Shape {
  const spec = sealedTables[name];
  const columns = spec.table as unknown as Record<string, PgColumn>;
  const pick = (fields: readonly string[] | undefined) => (fields ?? []).map((field): [string, PgColumn] => [field, columns[field]!]);
  return {
    table: spec.table,
    id: columns.id!,
    fields: pick(spec.fields),
    lists: pick('lists' in spec ? spec.lists : undefined),
    emailField: 'emailIndex' in spec ? spec.emailIndex : undefined,
  };
}

/** The SQL condition "this value needs re-sealing" for one text value (column or array element). */
function outdated(value: SQL, scope: ResealScope, currentPrefix: string): SQL {
  return scope === 'plaintext' ? sql`${value} !~ '^v1\\.[A-Za-z0-9_-]{8}\\.'` : sql`left(${value}, ${PREFIX_LENGTH}) is distinct from ${currentPrefix}`;
}

function needsWork(shape: Shape, scope: ResealScope, currentPrefix: string): SQL {
  const conditions = [
    ...shape.fields.map(([, column]) => sql`(${column} is not null and ${outdated(sql`${column}`, scope, currentPrefix)})`),
    ...shape.lists.map(([, column]) => sql`exists (select 1 from unnest(${column}) as element where ${outdated(sql.raw('element'), scope, currentPrefix)})`),
  ];
  return sql`(${sql.join(conditions, sql` or `)})`;
}

/** Every value of one column as rows of `value` (one per element for a list). */
function valuesOf(shape: Shape, field: string, column: PgColumn): SQL {
  const isList = shape.lists.some(([listField]) => listField === field);
  return isList ? sql`(select unnest(${column}) as value from ${shape.table}) as v` : sql`(select ${column} as value from ${shape.table}) as v`;
}

/** Opens a value sealed under any configured key; anything that is not a sealed value is plaintext. */
function plaintextOf(cipher: FieldCipher, value: string, context: string): string {
  return SEALED_PATTERN.test(value) ? cipher.decrypt(value, context) : value;
}

async function resealTable(db: Db, cipher: FieldCipher, name: SealedTableName, options: ResealOptions) {
  const shape = shapeOf(name);
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const currentPrefix = `v1.${cipher.currentKeyId}.`;
  const selection: Record<string, PgColumn> = { id: shape.id };
  for (const [field, column] of [...shape.fields, ...shape.lists]) selection[field] = column;
  const counts = { resealed: 0, skipped: 0 };
  let after: string | undefined;
  for (;;) {
    const rows = (await db
      .select(selection)
      .from(shape.table)
      .where(and(needsWork(shape, options.scope, currentPrefix), after ? gt(shape.id, after) : undefined))
      .orderBy(asc(shape.id))
      .limit(batchSize)) as Record<string, unknown>[];
    if (rows.length === 0) break;
    await db.transaction(async (tx) => {
      for (const row of rows) {
        const changes: Record<string, unknown> = {};
        const unchanged: SQL[] = [eq(shape.id, row.id)];
        for (const [field, column] of shape.fields) {
          const value = row[field] as string | null;
          unchanged.push(value === null ? isNull(column) : eq(column, value));
          if (value === null) continue;
          const plaintext = plaintextOf(cipher, value, contextOf(name, field));
          changes[field] = cipher.encrypt(plaintext, contextOf(name, field));
          if (field === shape.emailField) changes.emailIndex = cipher.emailIndex(plaintext);
        }
        for (const [field, column] of shape.lists) {
          const values = row[field] as string[];
          unchanged.push(eq(column, values));
          changes[field] = values.map((value) => cipher.encrypt(plaintextOf(cipher, value, contextOf(name, field)), contextOf(name, field)));
        }
        const written = await tx
          .update(shape.table)
          .set(changes)
          .where(and(...unchanged))
          .returning({ id: shape.id });
        // Changed meanwhile by the server, which sealed it under the current key itself.
        if (written.length === 0) counts.skipped += 1;
        else counts.resealed += 1;
      }
    });
    options.onBatch?.(name, rows.length);
    after = rows[rows.length - 1]!.id as string;
    if (rows.length < batchSize) break;
  }
  return counts;
}

export async function reseal(db: Db, cipher: FieldCipher, options: ResealOptions): Promise<ResealCounts> {
  const counts = {} as ResealCounts;
  const pending = new Set(await tablesNeedingWork(db, cipher, options.scope));
  for (const name of Object.keys(sealedTables) as SealedTableName[]) {
    counts[name] = pending.has(name) ? await resealTable(db, cipher, name, options) : { resealed: 0, skipped: 0 };
  }
  return counts;
}

/**
 * The tables with a row to re-seal, asked in one statement: every start asks (for plaintext), and
 * nearly always none has one, so the per-table batches run only where there is work. Fifteen
 * round trips at each start were most of the time it spent on encryption.
 */
async function tablesNeedingWork(db: Db, cipher: FieldCipher, scope: ResealScope): Promise<SealedTableName[]> {
  const currentPrefix = `v1.${cipher.currentKeyId}.`;
  const probes = (Object.keys(sealedTables) as SealedTableName[]).map((name) => {
    const shape = shapeOf(name);
    return sql`select ${name}::text as name where exists (select 1 from ${shape.table} where ${needsWork(shape, scope, currentPrefix)})`;
  });
  const rows = await queryRows<{ name: SealedTableName }>(db, sql.join(probes, sql` union all `));
  return rows.map((row) => row.name);
}

/**
 * How many values each key id seals, per table and column (`plaintext` for values not sealed):
 * after a rotation every count is under the current key, and the old keys may be removed.
 */
export async function census(db: Db): Promise<{ table: string; column: string; keyId: string; values: number }[]> {
  const result: { table: string; column: string; keyId: string; values: number }[] = [];
  for (const name of Object.keys(sealedTables) as SealedTableName[]) {
    const shape = shapeOf(name);
    for (const [field, column] of [...shape.fields, ...shape.lists]) {
      const source = valuesOf(shape, field, column);
      const rows = await queryRows<{ key_id: string; n: number | string }>(
        db,
        sql`select case when value ~ '^v1\\.[A-Za-z0-9_-]{8}\\.' then split_part(value, '.', 2) else 'plaintext' end as key_id, count(*) as n
            from ${source} where value is not null group by 1 order by 1`,
      );
      const [table, columnName] = contextOf(name, field).split('.') as [string, string];
      for (const row of rows) result.push({ table, column: columnName, keyId: row.key_id, values: Number(row.n) });
    }
  }
  return result;
}

/**
 * The first table and column holding a value sealed under a key that is not configured, if any: the
 * server must not start then (a lost key file, a key removed before its rotation finished).
 */
export async function valueUnderUnknownKey(db: Db, keyIds: readonly string[]): Promise<string | undefined> {
  // One statement for every column (each branch stops at its first hit, the whole at the first
  // row): a start asks this each time, and a round trip per column added up.
  const probes: SQL[] = [];
  for (const name of Object.keys(sealedTables) as SealedTableName[]) {
    const shape = shapeOf(name);
    for (const [field, column] of [...shape.fields, ...shape.lists]) {
      probes.push(
        sql`(select ${contextOf(name, field)}::text as context, split_part(value, '.', 2) as key_id from ${valuesOf(shape, field, column)}
            where value ~ '^v1\\.[A-Za-z0-9_-]{8}\\.' ${keyIds.length > 0 ? sql`and split_part(value, '.', 2) not in ${keyIds}` : sql``} limit 1)`,
      );
    }
  }
  const rows = await queryRows<{ context: string; key_id: string }>(db, sql`${sql.join(probes, sql` union all `)} limit 1`);
  return rows[0] ? `${rows[0].context} (key ${rows[0].key_id})` : undefined;
}
