import { eq, getTableName, sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/database';
import { accounts, organizations, passkeys, totpFactors } from '../db/schema';
import { AppError } from '../http/errors';

/** Whether an account must have a second factor, and whether it has one (a confirmed app or a passkey). */
export interface Requirement {
  required: boolean;
  has: boolean;
  hasTotp: boolean;
}

/**
 * The facts of the rule as columns of a read on `accounts`: other stores join them into their own
 * query (the session answer reads account, pending address and these in one round trip).
 */
/**
 * `accounts.<column>` spelled out: drizzle leaves the table name off columns in a read of one table,
 * and inside a subquery a bare `"id"` would name the subquery's own column.
 */
export function outerAccountColumn(column: typeof accounts.id | typeof accounts.organizationId): SQL {
  return sql`${sql.identifier(getTableName(accounts))}.${sql.identifier(column.name)}`;
}

export const requirementColumns = {
  secondFactorRequired: sql<boolean>`exists (select 1 from ${organizations} where ${organizations.id} = ${outerAccountColumn(accounts.organizationId)} and ${organizations.secondFactorRequiredAt} is not null)`,
  hasTotp: sql<boolean>`exists (select 1 from ${totpFactors} where ${totpFactors.accountId} = ${outerAccountColumn(accounts.id)} and ${totpFactors.confirmedAt} is not null)`,
  hasPasskey: sql<boolean>`exists (select 1 from ${passkeys} where ${passkeys.accountId} = ${outerAccountColumn(accounts.id)})`,
};

/** Set-up comes first: the organisation requires a second factor and the account has none yet. */
export function setupPending(requirement: Requirement): boolean {
  return requirement.required && !requirement.has;
}

/** The rule, over those columns. */
export function requirementOf(row: { secondFactorRequired: boolean; hasTotp: boolean; hasPasskey: boolean }): Requirement {
  return { required: row.secondFactorRequired, has: row.hasTotp || row.hasPasskey, hasTotp: row.hasTotp };
}

/** An organisation's rule "everyone needs a second factor" (issue 12). */
export class RequirementStore {
  /** For a customer request whose session came without the requirement (registerSecondFactorRequirement). */
  private readonly ofAccount;

  constructor(private readonly db: Db) {
    this.ofAccount = db
      .select(requirementColumns)
      .from(accounts)
      .where(eq(accounts.id, sql.placeholder('accountId')))
      .limit(1)
      .prepare('second_factor_requirement');
  }

  /** One query per request: the organisation's rule, the account's confirmed app and whether it has a passkey. */
  async of(accountId: string): Promise<Requirement> {
    const [row] = await this.ofAccount.execute({ accountId });
    return row ? requirementOf(row) : { required: false, has: false, hasTotp: false };
  }

  async isRequired(organizationId: string): Promise<boolean> {
    const [row] = await this.db
      .select({ requiredAt: organizations.secondFactorRequiredAt })
      .from(organizations)
      .where(eq(organizations.id, organizationId))
      .limit(1);
    return Boolean(row?.requiredAt);
  }

  async setRequired(organizationId: string, required: Date | null): Promise<void> {
    await this.db.update(organizations).set({ secondFactorRequiredAt: required }).where(eq(organizations.id, organizationId));
  }
}

/** What a person who must set up a second factor may still reach: their profile and the set-up itself. */
function reachableDuringSetup(method: string, url: string): boolean {
  return url.startsWith('/api/profile/second-factor') || url.startsWith('/api/profile/passkeys') || (method === 'GET' && url === '/api/profile');
}

/** Removing this factor would leave none while the organisation requires one. */
export function lastSecondFactor(): AppError {
  return new AppError('last_second_factor', 'Your organisation requires a second factor, and this is your last one. Add another one first.');
}

function setupRequired(): AppError {
  return new AppError('second_factor_setup_required', 'Your organisation requires a second factor. Please set one up first.');
}

/**
 * The named policy "second factor required by the organisation": a logged-in person of such an
 * organisation without a confirmed second factor reaches nothing but the set-up until they have one.
 * The session store reads the rule's facts together with the session (sessions/store.ts, in this
 * request, never cached); a session that came without them is asked for them here.
 */
export function registerSecondFactorRequirement(app: FastifyInstance, store: RequirementStore): void {
  app.addHook('preHandler', async (request) => {
    if (request.routeOptions.config.access !== 'customer' || !request.session) return;
    if (reachableDuringSetup(request.method, request.routeOptions.url ?? '')) return;
    const requirement = request.session.secondFactor ?? (await store.of(request.session.accountId));
    if (setupPending(requirement)) throw setupRequired();
  });
}
