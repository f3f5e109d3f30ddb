import type { AccountStore } from '../accounts/store';
import { displayNameOf } from '../accounts/display-name';
import { AppError } from '../http/errors';
import { organizationRules } from '../organizations/policy';
import type { ConsultationRow, ConsultationStore } from './store';

export interface ActivityEntryRow {
  consultation: ConsultationRow;
  hostName: string;
}

/**
 * Ended consultations (P-14): when, how long, with whom. A professional sees their own; an
 * organisation's representative every member's, optionally one member's. Another tenant's id is
 * "not found".
 */
export class ActivityService {
  constructor(private readonly deps: { store: ConsultationStore; accounts: AccountStore }) {}

  async entries(actorId: string, filter: { from?: Date; to?: Date; member?: string }): Promise<ActivityEntryRow[]> {
    const hosts = await this.visibleHosts(actorId, filter.member);
    const rows = await this.deps.store.listEnded([...hosts.keys()], filter.from, filter.to);
    return rows.map((consultation) => ({ consultation, hostName: hosts.get(consultation.hostAccountId) ?? '' }));
  }

  /** Whose activity the actor may see, with their names. */
  private async visibleHosts(actorId: string, member: string | undefined): Promise<Map<string, string>> {
    const { accounts } = this.deps;
    const actor = await accounts.findById(actorId);
    if (!actor) throw new AppError('unauthenticated', 'Please log in.');
    const visible = actor.organizationId && organizationRules.managesMembers(actor) ? await accounts.ofOrganization(actor.organizationId) : [actor];
    const chosen = member ? visible.filter((account) => account.id === member) : visible;
    if (member && chosen.length === 0) throw new AppError('not_found', 'No such member.');
    return new Map(chosen.map((account) => [account.id, displayNameOf(account)]));
  }
}
