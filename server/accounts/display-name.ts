import type { AccountRow } from './store';

/** How a person is named to others (mails, call rosters, lists): first and last name, nothing else (P-16). */
export function displayNameOf(account: Pick<AccountRow, 'firstName' | 'lastName'>): string {
  return `${account.firstName} ${account.lastName}`.trim();
}
