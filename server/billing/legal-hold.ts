import type { LegalHold } from '../rights/legal-hold';
import { restrictInvoicesForErasure } from './store';

/**
 * Art. 17(3)(b) with § 147 AO and § 14b UStG: invoice references stay 8 years after the end of their
 * calendar year even when the customer's account is erased; they are restricted instead (Art. 18).
 */
export const invoiceReferencesHold: LegalHold = {
  table: 'billing_invoices',
  async retain(tx, subject, at) {
    await restrictInvoicesForErasure(tx, subject, at);
  },
};
