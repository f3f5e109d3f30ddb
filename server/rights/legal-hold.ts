import { appointmentRecordsHold } from '../appointments/legal-hold';
import { invoiceReferencesHold } from '../billing/legal-hold';
import type { Db } from '../db/database';

/** Whose data an erasure removes: accounts, and the organisation when it goes as a whole. */
export interface ErasureSubject {
  accountIds: string[];
  organizationId: string | null;
}

/**
 * Data that law requires to keep beyond erasure (Art. 17(3)(b), e.g. invoices for the tax
 * retention period) is restricted instead of deleted. A hold runs inside the erasure transaction
 * before anything is deleted: it moves the subject's held rows out of the cascade (detached from
 * the account, marked restricted) in `table`, which the erasure test exempts.
 */
export interface LegalHold {
  table: string;
  retain(tx: Db, subject: ErasureSubject, at: Date): Promise<void>;
}

/** Appointment records (P-17) and invoice references (payments, P-22). */
export const legalHolds: readonly LegalHold[] = [appointmentRecordsHold, invoiceReferencesHold];
