import type { MemberView, ProfessionalView } from '../../common/api/organizations';
import type { AccountRow } from '../accounts/store';

/** What the representative sees of a colleague: name, address, role, state — nothing more. */
export function presentMember(account: AccountRow): MemberView {
  return {
    id: account.id,
    firstName: account.firstName,
    lastName: account.lastName,
    email: account.email,
    role: account.organizationRole ?? 'member',
    status: account.status,
    createdAt: account.createdAt.toISOString(),
  };
}

/** What practice staff see of a professional they organise for: the name only. */
export function presentProfessional(account: AccountRow): ProfessionalView {
  return { id: account.id, firstName: account.firstName, lastName: account.lastName };
}
