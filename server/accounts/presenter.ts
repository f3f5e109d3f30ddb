import type { Abilities, Profile, SessionAccount } from '../../common/api/accounts';
import { colleagueRules } from '../colleagues/policy';
import { organizationRules, type RoleFacts } from '../organizations/policy';
import type { AccountRow, SessionAccountRow } from './store';

/** Every field the API returns about an account is named here; nothing else leaves the server. */
export function presentProfile(account: AccountRow, pendingEmail: string | null): Profile {
  // The session's part, and what only the profile page shows.
  return {
    ...presentSessionAccount(account, pendingEmail),
    dateOfBirth: account.dateOfBirth,
    street: account.street,
    houseNumber: account.houseNumber,
    postalCode: account.postalCode,
    city: account.city,
    country: account.country,
    phone: account.phone,
  };
}

/** What every page load gets (sessionAccountResponse): no address, phone or date of birth. */
export function presentSessionAccount(account: SessionAccountRow, pendingEmail: string | null): SessionAccount {
  return {
    id: account.id,
    kind: account.kind,
    organizationRole: account.organizationRole,
    firstName: account.firstName,
    lastName: account.lastName,
    email: account.email,
    locale: account.locale,
    createdAt: account.createdAt.toISOString(),
    pendingEmail,
    abilities: presentAbilities(account),
  };
}

/** The named rules, evaluated for the person (the web app reads these instead of the role). */
export function presentAbilities(account: RoleFacts): Abilities {
  return {
    holdsConsultations: organizationRules.holdsConsultations(account),
    organizesConsultations: organizationRules.organizesConsultations(account),
    managesMembers: organizationRules.managesMembers(account),
    seesColleagues: colleagueRules.seesColleagues(account),
  };
}
