import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { contacts } from '../db/schema';

export type ContactRow = typeof contacts.$inferSelect;

/** Every query is scoped to the owner: another customer's contact is indistinguishable from none. */
export class ContactStore {
  constructor(private readonly db: Db) {}

  async list(ownerAccountId: string): Promise<ContactRow[]> {
    return this.db.select().from(contacts).where(eq(contacts.ownerAccountId, ownerAccountId)).orderBy(asc(contacts.name));
  }

  async add(ownerAccountId: string, contact: { name: string; email?: string | null; phone?: string | null }, at: Date): Promise<ContactRow> {
    const [row] = await this.db
      .insert(contacts)
      .values({ ownerAccountId, name: contact.name, email: contact.email ?? null, phone: contact.phone ?? null, createdAt: at, updatedAt: at })
      .returning();
    if (!row) throw new Error('insert returned no row');
    return row;
  }

  async update(
    ownerAccountId: string,
    id: string,
    contact: { name: string; email?: string | null; phone?: string | null },
    at: Date,
  ): Promise<ContactRow | undefined> {
    const [row] = await this.db
      .update(contacts)
      .set({ name: contact.name, email: contact.email ?? null, phone: contact.phone ?? null, updatedAt: at })
      .where(and(eq(contacts.ownerAccountId, ownerAccountId), eq(contacts.id, id)))
      .returning();
    return row;
  }

  async remove(ownerAccountId: string, id: string): Promise<boolean> {
    const removed = await this.db
      .delete(contacts)
      .where(and(eq(contacts.ownerAccountId, ownerAccountId), eq(contacts.id, id)))
      .returning({ id: contacts.id });
    return removed.length > 0;
  }
}
