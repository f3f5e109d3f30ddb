import { asc, desc, eq, and, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { accounts, consultations, invitations, participants } from '../db/schema';
import type { Sealer } from '../security/sealed-columns';
import type { ConsultationRow, InvitationRow, ParticipantRow } from './store';

/** Whose open consultations a list shows: one host's, or (practice staff) every host's of one organisation. */
export type ScheduleScope = { hostAccountId: string } | { organizationId: string };

/**
 * What the list shows of each row (presentConsultation), nothing more: the poll reads, parses and
 * opens only these (issue 17: the whole rows made a fifth of its CPU garbage collection).
 */
const consultationColumns = {
  id: consultations.id,
  status: consultations.status,
  callMode: consultations.callMode,
  validFrom: consultations.validFrom,
  validUntil: consultations.validUntil,
  createdAt: consultations.createdAt,
  startedAt: consultations.startedAt,
  endedAt: consultations.endedAt,
};
const invitationColumns = {
  id: invitations.id,
  consultationId: invitations.consultationId,
  guestName: invitations.guestName,
  guestEmail: invitations.guestEmail,
  guestPhone: invitations.guestPhone,
  status: invitations.status,
  emailDelivery: invitations.emailDelivery,
  smsDelivery: invitations.smsDelivery,
  deliveryError: invitations.deliveryError,
  lastSentAt: invitations.lastSentAt,
};
/** A guest's own display name is not shown here (the invitation's name is): only the host's is read. */
const participantColumns = {
  id: participants.id,
  consultationId: participants.consultationId,
  invitationId: participants.invitationId,
  role: participants.role,
  status: participants.status,
  displayName: sql<string | null>`case when ${participants.role} = 'host' then ${participants.displayName} end`,
};

export type ScheduleConsultation = Pick<ConsultationRow, keyof typeof consultationColumns>;
export type ScheduleInvitation = Pick<InvitationRow, keyof typeof invitationColumns>;
export type ScheduleParticipant = Pick<ParticipantRow, keyof typeof participantColumns>;

export interface Schedule {
  consultations: ScheduleConsultation[];
  invitations: ScheduleInvitation[];
  participants: ScheduleParticipant[];
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
      consultations: db
        .select(consultationColumns)
        .from(consultations)
        .where(and(byHost, open))
        .orderBy(desc(consultations.validFrom))
        .prepare('schedule_host_consultations'),
      invitations: db
        .select(invitationColumns)
        .from(invitations)
        .innerJoin(consultations, eq(consultations.id, invitations.consultationId))
        .where(and(byHost, open))
        .orderBy(invitations.createdAt)
        .prepare('schedule_host_invitations'),
      participants: db
        .select(participantColumns)
        .from(participants)
        .innerJoin(consultations, eq(consultations.id, participants.consultationId))
        .where(and(byHost, open))
        .prepare('schedule_host_participants'),
    };
    // Staff see their organisation's, earliest first like a schedule.
    this.organization = {
      consultations: db
        .select(consultationColumns)
        .from(consultations)
        .innerJoin(accounts, eq(accounts.id, consultations.hostAccountId))
        .where(and(ofOrganization, open))
        .orderBy(asc(consultations.validFrom))
        .prepare('schedule_organization_consultations'),
      invitations: db
        .select(invitationColumns)
        .from(invitations)
        .innerJoin(consultations, eq(consultations.id, invitations.consultationId))
        .innerJoin(accounts, eq(accounts.id, consultations.hostAccountId))
        .where(and(ofOrganization, open))
        .orderBy(invitations.createdAt)
        .prepare('schedule_organization_invitations'),
      participants: db
        .select(participantColumns)
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
