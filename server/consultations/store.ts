import { and, desc, eq, getTableColumns, gte, inArray, isNotNull, isNull, lt, lte, or, sql, type Column, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database';
import { aliased } from '../db/lateral';
import { TurnBatch } from '../db/turn-batch';
import { consultations, invitations, participants } from '../db/schema';
import type { Sealer } from '../security/sealed-columns';

export type ConsultationRow = typeof consultations.$inferSelect;
export type InvitationRow = typeof invitations.$inferSelect;
export type ParticipantRow = typeof participants.$inferSelect;

/** What a signaling `hello` stores of its participant (server/signaling/hello-writes.ts); null leaves a column as it is. */
export interface HelloState {
  id: string;
  resumeHash: string;
  status: 'admitted' | 'waiting' | null;
  admittedAt: Date | null;
}

/** A guest's place, its consultation and the name the invitation gave (null without one). */
export interface GuestPlace {
  participant: ParticipantRow;
  consultation: ConsultationRow;
  invitedName: string | null;
  /** Nobody in the consultation could resume a place in its call ({@link noOneToResume}). */
  noOneToResume: boolean;
}

/**
 * True when no participant of the consultation could resume a place in its call: nobody admitted
 * holds a resume token (each socket's hello gives one). A signaling room loaded for such a
 * consultation would hold no one as away, so the upgrade's read says so and spares the room its own
 * read (server/signaling/rooms.ts). Read at the upgrade; the room is made at the hello that follows,
 * and only a hello in that room (on its one home process, where it then lives) gives a token.
 */
export function noOneToResume(consultationId: SQL | Column) {
  return sql<boolean>`not exists (select 1 from ${participants} where ${participants.consultationId} = ${consultationId} and ${participants.status} = 'admitted' and ${participants.resumeHash} is not null)`;
}

export interface EndedConsultation {
  consultation: ConsultationRow;
  /** The guests who had been admitted, each with the invitation they came by (if any), read before deletion. */
  guests: { participant: ParticipantRow; invitation: InvitationRow | undefined }[];
}

/**
 * Guests' names and contact data, display names and the activity entry's names are sealed on the way
 * in and opened on the way out (P-21): callers see plaintext.
 */
export class ConsultationStore {
  /**
   * A guest's place by the hash of the guest cookie, with its consultation and the invited name:
   * read at each guest request and at each guest's signaling upgrade, one prepared statement for all
   * those of a turn of the event loop (a restart's reconnects open many sockets at once).
   */
  private readonly guestPlace;
  private readonly guestPlaces = new TurnBatch((sessionHashes: string[]) => this.readGuestPlaces(sessionHashes));

  constructor(
    private readonly db: Db,
    private readonly sealer: Sealer,
  ) {
    // Each hash looked up by its index, the consultation and invitation by their keys (lateral
    // subqueries with a limit): planned as joins, the consultations and invitations were scanned
    // whole for every batch once they were small when the generic plan was made.
    const place = db
      .select(getTableColumns(participants))
      .from(participants)
      .where(sql`${participants.sessionHash} = g.session_hash`)
      .limit(1)
      .as('place');
    const consultation = db
      .select(getTableColumns(consultations))
      .from(consultations)
      .where(eq(consultations.id, place.consultationId))
      .limit(1)
      .as('consultation');
    this.guestPlace = db
      .select({
        participant: aliased(place, getTableColumns(participants)),
        consultation: aliased(consultation, getTableColumns(consultations)),
        invitedName: sql<string | null>`(select ${invitations.guestName} from ${invitations} where ${invitations.id} = ${place.invitationId})`,
        noOneToResume: noOneToResume(place.consultationId),
      })
      .from(sql`json_array_elements_text(${sql.placeholder('sessionHashes')}::json) as g(session_hash)`)
      .innerJoinLateral(place, sql`true`)
      .innerJoinLateral(consultation, sql`true`)
      .prepare('consultations_guest_places');
  }

  /** The participant of this guest-cookie hash, its consultation and its invitation's name (null without one). */
  findGuestPlace(sessionHash: string): Promise<GuestPlace | undefined> {
    return this.guestPlaces.load(sessionHash);
  }

  private async readGuestPlaces(sessionHashes: string[]): Promise<(GuestPlace | undefined)[]> {
    // JSON, not an array: the planner sizes an array parameter and then planned every execution anew.
    const rows = await this.guestPlace.execute({ sessionHashes: JSON.stringify(sessionHashes) });
    // The hash is unique (participants_session_unique): one row at most per key.
    const byHash = new Map(rows.map((row) => [row.participant.sessionHash, row]));
    return sessionHashes.map((sessionHash) => {
      const row = byHash.get(sessionHash);
      if (!row) return undefined;
      return {
        participant: this.sealer.open('participants', row.participant),
        consultation: this.sealer.open('consultations', row.consultation),
        invitedName: row.invitedName === null ? null : this.sealer.open('invitations', { guestName: row.invitedName }).guestName,
        noOneToResume: row.noOneToResume,
      };
    });
  }

  /** Creates the consultation with its host participant in one transaction. */
  async setCallMode(consultationId: string, callMode: ConsultationRow['callMode']): Promise<void> {
    await this.db.update(consultations).set({ callMode }).where(eq(consultations.id, consultationId));
  }

  async create(row: typeof consultations.$inferInsert, hostDisplayName: string): Promise<ConsultationRow> {
    return this.db.transaction(async (tx) => {
      const [consultation] = await tx.insert(consultations).values(this.sealer.seal('consultations', row)).returning();
      if (!consultation) throw new Error('insert returned no row');
      await tx.insert(participants).values(
        this.sealer.seal('participants', {
          consultationId: consultation.id,
          role: 'host' as const,
          accountId: row.hostAccountId,
          displayName: hostDisplayName,
          status: 'admitted' as const,
          createdAt: row.createdAt,
        }),
      );
      return this.sealer.open('consultations', consultation);
    });
  }

  async find(id: string): Promise<ConsultationRow | undefined> {
    const [row] = await this.db.select().from(consultations).where(eq(consultations.id, id)).limit(1);
    return row && this.sealer.open('consultations', row);
  }

  /** Only the host's own consultation: another tenant's id looks exactly like an unknown one. */
  async findOwned(id: string, hostAccountId: string): Promise<ConsultationRow | undefined> {
    const [row] = await this.db
      .select()
      .from(consultations)
      .where(and(eq(consultations.id, id), eq(consultations.hostAccountId, hostAccountId)))
      .limit(1);
    return row && this.sealer.open('consultations', row);
  }

  async listOpen(hostAccountIds: string[]): Promise<ConsultationRow[]> {
    if (hostAccountIds.length === 0) return [];
    const rows = await this.db
      .select()
      .from(consultations)
      .where(and(inArray(consultations.hostAccountId, hostAccountIds), eq(consultations.status, 'open')))
      .orderBy(desc(consultations.validFrom));
    return this.sealer.openAll('consultations', rows);
  }

  async listEnded(hostAccountIds: string[], from: Date | undefined, to: Date | undefined): Promise<ConsultationRow[]> {
    if (hostAccountIds.length === 0) return [];
    const rows = await this.db
      .select()
      .from(consultations)
      .where(
        and(
          inArray(consultations.hostAccountId, hostAccountIds),
          eq(consultations.status, 'ended'),
          from ? gte(consultations.endedAt, from) : undefined,
          to ? lt(consultations.endedAt, to) : undefined,
        ),
      )
      .orderBy(desc(consultations.endedAt));
    return this.sealer.openAll('consultations', rows);
  }

  async update(id: string, changes: Partial<typeof consultations.$inferInsert>): Promise<void> {
    await this.db.update(consultations).set(this.sealer.seal('consultations', changes)).where(eq(consultations.id, id));
  }

  /** The activity entry's start: the first admission. */
  async markStarted(id: string, at: Date): Promise<void> {
    await this.db
      .update(consultations)
      .set({ startedAt: at })
      .where(and(eq(consultations.id, id), isNull(consultations.startedAt)));
  }

  /**
   * A guest let into the call: its status, and the consultation's start if this is the first
   * admission. One statement, as atomic as both in a transaction: the host who admits four guests at
   * once waits for each in turn (its later messages, offers included, queue behind them), so each
   * admission's cost is paid up to four times before the last guest sees the call.
   */
  async recordAdmission(participantId: string, consultationId: string, at: Date): Promise<void> {
    const admitted = this.db
      .$with('admitted')
      .as(
        this.db.update(participants).set({ status: 'admitted', admittedAt: at }).where(eq(participants.id, participantId)).returning({ id: participants.id }),
      );
    await this.db
      .with(admitted)
      .update(consultations)
      .set({ startedAt: at })
      .where(and(eq(consultations.id, consultationId), isNull(consultations.startedAt)));
  }

  async addInvitation(row: typeof invitations.$inferInsert): Promise<InvitationRow> {
    const [invitation] = await this.db.insert(invitations).values(this.sealer.seal('invitations', row)).returning();
    if (!invitation) throw new Error('insert returned no row');
    return this.sealer.open('invitations', invitation);
  }

  async invitationsOf(consultationIds: string[]): Promise<InvitationRow[]> {
    if (consultationIds.length === 0) return [];
    const rows = await this.db.select().from(invitations).where(inArray(invitations.consultationId, consultationIds)).orderBy(invitations.createdAt);
    return this.sealer.openAll('invitations', rows);
  }

  async findInvitation(consultationId: string, invitationId: string): Promise<InvitationRow | undefined> {
    const [row] = await this.db
      .select()
      .from(invitations)
      .where(and(eq(invitations.id, invitationId), eq(invitations.consultationId, consultationId)))
      .limit(1);
    return row && this.sealer.open('invitations', row);
  }

  async findInvitationByToken(tokenHash: string): Promise<InvitationRow | undefined> {
    const [row] = await this.db.select().from(invitations).where(eq(invitations.tokenHash, tokenHash)).limit(1);
    return row && this.sealer.open('invitations', row);
  }

  async updateInvitation(id: string, changes: Partial<typeof invitations.$inferInsert>): Promise<void> {
    await this.db.update(invitations).set(this.sealer.seal('invitations', changes)).where(eq(invitations.id, id));
  }

  async participantsOf(consultationIds: string[]): Promise<ParticipantRow[]> {
    if (consultationIds.length === 0) return [];
    return this.sealer.openAll('participants', await this.db.select().from(participants).where(inArray(participants.consultationId, consultationIds)));
  }

  async findParticipant(id: string): Promise<ParticipantRow | undefined> {
    const [row] = await this.db.select().from(participants).where(eq(participants.id, id)).limit(1);
    return row && this.sealer.open('participants', row);
  }

  async findParticipantByInvitation(invitationId: string): Promise<ParticipantRow | undefined> {
    const [row] = await this.db.select().from(participants).where(eq(participants.invitationId, invitationId)).limit(1);
    return row && this.sealer.open('participants', row);
  }

  async findHostParticipant(consultationId: string): Promise<ParticipantRow | undefined> {
    const [row] = await this.db
      .select()
      .from(participants)
      .where(and(eq(participants.consultationId, consultationId), eq(participants.role, 'host')))
      .limit(1);
    return row && this.sealer.open('participants', row);
  }

  /** A colleague's place in a consultation (P-07): a participant with role member bound to the account. */
  async findMemberParticipant(consultationId: string, accountId: string): Promise<ParticipantRow | undefined> {
    const [row] = await this.db
      .select()
      .from(participants)
      .where(and(eq(participants.consultationId, consultationId), eq(participants.role, 'member'), eq(participants.accountId, accountId)))
      .limit(1);
    return row && this.sealer.open('participants', row);
  }

  /**
   * A logged-in account's place in an open consultation, in one query (a socket's upgrade): the
   * host's place in its own consultation, or an admitted colleague's (P-07).
   */
  async findAccountPlace(consultationId: string, accountId: string): Promise<ParticipantRow | undefined> {
    const [row] = await this.db
      .select({ participant: participants })
      .from(participants)
      .innerJoin(consultations, eq(consultations.id, participants.consultationId))
      .where(
        and(
          eq(participants.consultationId, consultationId),
          eq(consultations.status, 'open'),
          or(
            and(eq(participants.role, 'host'), eq(consultations.hostAccountId, accountId)),
            and(eq(participants.role, 'member'), eq(participants.accountId, accountId), eq(participants.status, 'admitted')),
          ),
        ),
      )
      .limit(1);
    return row && this.sealer.open('participants', row.participant);
  }

  async insertParticipant(row: typeof participants.$inferInsert): Promise<ParticipantRow> {
    const [participant] = await this.db.insert(participants).values(this.sealer.seal('participants', row)).returning();
    if (!participant) throw new Error('insert returned no row');
    return this.sealer.open('participants', participant);
  }

  /**
   * Every `hello` of one turn in one statement: the rows travel as one JSON parameter, so the
   * statement's text is the same for any number of them (neither pg nor PGlite needs array types).
   * The ids once more as an array: with the join alone the plan scanned every participant.
   */
  async recordHellos(states: HelloState[]): Promise<void> {
    if (states.length === 0) return;
    const rows = JSON.stringify(states.map((state) => ({ ...state, admittedAt: state.admittedAt?.toISOString() ?? null })));
    const column = (name: { name: string }) => sql.identifier(name.name);
    await this.db.execute(
      sql`update ${participants} set ${column(participants.resumeHash)} = v."resumeHash",
        ${column(participants.status)} = coalesce(v.status, ${participants.status}),
        ${column(participants.admittedAt)} = coalesce(v."admittedAt", ${participants.admittedAt})
        from json_to_recordset(${rows}::json) as v(id uuid, "resumeHash" text, status text, "admittedAt" timestamptz)
        where ${participants.id} = v.id
        and ${participants.id} = any(array(select (e->>'id')::uuid from json_array_elements(${rows}::json) as e))`,
    );
  }

  async updateParticipant(id: string, changes: Partial<typeof participants.$inferInsert>): Promise<ParticipantRow | undefined> {
    const [row] = await this.db.update(participants).set(this.sealer.seal('participants', changes)).where(eq(participants.id, id)).returning();
    return row && this.sealer.open('participants', row);
  }

  /**
   * Ends the consultation: keeps only the activity entry (names of those who took part) and deletes
   * invitations and participants, and with them the guests' contact data (P-09). Returns the admitted
   * guests with their invitations as they were, for what the end hands to them (chat-ticket.ts).
   */
  async end(id: string, endedAt: Date): Promise<EndedConsultation | undefined> {
    return this.db.transaction(async (tx) => {
      const admitted = this.sealer.openAll(
        'participants',
        await tx
          .select()
          .from(participants)
          .where(and(eq(participants.consultationId, id), isNotNull(participants.admittedAt))),
      );
      const names = admitted.map((row) => row.displayName).filter((name): name is string => Boolean(name));
      const [row] = await tx
        .update(consultations)
        .set(this.sealer.seal('consultations', { status: 'ended' as const, endedAt, participantNames: names }))
        .where(and(eq(consultations.id, id), eq(consultations.status, 'open')))
        .returning();
      if (!row) return undefined;
      const invited = this.sealer.openAll('invitations', await tx.select().from(invitations).where(eq(invitations.consultationId, id)));
      await tx.delete(invitations).where(eq(invitations.consultationId, id));
      await tx.delete(participants).where(eq(participants.consultationId, id));
      const guests = admitted
        .filter((participant) => participant.role === 'guest')
        .map((participant) => ({ participant, invitation: invited.find((invitation) => invitation.id === participant.invitationId) }));
      return { consultation: this.sealer.open('consultations', row), guests };
    });
  }

  /** Open consultations whose window closed before `cutoff`: the retention job ends them. */
  async openEndedBefore(cutoff: Date, limit: number): Promise<ConsultationRow[]> {
    const rows = await this.db
      .select()
      .from(consultations)
      .where(and(eq(consultations.status, 'open'), lte(consultations.validUntil, cutoff)))
      .limit(limit);
    return this.sealer.openAll('consultations', rows);
  }
}
