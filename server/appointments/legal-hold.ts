import type { LegalHold } from '../rights/legal-hold';
import { restrictForErasure } from './store';

/**
 * Art. 17(3)(b) with P-17: appointment records are kept 10 years after the appointment even when the
 * professional's account is erased; they are restricted instead (Art. 18) and deleted by the
 * `appointments` retention job when their time comes. The erasure texts say so.
 */
export const appointmentRecordsHold: LegalHold = {
  table: 'appointments',
  async retain(tx, subject, at) {
    await restrictForErasure(tx, subject, at);
  },
};
