import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../db/database';
import { accounts, consents, emailTokens } from '../db/schema';

export type AccountRow = typeof accounts.$inferSelect;
export type NewAccount = typeof accounts.$inferInsert;
export type TokenPurpose = (typeof emailTokens.$inferSelect)['purpose'];
export type EmailTokenRow = typeof emailTokens.$inferSelect;

/** Postgres unique violation: the address was taken between our check and the insert. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string; cause?: { code?: string } }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  return code === '23505';
}

export class AccountStore {
  constructor(private readonly db: Db) {}

  async findByEmail(email: string): Promise<AccountRow | undefined> {
    const [row] = await this.db.select().from(accounts).where(eq(accounts.email, email)).limit(1);
    return row;
  }

  async ofOrganization(organizationId: string): Promise<AccountRow[]> {
    return this.db.select().from(accounts).where(eq(accounts.organizationId, organizationId));
  }

  async findById(id: string): Promise<AccountRow | undefined> {
    const [row] = await this.db.select().from(accounts).where(eq(accounts.id, id)).limit(1);
    return row;
  }

  /** Creates the account with its consent records in one transaction. */
  async create(
    account: NewAccount,
    acceptedDocuments: { document: 'terms' | 'privacy'; version: string }[],
    acceptedAt: Date,
  ): Promise<AccountRow> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.insert(accounts).values(account).returning();
      if (!row) throw new Error('insert returned no row');
      await tx.insert(consents).values(acceptedDocuments.map((entry) => ({ ...entry, accountId: row.id, acceptedAt })));
      return row;
    });
  }

  async update(id: string, changes: Partial<NewAccount>): Promise<AccountRow | undefined> {
    const [row] = await this.db.update(accounts).set(changes).where(eq(accounts.id, id)).returning();
    return row;
  }

  /** Issues a token and voids the earlier unused ones of the same purpose: only the newest link works. */
  async issueToken(token: {
    accountId: string;
    purpose: TokenPurpose;
    tokenHash: string;
    expiresAt: Date;
    newEmail?: string;
    createdAt: Date;
  }): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx
        .delete(emailTokens)
        .where(
          and(
            eq(emailTokens.accountId, token.accountId),
            eq(emailTokens.purpose, token.purpose),
            isNull(emailTokens.usedAt),
          ),
        );
      await tx.insert(emailTokens).values(token);
    });
  }

  async findToken(tokenHash: string, purpose: TokenPurpose): Promise<EmailTokenRow | undefined> {
    const [row] = await this.db
      .select()
      .from(emailTokens)
      .where(and(eq(emailTokens.tokenHash, tokenHash), eq(emailTokens.purpose, purpose)))
      .limit(1);
    return row;
  }

  /**
   * Marks the token used and applies the account change in one transaction. Returns false when a
   * concurrent request used the token first, so a link can never work twice.
   */
  async redeemToken(tokenId: string, usedAt: Date, apply: (tx: Db) => Promise<void>): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const used = await tx
        .update(emailTokens)
        .set({ usedAt })
        .where(and(eq(emailTokens.id, tokenId), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, usedAt)))
        .returning({ id: emailTokens.id });
      if (used.length === 0) return false;
      await apply(tx as unknown as Db);
      return true;
    });
  }

  async pendingEmailChange(accountId: string, now: Date): Promise<string | null> {
    const [row] = await this.db
      .select({ newEmail: emailTokens.newEmail })
      .from(emailTokens)
      .where(
        and(
          eq(emailTokens.accountId, accountId),
          eq(emailTokens.purpose, 'change_email'),
          isNull(emailTokens.usedAt),
          gt(emailTokens.expiresAt, now),
        ),
      )
      .limit(1);
    return row?.newEmail ?? null;
  }
}
