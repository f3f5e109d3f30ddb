import { and, asc, count, eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { passkeys } from '../db/schema';
import type { Sealer } from '../security/sealed-columns';

export type PasskeyRow = typeof passkeys.$inferSelect;

/** An account's passkeys; the name is sealed at rest and opened only here. */
export class PasskeyStore {
  constructor(
    private readonly db: Db,
    private readonly sealer: Sealer,
  ) {}

  async list(accountId: string): Promise<PasskeyRow[]> {
    const rows = await this.db.select().from(passkeys).where(eq(passkeys.accountId, accountId)).orderBy(asc(passkeys.createdAt), asc(passkeys.id));
    return rows.map((row) => this.sealer.open('passkeys', row));
  }

  async count(accountId: string): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(passkeys).where(eq(passkeys.accountId, accountId));
    return Number(row?.n ?? 0);
  }

  async findByCredentialId(credentialId: string): Promise<PasskeyRow | undefined> {
    const [row] = await this.db.select().from(passkeys).where(eq(passkeys.credentialId, credentialId)).limit(1);
    return row ? this.sealer.open('passkeys', row) : undefined;
  }

  /** False when the credential is registered already (to this or another account). */
  async insert(row: {
    accountId: string;
    credentialId: string;
    publicKey: string;
    signCount: number;
    transports: string[];
    name: string;
    createdAt: Date;
  }): Promise<PasskeyRow | undefined> {
    const [inserted] = await this.db
      .insert(passkeys)
      .values(this.sealer.seal('passkeys', row))
      .onConflictDoNothing({ target: passkeys.credentialId })
      .returning();
    return inserted ? this.sealer.open('passkeys', inserted) : undefined;
  }

  async rename(accountId: string, id: string, name: string): Promise<PasskeyRow | undefined> {
    const [row] = await this.db
      .update(passkeys)
      .set(this.sealer.seal('passkeys', { name }))
      .where(and(eq(passkeys.id, id), eq(passkeys.accountId, accountId)))
      .returning();
    return row ? this.sealer.open('passkeys', row) : undefined;
  }

  async remove(accountId: string, id: string): Promise<boolean> {
    const removed = await this.db
      .delete(passkeys)
      .where(and(eq(passkeys.id, id), eq(passkeys.accountId, accountId)))
      .returning({ id: passkeys.id });
    return removed.length > 0;
  }

  async removeAll(accountId: string): Promise<void> {
    await this.db.delete(passkeys).where(eq(passkeys.accountId, accountId));
  }

  /**
   * Records a use: only if the counter is still the one the signature was checked against, so two
   * requests with the same signature cannot both move it (the second is refused as a replay).
   */
  async recordUse(id: string, checkedCount: number, newCount: number, now: Date): Promise<boolean> {
    const rows = await this.db
      .update(passkeys)
      .set({ signCount: newCount, lastUsedAt: now })
      .where(and(eq(passkeys.id, id), eq(passkeys.signCount, checkedCount)))
      .returning({ id: passkeys.id });
    return rows.length > 0;
  }
}
