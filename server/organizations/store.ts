import { and, asc, eq, ne } from 'drizzle-orm';
import type { AccountRow } from '../accounts/store';
import type { Db } from '../db/database';
import { accounts, consents, organizations } from '../db/schema';

export type OrganizationRow = typeof organizations.$inferSelect;

export class OrganizationStore {
  constructor(private readonly db: Db) {}

  /** The organisation, its representative's account and the consents, in one transaction. */
  async register(
    organization: typeof organizations.$inferInsert,
    representative: Omit<typeof accounts.$inferInsert, 'organizationId'>,
    acceptedDocuments: { document: 'terms' | 'privacy'; version: string }[],
    acceptedAt: Date,
  ): Promise<AccountRow> {
    return this.db.transaction(async (tx) => {
      const [created] = await tx.insert(organizations).values(organization).returning();
      if (!created) throw new Error('insert returned no row');
      const [account] = await tx
        .insert(accounts)
        .values({ ...representative, organizationId: created.id })
        .returning();
      if (!account) throw new Error('insert returned no row');
      await tx.insert(consents).values(acceptedDocuments.map((entry) => ({ ...entry, accountId: account.id, acceptedAt })));
      return account;
    });
  }

  async find(id: string): Promise<OrganizationRow | undefined> {
    const [row] = await this.db.select().from(organizations).where(eq(organizations.id, id)).limit(1);
    return row;
  }

  async findByEmail(email: string): Promise<OrganizationRow | undefined> {
    const [row] = await this.db.select().from(organizations).where(eq(organizations.email, email)).limit(1);
    return row;
  }

  async update(id: string, changes: Partial<typeof organizations.$inferInsert>): Promise<void> {
    await this.db.update(organizations).set(changes).where(eq(organizations.id, id));
  }

  async members(organizationId: string): Promise<AccountRow[]> {
    return this.db
      .select()
      .from(accounts)
      .where(eq(accounts.organizationId, organizationId))
      .orderBy(asc(accounts.createdAt));
  }

  /** A member of this organisation only: another tenant's id is indistinguishable from an unknown one. */
  async member(organizationId: string, accountId: string): Promise<AccountRow | undefined> {
    const [row] = await this.db
      .select()
      .from(accounts)
      .where(and(eq(accounts.organizationId, organizationId), eq(accounts.id, accountId)))
      .limit(1);
    return row;
  }

  async representativesOtherThan(organizationId: string, accountId: string): Promise<number> {
    const rows = await this.db
      .select({ id: accounts.id })
      .from(accounts)
      .where(
        and(
          eq(accounts.organizationId, organizationId),
          eq(accounts.organizationRole, 'representative'),
          eq(accounts.status, 'active'),
          ne(accounts.id, accountId),
        ),
      );
    return rows.length;
  }

  async inviteMember(row: typeof accounts.$inferInsert): Promise<AccountRow> {
    const [account] = await this.db.insert(accounts).values(row).returning();
    if (!account) throw new Error('insert returned no row');
    return account;
  }

  async deleteMember(accountId: string): Promise<void> {
    await this.db.delete(accounts).where(eq(accounts.id, accountId));
  }

  /** Hands the representative role over: the target becomes representative, the giver a member. */
  async transferRepresentative(organizationId: string, fromId: string, toId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx
        .update(accounts)
        .set({ organizationRole: 'representative' })
        .where(and(eq(accounts.organizationId, organizationId), eq(accounts.id, toId)));
      await tx
        .update(accounts)
        .set({ organizationRole: 'member' })
        .where(and(eq(accounts.organizationId, organizationId), eq(accounts.id, fromId)));
    });
  }
}
