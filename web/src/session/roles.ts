import type { Profile } from '../../../common/api/accounts';

/** Practice staff (the "second access") organise consultations but never hold or join one. */
export function isPracticeStaff(account: Pick<Profile, 'kind' | 'organizationRole'>): boolean {
  return account.kind === 'organization' && account.organizationRole === 'staff';
}

/** The representative sees the whole organisation's activity. */
export function isRepresentative(account: Pick<Profile, 'kind' | 'organizationRole'>): boolean {
  return account.kind === 'organization' && account.organizationRole === 'representative';
}
