import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { AccountRow } from '../accounts/store';
import type { Db } from '../db/database';
import { accounts, consents, organizations } from '../db/schema';
import type { Sealer } from '../security/sealed-columns';

export type OrganizationRow = typeof organizations.$inferSelect;
type NewOrganization = Omit<typeof organizations.$inferInsert, 'emailIndex'>;
type NewAccount = Omit<typeof accounts.$inferInsert, 'emailIndex'>;

/** Personal fields are sealed on the way in and opened on the way out (P-21): callers see plaintext. */
export class OrganizationStore {
  constructor(
    private readonly db: Db,
    private readonly sealer: Sealer,
  ) {}

  /** The organisation, its representative's account and the consents, in one transaction. */
  async register(
    organization: NewOrganization,
    representative: Omit<NewAccount, 'organizationId'>,
    acceptedDocuments: { document: 'terms' | 'privacy'; version: string }[],
    acceptedAt: Date,
  ): Promise<AccountRow> {
    return this.db.transaction(async (tx) => {
      const [created] = await tx
        .insert(organizations)
        .values(this.sealer.seal('organizations', organization as typeof organizations.$inferInsert))
        .returning({ id: organizations.id });
      if (!created) throw new Error('insert returned no row');
      const [account] = await tx
        .insert(accounts)
        .values(this.sealer.seal('accounts', { ...representative, organizationId: created.id } as typeof accounts.$inferInsert))
        .returning();
      if (!account) throw new Error('insert returned no row');
      await tx.insert(consents).values(acceptedDocuments.map((entry) => ({ ...entry, accountId: account.id, acceptedAt })));
      return this.sealer.open('accounts', account);
    });
  }

  async find(id: string): Promise<OrganizationRow | undefined> {
    const [row] = await this.db.select().from(organizations).where(eq(organizations.id, id)).limit(1);
    return row && this.sealer.open('organizations', row);
  }

  /** By the blind index of the address: ciphertext cannot be compared. */
  async findByEmail(email: string): Promise<OrganizationRow | undefined> {
    const [row] = await this.db
      .select()
      .from(organizations)
      .where(inArray(organizations.emailIndex, this.sealer.emailIndexes(email)))
      .limit(1);
    return row && this.sealer.open('organizations', row);
  }

  async update(id: string, changes: Partial<typeof organizations.$inferInsert>): Promise<void> {
    await this.db.update(organizations).set(this.sealer.seal('organizations', changes)).where(eq(organizations.id, id));
  }

  async members(organizationId: string): Promise<AccountRow[]> {
    const rows = await this.db.select().from(accounts).where(eq(accounts.organizationId, organizationId)).orderBy(asc(accounts.createdAt));
    return this.sealer.openAll('accounts', rows);
  }

  /** A member of this organisation only: another tenant's id is indistinguishable from an unknown one. */
  async member(organizationId: string, accountId: string): Promise<AccountRow | undefined> {
    const [row] = await this.db
      .select()
      .from(accounts)
      .where(and(eq(accounts.organizationId, organizationId), eq(accounts.id, accountId)))
      .limit(1);
    return row && this.sealer.open('accounts', row);
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

  async inviteMember(row: NewAccount): Promise<AccountRow> {
    const [account] = await this.db
      .insert(accounts)
      .values(this.sealer.seal('accounts', row as typeof accounts.$inferInsert))
      .returning();
    if (!account) throw new Error('insert returned no row');
    return this.sealer.open('accounts', account);
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
