import type { AccountRow } from '../accounts/store';
import { organizationRules, type RoleFacts } from '../organizations/policy';

/**
 * Colleague contacts and calls (P-07), as named rules. Practice staff organise consultations but
 * never take part in one (Anlage 31b), so they neither see presence nor call or get called.
 */
export const colleagueRules = {
  /** Sees the colleague list with presence and may call: an active professional of an organisation. */
  seesColleagues: (actor: RoleFacts) =>
    actor.kind === 'organization' && actor.organizationId !== null && actor.status === 'active' && organizationRules.holdsConsultations(actor),
  /** Caller and callee are two different active professionals of the same organisation. */
  mayCall: (caller: AccountRow, callee: AccountRow) =>
    colleagueRules.seesColleagues(caller) &&
    colleagueRules.seesColleagues(callee) &&
    caller.id !== callee.id &&
    caller.organizationId === callee.organizationId,
} as const;
