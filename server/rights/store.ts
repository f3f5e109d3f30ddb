import { and, asc, desc, eq, gt, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../db/database';
import {
  absences,
  accounts,
  appointments,
  appointmentSettings,
  availabilityRanges,
  billingCustomers,
  billingInvoices,
  consents,
  consultations,
  emailTokens,
  invitations,
  organizations,
  passkeys,
  sessions,
} from '../db/schema';
import type { Sealer } from '../security/sealed-columns';
import type { ErasureSubject, LegalHold } from './legal-hold';

/**
 * What the export reads and what restriction and erasure change; every query is scoped to one subject.
 * Personal fields are opened on the way out (P-21): the export shows what the person gave, not ciphertext.
 */
export class RightsStore {
  constructor(
    private readonly db: Db,
    private readonly sealer: Sealer,
  ) {}

  async consentsOf(accountId: string) {
    return this.db.select().from(consents).where(eq(consents.accountId, accountId)).orderBy(asc(consents.acceptedAt));
  }

  async sessionsOf(accountId: string) {
    return this.db.select().from(sessions).where(eq(sessions.accountId, accountId)).orderBy(desc(sessions.createdAt));
  }

  async passkeysOf(accountId: string) {
    const rows = await this.db.select().from(passkeys).where(eq(passkeys.accountId, accountId)).orderBy(asc(passkeys.createdAt));
    return this.sealer.openAll('passkeys', rows);
  }

  async consultationsHostedBy(accountId: string) {
    const rows = await this.db.select().from(consultations).where(eq(consultations.hostAccountId, accountId)).orderBy(desc(consultations.createdAt));
    return this.sealer.openAll('consultations', rows);
  }

  /** Appointments the person holds as the professional, newest first, opened (P-21). */
  async appointmentsOf(accountId: string) {
    const rows = await this.db.select().from(appointments).where(eq(appointments.professionalAccountId, accountId)).orderBy(desc(appointments.startsAt));
    return this.sealer.openAll('appointments', rows);
  }

  /** Issue 11: the billing customer the person pays as (individual) or for (representative), with its invoice references. */
  async billingOf(owner: { accountId: string } | { organizationId: string }) {
    const [customer] = await this.db
      .select()
      .from(billingCustomers)
      .where('accountId' in owner ? eq(billingCustomers.accountId, owner.accountId) : eq(billingCustomers.organizationId, owner.organizationId));
    const invoices = customer
      ? await this.db.select().from(billingInvoices).where(eq(billingInvoices.billingCustomerId, customer.id)).orderBy(desc(billingInvoices.issuedAt))
      : [];
    return { customer: customer ?? null, invoices };
  }

  async bookingRulesOf(accountId: string) {
    const [settings] = await this.db.select().from(appointmentSettings).where(eq(appointmentSettings.professionalAccountId, accountId));
    const hours = await this.db
      .select()
      .from(availabilityRanges)
      .where(eq(availabilityRanges.professionalAccountId, accountId))
      .orderBy(asc(availabilityRanges.weekday), asc(availabilityRanges.startMinute));
    const away = await this.db.select().from(absences).where(eq(absences.professionalAccountId, accountId)).orderBy(asc(absences.startsAt));
    return { settings, hours, absences: away };
  }

  async invitationsOf(consultationIds: string[]) {
    if (consultationIds.length === 0) return [];
    const rows = await this.db.select().from(invitations).where(inArray(invitations.consultationId, consultationIds)).orderBy(asc(invitations.createdAt));
    return this.sealer.openAll('invitations', rows);
  }

  /** Links that still work; spent ones are no longer usable and go with the `emailLinks` job. */
  async pendingLinksOf(accountId: string, now: Date) {
    const rows = await this.db
      .select({ purpose: emailTokens.purpose, newEmail: emailTokens.newEmail, createdAt: emailTokens.createdAt, expiresAt: emailTokens.expiresAt })
      .from(emailTokens)
      .where(and(eq(emailTokens.accountId, accountId), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, now)))
      .orderBy(asc(emailTokens.createdAt));
    return this.sealer.openAll('emailTokens', rows);
  }

  /** Restricted accounts (Art. 18), newest restriction first, at most `limit`. */
  async restrictedAccounts(limit: number) {
    const rows = await this.db
      .select({ id: accounts.id, firstName: accounts.firstName, lastName: accounts.lastName, email: accounts.email, restrictedAt: accounts.restrictedAt })
      .from(accounts)
      .where(isNotNull(accounts.restrictedAt))
      .orderBy(desc(accounts.restrictedAt))
      .limit(limit);
    return this.sealer.openAll('accounts', rows);
  }

  /** Returns false when there is no such account, or it already was in that state. */
  async setRestricted(accountId: string, restrictedAt: Date | null, now: Date): Promise<boolean> {
    const changed = await this.db
      .update(accounts)
      .set({ restrictedAt, updatedAt: now })
      .where(and(eq(accounts.id, accountId), restrictedAt ? isNull(accounts.restrictedAt) : isNotNull(accounts.restrictedAt)))
      .returning({ id: accounts.id });
    return changed.length > 0;
  }

  /**
   * Deletes the accounts (and the organisation) in one transaction. Everything else of theirs
   * goes by the foreign keys' cascade: consents, links, sessions, hosted consultations with their
   * invitations and participants, places in colleagues' calls, contacts. Legal holds run first.
   */
  async erase(subject: ErasureSubject, holds: readonly LegalHold[], at: Date): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const hold of holds) await hold.retain(tx as unknown as Db, subject, at);
      if (subject.accountIds.length > 0) await tx.delete(accounts).where(inArray(accounts.id, subject.accountIds));
      if (subject.organizationId) await tx.delete(organizations).where(eq(organizations.id, subject.organizationId));
    });
  }
}
