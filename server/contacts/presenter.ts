import type { ContactView } from '../../common/api/contacts';
import type { ContactRow } from './store';

/** Every field a contact is answered with (P-09). */
export function presentContact(row: ContactRow): ContactView {
  return { id: row.id, name: row.name, email: row.email, phone: row.phone, createdAt: row.createdAt.toISOString() };
}
