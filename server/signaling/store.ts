import { and, eq, getTableColumns, isNotNull, or, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { accounts, consultations, invitations, participants, sessions } from '../db/schema';
import type { Sealer } from '../security/sealed-columns';
import { noOneToResume, type ConsultationRow, type ParticipantRow } from '../consultations/store';
import { aliased } from '../db/lateral';
import { TurnBatch } from '../db/turn-batch';

/** A login session as stored, for SessionService.admit to judge. */
interface StoredSession {
  accountId: string;
  expiresAt: Date;
  lastSeenAt: Date;
}

/** The login session behind a host's or colleague's upgrade, with the place it may take in the call. */
export interface SessionPlace {
  session: StoredSession;
  /** Undefined when the consultation is unknown, ended, or not this account's to join. */
  place: ParticipantRow | undefined;
  organizationId: string | null;
  /** With a place: the call's mode when nobody could resume a place in it ({@link noOneToResume}), else undefined. */
  emptyRoomMode: ConsultationRow['callMode'] | undefined;
}

/** Who was in a call, for a process that meets its room for the first time (after a restart). */
export interface RoomState {
  callMode: ConsultationRow['callMode'];
  /** The admitted participants who had a socket (a resume token), each with its invited name. */
  admitted: { participant: ParticipantRow; invitedName: string | undefined }[];
}

/**
 * The upgrades' keys of one batch; `k.i` (from 1) says whose a row is. JSON rather than arrays: the
 * planner sizes an array parameter, so every execution was planned anew (a custom plan for its
 * length); a JSON parameter it never sizes, and the statement keeps one generic plan.
 */
const upgradeKeys = sql`json_to_recordset(${sql.placeholder('keys')}::json) as k(i int, id_hash text, consultation_id uuid)`;

/**
 * The reads of a signaling upgrade and of a room's first `hello`, each one prepared statement for all
 * the sockets of one turn of the event loop ({@link TurnBatch}): a statement's fixed cost dwarfs one
 * more key, and on PGlite statements run one at a time, so opening many sockets at once (a restart's
 * reconnects) would otherwise cost a statement per socket. Everything is read fresh for each upgrade: a session ended
 * or a consultation closed a moment ago is refused at the next upgrade.
 */
export class SignalingStore {
  private readonly sessionPlaceQuery;
  private readonly roomStateQuery;
  private readonly sessionPlaces = new TurnBatch((keys: { idHash: string; consultationId: string }[]) => this.readSessionPlaces(keys));
  private readonly roomStates = new TurnBatch((consultationIds: string[]) => this.readRoomStates(consultationIds));

  constructor(
    db: Db,
    private readonly sealer: Sealer,
  ) {
    // Each key looked up by the primary key or an index, one at a time (a lateral subquery with a
    // limit): planned as joins, the tables were scanned whole for every batch once they were small
    // when the generic plan was made, at a cost growing with every stored session and participant.
    const session = db
      .select({ accountId: sessions.accountId, expiresAt: sessions.expiresAt, lastSeenAt: sessions.lastSeenAt })
      .from(sessions)
      .where(sql`${sessions.idHash} = k.id_hash`)
      .limit(1)
      .as('session');
    // The host's place in its own consultation, or a colleague's who answered the call (P-07); the
    // session comes without a place for anyone else's consultation, or one that is not open.
    const place = db
      .select(getTableColumns(participants))
      .from(participants)
      .innerJoin(consultations, eq(consultations.id, participants.consultationId))
      .where(
        and(
          sql`${participants.consultationId} = k.consultation_id`,
          eq(consultations.status, 'open'),
          or(
            and(eq(participants.role, 'host'), eq(consultations.hostAccountId, session.accountId)),
            and(eq(participants.role, 'member'), eq(participants.accountId, session.accountId), eq(participants.status, 'admitted')),
          ),
        ),
      )
      .limit(1)
      .as('place');
    this.sessionPlaceQuery = db
      .select({
        key: sql<number>`k.i`.mapWith(Number),
        accountId: session.accountId,
        expiresAt: session.expiresAt,
        lastSeenAt: session.lastSeenAt,
        organizationId: accounts.organizationId,
        place: aliased(place, getTableColumns(participants)),
        // Read with the place: a room that starts empty is made at the hello without a read of its own.
        emptyRoomMode: sql<
          ConsultationRow['callMode'] | null
        >`(select ${consultations.callMode} from ${consultations} where ${consultations.id} = ${place.consultationId} and ${noOneToResume(place.consultationId)})`,
      })
      .from(upgradeKeys)
      .innerJoinLateral(session, sql`true`)
      .innerJoin(accounts, eq(accounts.id, session.accountId))
      .leftJoinLateral(place, sql`true`)
      .prepare('signaling_session_places');
    // One row per admitted participant with a resume token; a room without any still yields its mode.
    const room = db
      .select({ id: consultations.id, callMode: consultations.callMode })
      .from(consultations)
      .where(sql`${consultations.id} = r.id::uuid`)
      .limit(1)
      .as('room');
    this.roomStateQuery = db
      .select({
        consultationId: room.id,
        callMode: room.callMode,
        participant: getTableColumns(participants),
        invitedName: sql<string | null>`(select ${invitations.guestName} from ${invitations} where ${invitations.id} = ${participants.invitationId})`,
      })
      .from(sql`json_array_elements_text(${sql.placeholder('consultationIds')}::json) as r(id)`)
      .innerJoinLateral(room, sql`true`)
      .leftJoin(participants, and(eq(participants.consultationId, room.id), eq(participants.status, 'admitted'), isNotNull(participants.resumeHash)))
      .prepare('signaling_room_states');
  }

  /** Undefined for an unknown session; its place undefined when it may not join that consultation. */
  sessionPlace(idHash: string, consultationId: string): Promise<SessionPlace | undefined> {
    return this.sessionPlaces.load({ idHash, consultationId });
  }

  /** Undefined for an unknown consultation. */
  roomState(consultationId: string): Promise<RoomState | undefined> {
    return this.roomStates.load(consultationId);
  }

  private async readSessionPlaces(keys: { idHash: string; consultationId: string }[]): Promise<(SessionPlace | undefined)[]> {
    const rows = await this.sessionPlaceQuery.execute({
      keys: JSON.stringify(keys.map((key, index) => ({ i: index + 1, id_hash: key.idHash, consultation_id: key.consultationId }))),
    });
    const found: (SessionPlace | undefined)[] = new Array(keys.length).fill(undefined);
    for (const { key, place, organizationId, emptyRoomMode, ...session } of rows) {
      // One row per key: a session has one place in a consultation (the host's, or a colleague's).
      if (found[key - 1]) continue;
      found[key - 1] = {
        session,
        organizationId,
        place: place ? this.sealer.open('participants', place) : undefined,
        emptyRoomMode: emptyRoomMode ?? undefined,
      };
    }
    return found;
  }

  private async readRoomStates(consultationIds: string[]): Promise<(RoomState | undefined)[]> {
    const rows = await this.roomStateQuery.execute({ consultationIds: JSON.stringify(consultationIds) });
    const states = new Map<string, RoomState>();
    for (const row of rows) {
      let state = states.get(row.consultationId);
      if (!state) states.set(row.consultationId, (state = { callMode: row.callMode, admitted: [] }));
      if (!row.participant) continue;
      const participant = this.sealer.open('participants', row.participant);
      const invitedName = row.invitedName === null ? undefined : this.sealer.open('invitations', { guestName: row.invitedName }).guestName;
      if (participant.displayName) state.admitted.push({ participant, invitedName });
    }
    return consultationIds.map((id) => states.get(id));
  }
}
