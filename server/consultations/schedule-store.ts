import { asc, desc, eq, getTableColumns, and, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { accounts, consultations, invitations, participants } from '../db/schema';
import type { Sealer } from '../security/sealed-columns';
import type { ConsultationRow, InvitationRow, ParticipantRow } from './store';

/** Whose open consultations a list shows: one host's, or (practice staff) every host's of one organisation. */
export type ScheduleScope = { hostAccountId: string } | { organizationId: string };

export interface Schedule {
  consultations: ConsultationRow[];
  invitations: InvitationRow[];
  participants: ParticipantRow[];
}

const open = eq(consultations.status, 'open');
const byHost = eq(consultations.hostAccountId, sql.placeholder('hostAccountId'));
const ofOrganization = eq(accounts.organizationId, sql.placeholder('organizationId'));

/**
 * The open consultations with their invitations and participants, as the dashboard and the staff
 * schedule poll them: three prepared reads that each name the scope (no list of ids from a first
 * read), so they run side by side, and neither drizzle nor PostgreSQL builds or plans them again.
 */
export class ScheduleStore {
  private readonly host;
  private readonly organization;

  constructor(
    db: Db,
    private readonly sealer: Sealer,
  ) {
    this.host = {
      consultations: db.select().from(consultations).where(and(byHost, open)).orderBy(desc(consultations.validFrom)).prepare('schedule_host_consultations'),
      invitations: db
        .select(getTableColumns(invitations))
        .from(invitations)
        .innerJoin(consultations, eq(consultations.id, invitations.consultationId))
        .where(and(byHost, open))
        .orderBy(invitations.createdAt)
        .prepare('schedule_host_invitations'),
      participants: db
        .select(getTableColumns(participants))
        .from(participants)
        .innerJoin(consultations, eq(consultations.id, participants.consultationId))
        .where(and(byHost, open))
        .prepare('schedule_host_participants'),
    };
    // Staff see their organisation's, earliest first like a schedule.
    this.organization = {
      consultations: db
        .select(getTableColumns(consultations))
        .from(consultations)
        .innerJoin(accounts, eq(accounts.id, consultations.hostAccountId))
        .where(and(ofOrganization, open))
        .orderBy(asc(consultations.validFrom))
        .prepare('schedule_organization_consultations'),
      invitations: db
        .select(getTableColumns(invitations))
        .from(invitations)
        .innerJoin(consultations, eq(consultations.id, invitations.consultationId))
        .innerJoin(accounts, eq(accounts.id, consultations.hostAccountId))
        .where(and(ofOrganization, open))
        .orderBy(invitations.createdAt)
        .prepare('schedule_organization_invitations'),
      participants: db
        .select(getTableColumns(participants))
        .from(participants)
        .innerJoin(consultations, eq(consultations.id, participants.consultationId))
        .innerJoin(accounts, eq(accounts.id, consultations.hostAccountId))
        .where(and(ofOrganization, open))
        .prepare('schedule_organization_participants'),
    };
  }

  async of(scope: ScheduleScope): Promise<Schedule> {
    const [queries, params] = 'hostAccountId' in scope ? [this.host, scope] : [this.organization, scope];
    const [rows, invitationRows, participantRows] = await Promise.all([
      queries.consultations.execute(params),
      queries.invitations.execute(params),
      queries.participants.execute(params),
    ]);
    return {
      consultations: this.sealer.openAll('consultations', rows),
      invitations: this.sealer.openAll('invitations', invitationRows),
      participants: this.sealer.openAll('participants', participantRows),
    };
  }
}
