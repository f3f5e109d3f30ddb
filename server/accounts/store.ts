import { and, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { accounts, consents, emailTokens, organizations, recoveryCodes, sessions } from '../db/schema';
import { outerAccountColumn, requirementColumns, requirementOf, setupPending } from '../second-factor/requirement';
import type { Sealer } from '../security/sealed-columns';

export type AccountRow = typeof accounts.$inferSelect;
export type NewAccount = typeof accounts.$inferInsert;
export type TokenPurpose = (typeof emailTokens.$inferSelect)['purpose'];
export type EmailTokenRow = typeof emailTokens.$inferSelect;
/**
 * The columns every page load needs (presentSessionAccount): the session's answer reads these
 * only, so the address, phone, date of birth and the password hash are neither read nor decrypted.
 */
const sessionAccountColumns = {
  id: accounts.id,
  kind: accounts.kind,
  status: accounts.status,
  organizationId: accounts.organizationId,
  organizationRole: accounts.organizationRole,
  firstName: accounts.firstName,
  lastName: accounts.lastName,
  email: accounts.email,
  locale: accounts.locale,
  createdAt: accounts.createdAt,
};
export type SessionAccountRow = Pick<AccountRow, keyof typeof sessionAccountColumns>;
/**
 * What a login reads of the account it looks up by address: the session answer's columns, the hash
 * and what refuses a login. The address, phone and date of birth stay sealed (issue 17: a login
 * decrypted every personal field for an answer that shows none of them).
 */
const loginAccountColumns = { ...sessionAccountColumns, passwordHash: accounts.passwordHash, restrictedAt: accounts.restrictedAt };
export type LoginAccountRow = Pick<AccountRow, keyof typeof loginAccountColumns>;
/** The factors a login asks for after the password, each "has at least one" (SecondFactorService.methodsFor). */
export interface LoginFactors {
  totp: boolean;
  recoveryCodes: boolean;
  passkey: boolean;
}
/** What a signed-in page shows of its account. */
export interface Profile<Account = AccountRow> {
  account: Account;
  pendingEmail: string | null;
  secondFactorSetupRequired: boolean;
}
/** What SessionService judges a session by. */
export type SessionLimits = Pick<typeof sessions.$inferSelect, 'accountId' | 'expiresAt' | 'lastSeenAt'>;

/** Postgres unique violation: the address was taken between our check and the insert. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string; cause?: { code?: string } }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  return code === '23505';
}

/**
 * What a signed-in page asks for at every load, in one query: the account, the address it is
 * changing to, and whether its organisation requires a second factor it has not set up.
 */
function profileColumns<Account extends typeof accounts | typeof sessionAccountColumns>(account: Account) {
  const now = sql`${sql.placeholder('now')}::timestamptz`;
  return {
    account,
    pendingEmail: sql<
      string | null
    >`(select ${emailTokens.newEmail} from ${emailTokens} where ${emailTokens.accountId} = ${outerAccountColumn(accounts.id)} and ${emailTokens.purpose} = 'change_email' and ${emailTokens.usedAt} is null and ${emailTokens.expiresAt} > ${now} limit 1)`,
    ...requirementColumns,
  };
}

function profileQuery(db: Db) {
  return db
    .select(profileColumns(accounts))
    .from(accounts)
    .where(eq(accounts.id, sql.placeholder('accountId')))
    .limit(1)
    .prepare('accounts_profile');
}

/**
 * After a correct password, in one round trip: the factors the login must pass next and what the
 * answer shows besides the account (read before the password: SessionAccountRow's columns).
 * Three queries for the factors and a re-read of the whole account before (issue 17).
 */
function afterPasswordQuery(db: Db) {
  const { account: _account, ...columns } = profileColumns(accounts);
  return db
    .select({
      ...columns,
      hasRecoveryCodes: sql<boolean>`exists (select 1 from ${recoveryCodes} where ${recoveryCodes.accountId} = ${outerAccountColumn(accounts.id)})`,
    })
    .from(accounts)
    .where(eq(accounts.id, sql.placeholder('accountId')))
    .limit(1)
    .prepare('accounts_after_password');
}

/**
 * The session answer's read (GET /api/session): the session by its id's hash and its account's
 * profile in one round trip. The session's limits are judged by SessionService as for any other read.
 */
function sessionProfileQuery(db: Db) {
  return db
    .select({
      session: { accountId: sessions.accountId, expiresAt: sessions.expiresAt, lastSeenAt: sessions.lastSeenAt },
      ...profileColumns(sessionAccountColumns),
    })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(eq(sessions.idHash, sql.placeholder('idHash')))
    .limit(1)
    .prepare('accounts_session_profile');
}

/** A person's role facts and the time zone their calendar runs in (their organisation's, or their own). */
export type CalendarFacts = Pick<AccountRow, 'id' | 'kind' | 'status' | 'organizationId' | 'organizationRole' | 'timeZone'>;

/**
 * Two people's role facts and calendar zones in one round trip, nothing personal read: who may see
 * whose appointments is decided by these alone, and the practice's day view polls it.
 */
function calendarFactsQuery(db: Db) {
  return db
    .select({
      id: accounts.id,
      kind: accounts.kind,
      status: accounts.status,
      organizationId: accounts.organizationId,
      organizationRole: accounts.organizationRole,
      timeZone: sql<string>`case when ${accounts.organizationId} is null then ${accounts.timeZone} else coalesce(${organizations.timeZone}, 'Europe/Berlin') end`,
    })
    .from(accounts)
    .leftJoin(organizations, eq(organizations.id, accounts.organizationId))
    .where(or(eq(accounts.id, sql.placeholder('first')), eq(accounts.id, sql.placeholder('second'))))
    .prepare('accounts_calendar_facts');
}

/** Personal fields are sealed on the way in and opened on the way out (P-21): callers see plaintext. */
export class AccountStore {
  /** Read at every load of a signed-in page: prepared once (see SessionStore). */
  private readonly profile;
  private readonly sessionProfile;
  private readonly afterPassword;
  /** The account's place in its organisation, without a personal field (nothing to open): polled lists ask it. */
  private readonly role;
  private readonly calendarFacts;

  constructor(
    private readonly db: Db,
    private readonly sealer: Sealer,
  ) {
    this.profile = profileQuery(db);
    this.sessionProfile = sessionProfileQuery(db);
    this.afterPassword = afterPasswordQuery(db);
    this.calendarFacts = calendarFactsQuery(db);
    this.role = db
      .select({ organizationId: accounts.organizationId, organizationRole: accounts.organizationRole })
      .from(accounts)
      .where(eq(accounts.id, sql.placeholder('accountId')))
      .limit(1)
      .prepare('accounts_role');
  }

  async roleOf(accountId: string): Promise<Pick<AccountRow, 'organizationId' | 'organizationRole'> | undefined> {
    const [row] = await this.role.execute({ accountId });
    return row;
  }

  async calendarFactsOf(first: string, second: string): Promise<CalendarFacts[]> {
    return this.calendarFacts.execute({ first, second });
  }

  /** The same store inside a transaction (a link's redemption changes the account with it). */
  inTransaction(tx: Db): AccountStore {
    return new AccountStore(tx, this.sealer);
  }

  /** By the blind index of the address: ciphertext cannot be compared. */
  async findByEmail(email: string): Promise<AccountRow | undefined> {
    const [row] = await this.db
      .select()
      .from(accounts)
      .where(inArray(accounts.emailIndex, this.sealer.emailIndexes(email)))
      .limit(1);
    return row && this.sealer.open('accounts', row);
  }

  /** findByEmail for a login: the columns it needs (loginAccountColumns), the same query otherwise. */
  async findForLogin(email: string): Promise<LoginAccountRow | undefined> {
    const [row] = await this.db
      .select(loginAccountColumns)
      .from(accounts)
      .where(inArray(accounts.emailIndex, this.sealer.emailIndexes(email)))
      .limit(1);
    return row && this.sealer.open('accounts', row);
  }

  async ofOrganization(organizationId: string): Promise<AccountRow[]> {
    return this.sealer.openAll('accounts', await this.db.select().from(accounts).where(eq(accounts.organizationId, organizationId)));
  }

  async findById(id: string): Promise<AccountRow | undefined> {
    const [row] = await this.db.select().from(accounts).where(eq(accounts.id, id)).limit(1);
    return row && this.sealer.open('accounts', row);
  }

  /** Creates the account with its consent records in one transaction. */
  async create(
    account: Omit<NewAccount, 'emailIndex'>,
    acceptedDocuments: { document: 'terms' | 'privacy'; version: string }[],
    acceptedAt: Date,
  ): Promise<AccountRow> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(accounts)
        .values(this.sealer.seal('accounts', account as NewAccount))
        .returning();
      if (!row) throw new Error('insert returned no row');
      await tx.insert(consents).values(acceptedDocuments.map((entry) => ({ ...entry, accountId: row.id, acceptedAt })));
      return this.sealer.open('accounts', row);
    });
  }

  /**
   * Confirms the address; a representative's address is the organisation's, so it activates the
   * organisation too.
   */
  async activate(accountId: string, now: Date): Promise<void> {
    const [account] = await this.db
      .update(accounts)
      .set({ status: 'active', emailConfirmedAt: now, updatedAt: now })
      .where(eq(accounts.id, accountId))
      .returning({ organizationId: accounts.organizationId });
    if (account?.organizationId) {
      await this.db.update(organizations).set({ status: 'active', updatedAt: now }).where(eq(organizations.id, account.organizationId));
    }
  }

  /** Consent records of documents accepted later than at registration (an invited member's first login). */
  async recordConsents(accountId: string, acceptedDocuments: { document: 'terms' | 'privacy'; version: string }[], acceptedAt: Date): Promise<void> {
    await this.db.insert(consents).values(acceptedDocuments.map((entry) => ({ ...entry, accountId, acceptedAt })));
  }

  /** A new e-mail address brings its new blind index along. */
  async update(id: string, changes: Partial<NewAccount>): Promise<AccountRow | undefined> {
    const [row] = await this.db.update(accounts).set(this.sealer.seal('accounts', changes)).where(eq(accounts.id, id)).returning();
    return row && this.sealer.open('accounts', row);
  }

  /**
   * Issues a token and voids the earlier unused ones of the same purpose: only the newest link works.
   * One statement, atomic as the transaction it replaces (issue 17: BEGIN, two statements, COMMIT);
   * the delete reads the rows as they were before it, so it never sees the new one.
   */
  async issueToken(token: { accountId: string; purpose: TokenPurpose; tokenHash: string; expiresAt: Date; newEmail?: string; createdAt: Date }): Promise<void> {
    const voided = this.db.$with('voided').as(
      this.db
        .delete(emailTokens)
        .where(and(eq(emailTokens.accountId, token.accountId), eq(emailTokens.purpose, token.purpose), isNull(emailTokens.usedAt)))
        .returning({ id: emailTokens.id }),
    );
    await this.db.with(voided).insert(emailTokens).values(this.sealer.seal('emailTokens', token));
  }

  /** Ends every unused link of these purposes, e.g. all reset links once the password changed. */
  async voidLinks(accountId: string, purposes: TokenPurpose[]): Promise<void> {
    await this.db.delete(emailTokens).where(and(eq(emailTokens.accountId, accountId), inArray(emailTokens.purpose, purposes), isNull(emailTokens.usedAt)));
  }

  async findToken(tokenHash: string, purpose: TokenPurpose): Promise<EmailTokenRow | undefined> {
    const [row] = await this.db
      .select()
      .from(emailTokens)
      .where(and(eq(emailTokens.tokenHash, tokenHash), eq(emailTokens.purpose, purpose)))
      .limit(1);
    return row && this.sealer.open('emailTokens', row);
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

  /** The account, its pending address and its second-factor set-up state (profileQuery). */
  async profileOf(accountId: string, now: Date): Promise<Profile | undefined> {
    const [row] = await this.profile.execute({ accountId, now: now.toISOString() });
    return row && this.openProfile(row);
  }

  /** The factors a login asks for next and the rest of its answer (afterPasswordQuery). */
  async afterPasswordOf(accountId: string, now: Date): Promise<(Omit<Profile, 'account'> & { factors: LoginFactors }) | undefined> {
    const [row] = await this.afterPassword.execute({ accountId, now: now.toISOString() });
    if (!row) return undefined;
    return {
      pendingEmail: row.pendingEmail === null ? null : this.sealer.open('emailTokens', { newEmail: row.pendingEmail }).newEmail,
      secondFactorSetupRequired: setupPending(requirementOf(row)),
      factors: { totp: row.hasTotp, recoveryCodes: row.hasRecoveryCodes, passkey: row.hasPasskey },
    };
  }

  /** The session of this id hash with its account's profile (sessionProfileQuery). */
  async sessionProfileOf(idHash: string, now: Date): Promise<{ session: SessionLimits; profile: Profile<SessionAccountRow> } | undefined> {
    const [row] = await this.sessionProfile.execute({ idHash, now: now.toISOString() });
    return row && { session: row.session, profile: this.openProfile(row) };
  }

  private openProfile<Account extends object>(row: {
    account: Account;
    pendingEmail: string | null;
    secondFactorRequired: boolean;
    hasTotp: boolean;
    hasPasskey: boolean;
  }): Profile<Account> {
    return {
      account: this.sealer.open('accounts', row.account),
      pendingEmail: row.pendingEmail === null ? null : this.sealer.open('emailTokens', { newEmail: row.pendingEmail }).newEmail,
      secondFactorSetupRequired: setupPending(requirementOf(row)),
    };
  }

  async pendingEmailChange(accountId: string, now: Date): Promise<string | null> {
    const [row] = await this.db
      .select({ newEmail: emailTokens.newEmail })
      .from(emailTokens)
      .where(and(eq(emailTokens.accountId, accountId), eq(emailTokens.purpose, 'change_email'), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, now)))
      .limit(1);
    return row ? this.sealer.open('emailTokens', row).newEmail : null;
  }
}
