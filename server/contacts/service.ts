import type { Clock } from '../clock';
import { AppError } from '../http/errors';
import type { ContactRow, ContactStore } from './store';

type ContactFields = { name: string; email?: string | null; phone?: string | null };

function notFound(): AppError {
  return new AppError('not_found', 'No such contact.');
}

/**
 * P-09: contacts exist only because the customer saved them, and the customer can change or delete
 * them. Every operation is scoped to the owner: another customer's contact is "not found".
 */
export class ContactService {
  constructor(private readonly deps: { store: ContactStore; clock: Clock }) {}

  list(ownerAccountId: string): Promise<ContactRow[]> {
    return this.deps.store.list(ownerAccountId);
  }

  add(ownerAccountId: string, contact: ContactFields): Promise<ContactRow> {
    return this.deps.store.add(ownerAccountId, contact, this.deps.clock.now());
  }

  async update(ownerAccountId: string, contactId: string, contact: ContactFields): Promise<ContactRow> {
    const row = await this.deps.store.update(ownerAccountId, contactId, contact, this.deps.clock.now());
    if (!row) throw notFound();
    return row;
  }

  async remove(ownerAccountId: string, contactId: string): Promise<void> {
    if (!(await this.deps.store.remove(ownerAccountId, contactId))) throw notFound();
  }
}
