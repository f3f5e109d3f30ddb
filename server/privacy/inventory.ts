import { getTableColumns, getTableName } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import * as schema from '../db/schema';
import type { RuleName } from '../retention/policy';
import { appointmentInventory } from './inventory-appointments';
import { billingInventory } from './inventory-billing';
import { column, id, times } from './inventory-columns';
import { operatorInventory } from './inventory-operators';
import { signInInventory } from './inventory-sign-in';
import type { Category, Field, LegalBasis, Purpose, Recipient, Subject } from './vocabulary';

/**
 * The data inventory: every table and every column the system stores, with why, on what legal
 * basis, for how long and who else receives it. The privacy policy, the cookie list and the
 * Art. 30 record are rendered from it, and inventory.db.test.ts compares it with the live schema.
 *
 * The types make an undeclared column impossible: each table's `columns` is a mapped type over the
 * drizzle table's own columns (a missing one does not compile, an unknown one is an excess property),
 * and the registry is a mapped type over every table exported by server/db/schema.ts.
 */

export interface Processing {
  purpose: Purpose;
  subjects: readonly Subject[];
  legalBases: readonly LegalBasis[];
  /** Rules in server/retention/policy.ts; the first is the usual one, others cover special cases. */
  retention: readonly RuleName[];
  recipients: readonly Recipient[];
}

/** A column inherits its table's processing; it states what it holds and where it differs. */
export interface ColumnDeclaration extends Partial<Processing> {
  category: Category;
  field: Field;
}

interface TableDeclaration<T extends PgTable> extends Processing {
  /** The table is used only where this recipient is configured (billing: `payment`); elsewhere it stays empty and unpublished. */
  onlyWith?: Recipient;
  columns: { [K in keyof T['_']['columns']]: ColumnDeclaration };
}

type SchemaTables = {
  [K in keyof typeof schema as (typeof schema)[K] extends PgTable ? K : never]: (typeof schema)[K];
};
export type TableInventory = { [K in keyof SchemaTables]: TableDeclaration<SchemaTables[K]> };

const postalAddress = () => column('contact', 'postalAddress');
const accountsAndContract: RuleName[] = ['accountData', 'unconfirmedRegistrations'];

export const tableInventory = {
  organizations: {
    purpose: 'organisationAccount',
    subjects: ['customer'],
    legalBases: ['art6_1b'],
    retention: accountsAndContract,
    recipients: [],
    columns: {
      id: id(),
      status: column('technical', 'accountState'),
      name: column('contract', 'organisationName'),
      email: column('contact', 'email', { recipients: ['smtp'] }),
      /** Keyed hash (blind index) of the address, so it can be found while stored encrypted (P-21). */
      emailIndex: column('contact', 'email'),
      street: postalAddress(),
      houseNumber: postalAddress(),
      postalCode: postalAddress(),
      city: postalAddress(),
      country: postalAddress(),
      phone: column('contact', 'phone'),
      createdAt: times(),
      updatedAt: times(),
      secondFactorRequiredAt: column('technical', 'accountState'),
      timeZone: column('technical', 'timeZone', { purpose: 'appointments' }),
    },
  },
  accounts: {
    purpose: 'customerAccount',
    subjects: ['customer', 'member', 'staff'],
    legalBases: ['art6_1b'],
    retention: accountsAndContract,
    recipients: [],
    columns: {
      id: id(),
      kind: column('contract', 'accountState'),
      status: column('technical', 'accountState'),
      organizationId: column('technical', 'identifier', { purpose: 'organisationAccount' }),
      organizationRole: column('contract', 'role', { purpose: 'organisationAccount' }),
      firstName: column('identity', 'name'),
      lastName: column('identity', 'name'),
      dateOfBirth: column('identity', 'dateOfBirth', { subjects: ['customer'] }),
      email: column('contact', 'email', { recipients: ['smtp'] }),
      /** Keyed hash (blind index) of the address, so it can be found while stored encrypted (P-21). */
      emailIndex: column('contact', 'email'),
      street: postalAddress(),
      houseNumber: postalAddress(),
      postalCode: postalAddress(),
      city: postalAddress(),
      country: postalAddress(),
      phone: column('contact', 'phone'),
      passwordHash: column('credentials', 'passwordHash', { purpose: 'login' }),
      locale: column('technical', 'language'),
      emailConfirmedAt: times(),
      passwordChangedAt: column('technical', 'timestamps', { purpose: 'login' }),
      // Restriction of processing (Art. 18) is a duty towards the person: Art. 6(1)(c).
      restrictedAt: column('technical', 'accountState', { legalBases: ['art6_1c'] }),
      // Only for professionals of an organisation: whether colleague calls may ring them (Anlage 31b).
      doNotDisturbSince: column('technical', 'availability', { subjects: ['member'], purpose: 'organisationAccount' }),
      timeZone: column('technical', 'timeZone', { purpose: 'appointments' }),
      createdAt: times(),
      updatedAt: times(),
    },
  },
  consents: {
    purpose: 'consentProof',
    subjects: ['customer', 'member', 'staff'],
    legalBases: ['art6_1c'],
    retention: ['accountData'],
    recipients: [],
    columns: {
      id: id(),
      accountId: id(),
      document: column('consent', 'consentRecord'),
      version: column('consent', 'consentRecord'),
      acceptedAt: column('consent', 'consentRecord'),
    },
  },
  emailTokens: {
    purpose: 'emailLinks',
    subjects: ['customer', 'member', 'staff'],
    legalBases: ['art6_1b'],
    retention: ['emailLinks'],
    recipients: [],
    columns: {
      id: id(),
      accountId: id(),
      purpose: column('technical', 'linkPurpose'),
      tokenHash: column('credentials', 'tokenHash'),
      newEmail: column('contact', 'email', { recipients: ['smtp'] }),
      expiresAt: times(),
      usedAt: times(),
      createdAt: times(),
    },
  },
  ...signInInventory,
  sessions: {
    purpose: 'login',
    subjects: ['customer', 'member', 'staff'],
    legalBases: ['art6_1b'],
    retention: ['loginSessions'],
    recipients: [],
    columns: {
      idHash: column('credentials', 'tokenHash'),
      accountId: id(),
      createdAt: times(),
      lastSeenAt: times(),
      expiresAt: times(),
      browser: column('technical', 'deviceDescription'),
      os: column('technical', 'deviceDescription'),
      passkeyCheckedAt: times(),
    },
  },
  consultations: {
    purpose: 'activityDocumentation',
    subjects: ['customer', 'member'],
    legalBases: ['art6_1b'],
    retention: ['callMetadata'],
    recipients: [],
    columns: {
      id: id(),
      hostAccountId: id(),
      status: column('technical', 'participantState', { purpose: 'consultation' }),
      callMode: column('technical', 'callMode', { purpose: 'consultation' }),
      validFrom: column('consultationMetadata', 'consultationTimes', { purpose: 'consultation' }),
      validUntil: column('consultationMetadata', 'consultationTimes', { purpose: 'consultation' }),
      createdAt: column('consultationMetadata', 'consultationTimes'),
      startedAt: column('consultationMetadata', 'consultationTimes'),
      endedAt: column('consultationMetadata', 'consultationTimes'),
      participantNames: column('consultationMetadata', 'participantNames', {
        subjects: ['guest', 'customer', 'member'],
        legalBases: ['art6_1b', 'art9_2a'],
      }),
      invitationChannels: column('consultationMetadata', 'invitationChannels'),
    },
  },
  invitations: {
    purpose: 'consultation',
    subjects: ['guest'],
    legalBases: ['art6_1b', 'art6_1f'],
    retention: ['guestData', 'abandonedConsultation'],
    recipients: [],
    columns: {
      id: id(),
      consultationId: id(),
      tokenHash: column('credentials', 'tokenHash'),
      guestName: column('identity', 'name'),
      guestEmail: column('contact', 'email', { recipients: ['smtp'] }),
      guestPhone: column('contact', 'phone', { recipients: ['sms'] }),
      status: column('technical', 'deliveryState'),
      emailDelivery: column('technical', 'deliveryState'),
      smsDelivery: column('technical', 'deliveryState'),
      deliveryError: column('technical', 'deliveryState'),
      lastSentAt: times(),
      createdAt: times(),
    },
  },
  participants: {
    purpose: 'consultation',
    subjects: ['guest', 'customer', 'member'],
    legalBases: ['art6_1b', 'art9_2a'],
    retention: ['guestData', 'abandonedConsultation'],
    recipients: [],
    columns: {
      id: id(),
      consultationId: id(),
      role: column('technical', 'participantState'),
      accountId: id(),
      invitationId: id(),
      sessionHash: column('credentials', 'tokenHash', { subjects: ['guest'] }),
      displayName: column('identity', 'name'),
      resumeHash: column('credentials', 'tokenHash'),
      consentedAt: column('consent', 'consentTime', { subjects: ['guest'], legalBases: ['art6_1c', 'art9_2a'] }),
      status: column('technical', 'participantState'),
      admittedAt: column('consultationMetadata', 'consultationTimes'),
      createdAt: times(),
    },
  },
  contacts: {
    purpose: 'contacts',
    subjects: ['contact'],
    legalBases: ['art6_1b', 'art6_1f'],
    retention: ['savedContacts'],
    recipients: [],
    columns: {
      id: id(),
      ownerAccountId: column('technical', 'identifier', { subjects: ['customer', 'member'] }),
      name: column('identity', 'name'),
      email: column('contact', 'email'),
      phone: column('contact', 'phone'),
      createdAt: times(),
      updatedAt: times(),
    },
  },
  deletionReceipts: {
    purpose: 'retentionProof',
    // A receipt says which rule deleted how many rows when; it names nobody (server/retention/receipts.ts).
    subjects: [],
    legalBases: ['art6_1c'],
    retention: ['deletionReceipts'],
    recipients: [],
    columns: {
      seq: column('technical', 'receipt'),
      job: column('technical', 'receipt'),
      rule: column('technical', 'receipt'),
      period: column('technical', 'receipt'),
      cutoff: column('technical', 'receipt'),
      rowsDeleted: column('technical', 'receipt'),
      outcome: column('technical', 'receipt'),
      startedAt: column('technical', 'receipt'),
      finishedAt: column('technical', 'receipt'),
      chainStart: column('technical', 'receipt'),
      previousHash: column('technical', 'receipt'),
      hash: column('technical', 'receipt'),
    },
  },
  ...operatorInventory,
  ...appointmentInventory,
  ...billingInventory,
} satisfies TableInventory;

/** One stored column with everything resolved: what the renderers and the schema test read. */
export interface StoredColumn extends Processing {
  table: string;
  column: string;
  category: Category;
  field: Field;
  /** As the table's `onlyWith`: published only where this recipient is configured. */
  onlyWith?: Recipient;
}

/**
 * Every stored row lives on the hosting provider's machines and in the backups: each column goes to
 * both, where the operator names them (PROCESSOR_HOSTING, PROCESSOR_BACKUP; `self` names none).
 */
const storageRecipients: readonly Recipient[] = ['hosting', 'backup'];

/** The registry as SQL table and column names, with each column's processing resolved. */
export function storedColumns(inventory: TableInventory = tableInventory): StoredColumn[] {
  const rows: StoredColumn[] = [];
  for (const key of Object.keys(inventory) as (keyof TableInventory)[]) {
    const table = schema[key] as PgTable;
    const declaration = inventory[key] as TableDeclaration<PgTable> & { columns: Record<string, ColumnDeclaration> };
    const columns = getTableColumns(table);
    const { purpose, subjects, legalBases, retention, recipients, onlyWith } = declaration;
    for (const [property, declared] of Object.entries(declaration.columns)) {
      rows.push({
        purpose,
        subjects,
        legalBases,
        retention,
        ...declared,
        recipients: [...storageRecipients, ...(declared.recipients ?? recipients)],
        table: getTableName(table),
        // A declaration whose column is gone from schema.ts keeps its property name, so the schema test names it.
        column: columns[property]?.name ?? property,
        ...(onlyWith ? { onlyWith } : {}),
      });
    }
  }
  return rows;
}
