import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { contacts } from '../db/schema';
import type { Sealer } from '../security/sealed-columns';

export type ContactRow = typeof contacts.$inferSelect;

/** The database sees only ciphertext, so the address book is sorted here, the way a German reader expects. */
const byName = new Intl.Collator('de', { sensitivity: 'base', numeric: true });

/**
 * Every query is scoped to the owner: another customer's contact is indistinguishable from none.
 * Name, e-mail and phone are sealed on the way in and opened on the way out (P-21).
 */
export class ContactStore {
  constructor(
    private readonly db: Db,
    private readonly sealer: Sealer,
  ) {}

  async list(ownerAccountId: string): Promise<ContactRow[]> {
    const rows = this.sealer.openAll('contacts', await this.db.select().from(contacts).where(eq(contacts.ownerAccountId, ownerAccountId)));
    return rows.sort((left, right) => byName.compare(left.name, right.name));
  }

  async add(ownerAccountId: string, contact: { name: string; email?: string | null; phone?: string | null }, at: Date): Promise<ContactRow> {
    const values = { ownerAccountId, name: contact.name, email: contact.email ?? null, phone: contact.phone ?? null, createdAt: at, updatedAt: at };
    const [row] = await this.db.insert(contacts).values(this.sealer.seal('contacts', values)).returning();
    if (!row) throw new Error('insert returned no row');
    return this.sealer.open('contacts', row);
  }

  async update(
    ownerAccountId: string,
    id: string,
    contact: { name: string; email?: string | null; phone?: string | null },
    at: Date,
  ): Promise<ContactRow | undefined> {
    const [row] = await this.db
      .update(contacts)
      .set(this.sealer.seal('contacts', { name: contact.name, email: contact.email ?? null, phone: contact.phone ?? null, updatedAt: at }))
      .where(and(eq(contacts.ownerAccountId, ownerAccountId), eq(contacts.id, id)))
      .returning();
    return row && this.sealer.open('contacts', row);
  }

  async remove(ownerAccountId: string, id: string): Promise<boolean> {
    const removed = await this.db
      .delete(contacts)
      .where(and(eq(contacts.ownerAccountId, ownerAccountId), eq(contacts.id, id)))
      .returning({ id: contacts.id });
    return removed.length > 0;
  }
}
