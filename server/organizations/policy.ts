import type { AccountRow } from '../accounts/store';

/** What the role rules look at: a person's kind, organisation, role and status (no personal field). */
export type RoleFacts = Pick<AccountRow, 'kind' | 'organizationId' | 'organizationRole' | 'status'>;

/**
 * Who may do what inside an organisation: named rules. OrganizationService checks them for every
 * organisation action (its `authorize`); the other features that act on an organisation's people
 * (consultations, appointments, colleagues, rights, second factor) use the same rules, and the account
 * presenter hands them to the web app as abilities. A rule that fails answers 404 for objects of
 * another tenant (never 403, which would confirm they exist) and 403 for one's own organisation.
 */
export const organizationRules = {
  /** Any active person of an organisation sees its name and colleagues. */
  belongsToOrganization: (actor: RoleFacts) => actor.kind === 'organization' && actor.organizationId !== null,
  /** Inviting, deactivating, removing members and handing over the role. */
  managesMembers: (actor: RoleFacts) => actor.kind === 'organization' && actor.organizationRole === 'representative',
  /** Holding a consultation (being its host). Practice staff organise but never take part. */
  holdsConsultations: (actor: RoleFacts) => actor.kind === 'individual' || actor.organizationRole !== 'staff',
  /** Practice staff: create consultations on behalf of the organisation's professionals. */
  organizesConsultations: (actor: RoleFacts) => actor.kind === 'organization' && actor.organizationRole === 'staff',
} as const;

/**
 * The "second access" (Anlage 31b): practice staff organise consultations of the professionals of
 * their own organisation — invitations, waiting room, schedule — without taking part in them.
 */
export function organizesFor(actor: RoleFacts, host: Pick<AccountRow, 'organizationId'>): boolean {
  return (
    actor.kind === 'organization' &&
    actor.organizationRole === 'staff' &&
    actor.status === 'active' &&
    actor.organizationId !== null &&
    actor.organizationId === host.organizationId
  );
}

export type OrganizationRule = keyof typeof organizationRules;
