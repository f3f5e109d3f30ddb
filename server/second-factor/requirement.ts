import { and, eq, isNotNull, sql } from 'drizzle-orm';
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

/** An organisation's rule "everyone needs a second factor" (issue 12). */
export class RequirementStore {
  constructor(private readonly db: Db) {}

  /** One query per request: the organisation's rule, the account's confirmed app and whether it has a passkey. */
  async of(accountId: string): Promise<Requirement> {
    const [row] = await this.db
      .select({
        requiredAt: organizations.secondFactorRequiredAt,
        confirmedAt: totpFactors.confirmedAt,
        passkey: sql<boolean>`exists (select 1 from ${passkeys} where ${passkeys.accountId} = ${accounts.id})`,
      })
      .from(accounts)
      .leftJoin(organizations, eq(organizations.id, accounts.organizationId))
      .leftJoin(totpFactors, and(eq(totpFactors.accountId, accounts.id), isNotNull(totpFactors.confirmedAt)))
      .where(eq(accounts.id, accountId))
      .limit(1);
    const hasTotp = Boolean(row?.confirmedAt);
    return { required: Boolean(row?.requiredAt), has: hasTotp || row?.passkey === true, hasTotp };
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

export function setupRequired(): AppError {
  return new AppError('second_factor_setup_required', 'Your organisation requires a second factor. Please set one up first.');
}

/**
 * The named policy "second factor required by the organisation": a logged-in person of such an
 * organisation without a confirmed second factor reaches nothing but the set-up until they have one.
 */
export function registerSecondFactorRequirement(app: FastifyInstance, store: RequirementStore): void {
  app.addHook('preHandler', async (request) => {
    if (request.routeOptions.config.access !== 'customer' || !request.session) return;
    if (reachableDuringSetup(request.method, request.routeOptions.url ?? '')) return;
    const { required, has } = await store.of(request.session.accountId);
    if (required && !has) throw setupRequired();
  });
}
