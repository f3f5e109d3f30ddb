import { processorIds, type ExportDataset, type dataOrigins } from '../../common/api/privacy-rights';
import { retentionRules, type RuleName } from '../retention/policy';
import { storedColumns, tableInventory, type TableInventory } from '../privacy/inventory';
import type { Recipient } from '../privacy/vocabulary';

/**
 * Why and how each part of the export is processed (Art. 15(1)(a, c, d, g)), read from the data
 * inventory: the table's purpose, and the legal bases, retention rules and recipients of all its
 * columns (a column may add to its table's, e.g. the e-mail address goes to the mail service).
 * Only the origin is the export's own: the inventory says what is stored, not who entered it.
 */
export interface DatasetProcessing {
  purpose: string;
  legalBases: string[];
  retention: RuleName[];
  recipients: (typeof processorIds)[number][];
  origin: (typeof dataOrigins)[number];
}

const sources: Record<ExportDataset, { table: keyof TableInventory; origin: DatasetProcessing['origin'] }> = {
  account: { table: 'accounts', origin: 'providedByYou' },
  organization: { table: 'organizations', origin: 'providedByOrganization' },
  consents: { table: 'consents', origin: 'providedByYou' },
  sessions: { table: 'sessions', origin: 'recordedByUse' },
  passkeys: { table: 'passkeys', origin: 'providedByYou' },
  consultations: { table: 'consultations', origin: 'recordedByUse' },
  invitations: { table: 'invitations', origin: 'providedByYouAboutOthers' },
  contacts: { table: 'contacts', origin: 'providedByYouAboutOthers' },
  emailLinks: { table: 'emailTokens', origin: 'recordedByUse' },
  // Patients enter their own names when booking; the record arises from the practice's work.
  appointments: { table: 'appointments', origin: 'recordedByUse' },
  bookingRules: { table: 'availabilityRanges', origin: 'providedByYou' },
  // Issue 11: the state and the invoices come from the payment provider, after the person subscribed there.
  billing: { table: 'billingCustomers', origin: 'recordedByUse' },
  invoices: { table: 'billingInvoices', origin: 'recordedByUse' },
};

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];
/** Stored data goes only to these; analytics receives what the browser sends it, never a stored row. */
const isProcessor = (recipient: Recipient): recipient is DatasetProcessing['recipients'][number] => (processorIds as readonly string[]).includes(recipient);

export function datasetProcessing(dataset: ExportDataset, inventory: TableInventory = tableInventory): DatasetProcessing {
  const { table, origin } = sources[dataset];
  const columns = storedColumns({ [table]: inventory[table] } as TableInventory);
  return {
    purpose: inventory[table].purpose,
    legalBases: unique(columns.flatMap((column) => column.legalBases)),
    retention: unique(columns.flatMap((column) => column.retention)),
    recipients: unique(columns.flatMap((column) => column.recipients)).filter(isProcessor),
    origin,
  };
}

export function retentionOf(rules: readonly RuleName[]): { rule: string; description: string }[] {
  return rules.map((rule) => ({ rule, description: retentionRules[rule].description }));
}
