import { and, eq, getTableColumns, isNotNull, or, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { accounts, consultations, invitations, participants, sessions } from '../db/schema';
import type { Sealer } from '../security/sealed-columns';
import type { ConsultationRow, ParticipantRow } from '../consultations/store';

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
}

/** Who was in a call, for a process that meets its room for the first time (after a restart). */
export interface RoomState {
  callMode: ConsultationRow['callMode'];
  /** The admitted participants who had a socket (a resume token), each with its invited name. */
  admitted: { participant: ParticipantRow; invitedName: string | undefined }[];
}

/**
 * The reads of a signaling upgrade and of a room's first `hello`, each one prepared round trip: on
 * PGlite queries run one at a time, so opening many sockets at once (a restart's reconnects) costs
 * as many round trips per socket as these make. Everything is read fresh: a session ended or a
 * consultation closed a moment ago is refused at the next upgrade.
 */
export class SignalingStore {
  private readonly sessionPlaceQuery;
  private readonly roomStateQuery;

  constructor(
    db: Db,
    private readonly sealer: Sealer,
  ) {
    // The host's place in its own consultation, or a colleague's who answered the call (P-07); the
    // session row comes without a place for anyone else's consultation.
    const open = and(eq(consultations.id, sql.placeholder('consultationId')), eq(consultations.status, 'open'));
    const ownPlace = and(
      eq(participants.consultationId, consultations.id),
      or(
        and(eq(participants.role, 'host'), eq(consultations.hostAccountId, sessions.accountId)),
        and(eq(participants.role, 'member'), eq(participants.accountId, sessions.accountId), eq(participants.status, 'admitted')),
      ),
    );
    this.sessionPlaceQuery = db
      .select({
        accountId: sessions.accountId,
        expiresAt: sessions.expiresAt,
        lastSeenAt: sessions.lastSeenAt,
        organizationId: accounts.organizationId,
        place: getTableColumns(participants),
      })
      .from(sessions)
      .innerJoin(accounts, eq(accounts.id, sessions.accountId))
      .leftJoin(consultations, open)
      .leftJoin(participants, ownPlace)
      .where(eq(sessions.idHash, sql.placeholder('idHash')))
      .limit(1)
      .prepare('signaling_session_place');
    // One row per admitted participant with a resume token; a room without any still yields its mode.
    this.roomStateQuery = db
      .select({ callMode: consultations.callMode, participant: getTableColumns(participants), invitedName: invitations.guestName })
      .from(consultations)
      .leftJoin(participants, and(eq(participants.consultationId, consultations.id), eq(participants.status, 'admitted'), isNotNull(participants.resumeHash)))
      .leftJoin(invitations, eq(invitations.id, participants.invitationId))
      .where(eq(consultations.id, sql.placeholder('consultationId')))
      .prepare('signaling_room_state');
  }

  async sessionPlace(idHash: string, consultationId: string): Promise<SessionPlace | undefined> {
    const [row] = await this.sessionPlaceQuery.execute({ idHash, consultationId });
    if (!row) return undefined;
    const { place, organizationId, ...session } = row;
    return { session, organizationId, place: place ? this.sealer.open('participants', place) : undefined };
  }

  /** Undefined for an unknown consultation. */
  async roomState(consultationId: string): Promise<RoomState | undefined> {
    const rows = await this.roomStateQuery.execute({ consultationId });
    if (rows.length === 0) return undefined;
    const admitted: RoomState['admitted'] = [];
    for (const row of rows) {
      if (!row.participant) continue;
      const participant = this.sealer.open('participants', row.participant);
      const invitedName = row.invitedName === null ? undefined : this.sealer.open('invitations', { guestName: row.invitedName }).guestName;
      if (participant.displayName) admitted.push({ participant, invitedName });
    }
    return { callMode: rows[0]!.callMode, admitted };
  }
}
