import { getTableName } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import {
  accounts,
  appointments,
  consultations,
  contactReplies,
  contactRequests,
  contacts,
  emailTokens,
  invitations,
  operators,
  operatorTotpFactors,
  organizations,
  participants,
  passkeys,
  totpFactors,
} from '../db/schema';
import type { FieldCipher } from './field-crypto';

/**
 * Every personal field stored encrypted (P-21), by table. Stores seal what they write and open what
 * they read through `Sealer`; `npm run keys:rotate` and the start-up sealing walk this list; the
 * proof test (no-plaintext.db.test.ts) checks the database holds no marker in any column.
 *
 * `fields` hold one text each, `lists` a text[] whose elements are sealed one by one, and
 * `emailIndex` names the field whose blind index goes into the `email_index` column.
 */
interface SealedTable<T extends PgTable> {
  table: T;
  fields: readonly (keyof T['$inferSelect'] & string)[];
  lists?: readonly (keyof T['$inferSelect'] & string)[];
  emailIndex?: keyof T['$inferSelect'] & string;
}

function sealed<T extends PgTable>(spec: SealedTable<T>): SealedTable<T> {
  return spec;
}

export const sealedTables = {
  accounts: sealed({
    table: accounts,
    fields: ['firstName', 'lastName', 'dateOfBirth', 'email', 'street', 'houseNumber', 'postalCode', 'city', 'country', 'phone'],
    emailIndex: 'email',
  }),
  organizations: sealed({
    table: organizations,
    fields: ['name', 'email', 'street', 'houseNumber', 'postalCode', 'city', 'country', 'phone'],
    emailIndex: 'email',
  }),
  emailTokens: sealed({ table: emailTokens, fields: ['newEmail'] }),
  consultations: sealed({ table: consultations, fields: [], lists: ['participantNames'] }),
  // A provider's refusal may quote the phone number it refused.
  invitations: sealed({ table: invitations, fields: ['guestName', 'guestEmail', 'guestPhone', 'deliveryError'] }),
  participants: sealed({ table: participants, fields: ['displayName'] }),
  contacts: sealed({ table: contacts, fields: ['name', 'email', 'phone'] }),
  operators: sealed({ table: operators, fields: ['name', 'email'], emailIndex: 'email' }),
  contactRequests: sealed({ table: contactRequests, fields: ['name', 'email', 'subject', 'message'] }),
  contactReplies: sealed({ table: contactReplies, fields: ['operatorName', 'text'] }),
  totpFactors: sealed({ table: totpFactors, fields: ['secret'] }),
  operatorTotpFactors: sealed({ table: operatorTotpFactors, fields: ['secret'] }),
  appointments: sealed({ table: appointments, fields: ['professionalName', 'patientName', 'patientEmail', 'patientPhone', 'joinToken'] }),
  passkeys: sealed({ table: passkeys, fields: ['name'] }),
};

export type SealedTableName = keyof typeof sealedTables;

/** The SQL name of a field's column, e.g. `last_name`. */
function columnName(name: SealedTableName, field: string): string {
  const column = (sealedTables[name].table as unknown as Record<string, { name: string }>)[field];
  if (!column) throw new Error(`${name} has no field ${field}`);
  return column.name;
}

/** What is authenticated with each value: `table.column`, so a value moved elsewhere does not open. */
export function contextOf(name: SealedTableName, field: string): string {
  return `${getTableName(sealedTables[name].table)}.${columnName(name, field)}`;
}

/**
 * Seals and opens rows of the tables above. Only fields present in the object are touched, so a
 * partial update stays partial; null stays null.
 */
export class Sealer {
  constructor(readonly cipher: FieldCipher) {}

  seal<T extends object>(name: SealedTableName, values: T): T {
    const spec = sealedTables[name];
    const out = { ...values } as Record<string, unknown>;
    for (const field of spec.fields) {
      const value = out[field];
      if (typeof value === 'string') out[field] = this.cipher.encrypt(value, contextOf(name, field));
    }
    for (const field of spec.lists ?? []) {
      const value = out[field];
      if (Array.isArray(value)) out[field] = value.map((entry: string) => this.cipher.encrypt(entry, contextOf(name, field)));
    }
    if (spec.emailIndex) {
      const email = (values as Record<string, unknown>)[spec.emailIndex];
      if (typeof email === 'string') out.emailIndex = this.cipher.emailIndex(email);
    }
    return out as T;
  }

  open<T extends object>(name: SealedTableName, row: T): T {
    const spec = sealedTables[name];
    const out = { ...row } as Record<string, unknown>;
    for (const field of spec.fields) {
      const value = out[field];
      if (typeof value === 'string') out[field] = this.cipher.decrypt(value, contextOf(name, field));
    }
    for (const field of spec.lists ?? []) {
      const value = out[field];
      if (Array.isArray(value)) out[field] = value.map((entry: string) => this.cipher.decrypt(entry, contextOf(name, field)));
    }
    return out as T;
  }

  openAll<T extends object>(name: SealedTableName, rows: T[]): T[] {
    return rows.map((row) => this.open(name, row));
  }

  /** What a look-up by e-mail address searches in `email_index` (every configured key's index). */
  emailIndexes(email: string): string[] {
    return this.cipher.emailIndexes(email);
  }
}
