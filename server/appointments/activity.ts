import { displayNameOf } from '../accounts/display-name';
import type { AccountStore } from '../accounts/store';
import { AppError } from '../http/errors';
import { organizationRules } from '../organizations/policy';
import type { AppointmentActivityRow, AppointmentChangeStore } from './change-store';

export interface AppointmentActivityEntry extends AppointmentActivityRow {
  professionalName: string;
}

/**
 * Appointments in the activity list (P-14): booked, held (the consultation took place), cancelled and
 * missed — who, when, which type; never why. Visible like the consultations' activity: one's own, and
 * for the representative the whole organisation's, optionally one member's.
 */
export class AppointmentActivity {
  constructor(private readonly deps: { changes: AppointmentChangeStore; accounts: AccountStore }) {}

  async entries(actorId: string, filter: { from?: Date; to?: Date; member?: string }): Promise<AppointmentActivityEntry[]> {
    const { accounts } = this.deps;
    const actor = await accounts.findById(actorId);
    if (!actor) throw new AppError('unauthenticated', 'Please log in.');
    const visible = actor.organizationId && organizationRules.managesMembers(actor) ? await accounts.ofOrganization(actor.organizationId) : [actor];
    const chosen = filter.member ? visible.filter((account) => account.id === filter.member) : visible;
    if (filter.member && chosen.length === 0) throw new AppError('not_found', 'No such member.');
    const names = new Map(chosen.map((account) => [account.id, displayNameOf(account)]));
    const rows = await this.deps.changes.activityOf([...names.keys()], filter.from, filter.to);
    return rows.map((row) => ({ ...row, professionalName: names.get(row.appointment.professionalAccountId ?? '') ?? row.appointment.professionalName }));
  }
}
