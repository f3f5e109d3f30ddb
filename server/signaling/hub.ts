import {
  ADMITTED_ONLY_MESSAGES,
  CLOSE_CODES,
  encodeServerMessage,
  HOST_ONLY_MESSAGES,
  RESUME_GRACE_MS,
  SIGNALING_PROTOCOL_VERSION,
  type ChatMailTicket,
  type ClientMessage,
  type ClientMessageOf,
} from '../../common/signaling';
import type { Clock } from '../clock';
import type { ConsultationEvents } from '../consultations/service';
import type { ConsultationStore } from '../consultations/store';
import type { Logger } from '../http/logging';
import type { CallCounters } from '../metrics/metrics';
import { randomToken, sha256 } from '../security/tokens';
import { Admission, type OrganizerAction } from './admission';
import { HelloWrites } from './hello-writes';
import { announce, broadcastLeft, send, sendError, tell } from './messages';
import { describeMember, type Connection, type Member, type Room } from './room';
import { Rooms } from './rooms';
import type { SignalingStore } from './store';
import type { Config } from '../config/config';

/** Who is behind a socket, established at the upgrade from the session or guest cookie. */
export interface SignalingIdentity {
  consultationId: string;
  participantId: string;
  role: 'host' | 'guest' | 'member';
  displayName: string;
  /** A guest's name in the invitation, for the host to compare with `displayName`. */
  invitedName?: string;
  /** Status in the database: an admitted participant is never sent back to the waiting room. */
  admitted: boolean;
  resumeHash: string | null;
  /** Hash of the login session behind a host's socket: the socket closes when that session ends. */
  sessionIdHash?: string;
  /** The account behind a host's or colleague's socket. */
  accountId?: string;
  /** That account's organisation (null: none), read at the upgrade: its colleagues see it "in a call". */
  organizationId?: string | null;
  /**
   * Set when the upgrade's read found nobody who could resume a place in the call: a process that
   * does not hold the room yet makes it, empty in this mode, without reading who was in it.
   */
  emptyRoom?: { callMode: 'video' | 'audio' };
}

/** Learns when an account's socket enters or leaves a call (colleagues see "in a call", P-07). */
export interface CallPresenceListener {
  /** `organizationId` when known already, null for none (spares a read). */
  callPresenceChanged(accountId: string, organizationId?: string | null): void;
}

/** The host ends a consultation through the service, which also tells this hub. */
export interface ConsultationCloser {
  endNow(consultationId: string, reason: 'host' | 'expired'): Promise<void>;
}

/** A colleague found the call full at the door; the socket is already closed. */
export class RoomFullError extends Error {
  constructor() {
    super('room full');
  }
}

/**
 * Runs every room on this process: the door (hello, the participant limit), host-only actions, relaying
 * of offers/answers/candidates between admitted members, and resume after a dropped socket; the
 * waiting room (admission, declining, removing, messages) is {@link Admission}'s.
 * It never logs SDP, candidates, names or texts. Sockets held by other processes reach it through
 * `SignalingCluster`, as connections like any other.
 */

export class SignalingHub implements ConsultationEvents {
  private readonly rooms: Rooms;
  private readonly helloWrites: HelloWrites;
  private readonly admission: Admission;
  constructor(
    private readonly deps: {
      store: ConsultationStore;
      /** The reads of a room's first hello, one round trip. */
      reads: SignalingStore;
      clock: Clock;
      log: Logger;
      /** Ends a consultation for everyone (the host's "end for all"). */
      closer: ConsultationCloser;
      /** Told when someone's being in a call changes (colleague presence). */
      presence: CallPresenceListener;
      /** Counts admissions when metrics are on. */
      counters?: Pick<CallCounters, 'callSetUp'>;
      /** The ICE servers an admitted guest gets with the admission (TURN credentials: admitted only). */
      ice: Config['ice'];
      graceMs?: number;
    },
  ) {
    // A room loaded after a restart holds everyone admitted as away, each with the resume grace period.
    this.rooms = new Rooms(deps.reads, (room, member) => this.startGrace(room, member));
    this.helloWrites = new HelloWrites(deps.store);
    this.admission = new Admission(deps);
  }

  /** Handles a socket's `hello`: gives it its place (resumed or new) and tells the others. */
  async join(identity: SignalingIdentity, connection: Connection, resumeToken: string | undefined, media: Member['media'] | undefined): Promise<Member> {
    const room = await this.rooms.of(identity.consultationId, identity.emptyRoom);
    const resumed = Boolean(resumeToken && identity.resumeHash && sha256(resumeToken) === identity.resumeHash);
    const previous = room.members.get(identity.participantId);
    if (previous?.connection && previous.connection !== connection) {
      previous.connection.close(CLOSE_CODES.replaced, 'connected elsewhere');
    }
    const wasKnown = previous !== undefined;
    // A colleague comes straight in (no waiting room), so the limit applies at the door.
    if (identity.role === 'member' && !wasKnown && !room.hasRoomForOneMore()) {
      connection.send(encodeServerMessage({ type: 'error', code: 'room_full', message: 'The call already has the maximum number of participants.' }));
      connection.close(CLOSE_CODES.roomFull, 'room full');
      throw new RoomFullError();
    }
    const token = randomToken();
    const isHost = identity.role === 'host';
    await this.helloWrites.write({
      id: identity.participantId,
      resumeHash: sha256(token),
      // The host is in the call from its first connection on; a guest enters the waiting room.
      status: identity.admitted ? null : isHost ? 'admitted' : 'waiting',
      admittedAt: isHost && !identity.admitted ? this.deps.clock.now() : null,
    });
    const member = room.upsert({
      participantId: identity.participantId,
      role: identity.role,
      displayName: identity.displayName,
      invitedName: identity.invitedName,
      status: identity.admitted || isHost ? 'admitted' : 'waiting',
      connection,
      sessionIdHash: identity.sessionIdHash,
      accountId: identity.accountId,
      organizationId: identity.organizationId,
      ...(media ? { media } : {}),
    });
    send(member, {
      type: 'welcome',
      protocol: SIGNALING_PROTOCOL_VERSION,
      participantId: member.participantId,
      role: member.role,
      status: member.status,
      resumeToken: token,
      resumed,
      participants: room.visibleTo(member).map((other) => describeMember(other, member)),
      mode: room.mode,
    });
    announce(room, member, wasKnown ? 'participant-updated' : 'participant-joined');
    this.callPresenceChanged(member);
    return member;
  }

  /** Whether the account has a live socket in a call on this process. */
  isInCall(accountId: string): boolean {
    for (const room of this.rooms.values()) {
      for (const member of room.members.values()) if (member.accountId === accountId && member.connection) return true;
    }
    return false;
  }

  private callPresenceChanged(member: Member): void {
    if (member.accountId) this.deps.presence.callPresenceChanged(member.accountId, member.organizationId);
  }

  /**
   * One validated message from a member's socket. Synchronous unless it needs the database: a relay
   * must not cost a promise per message; the caller orders messages after a returned promise.
   */
  handle(member: Member, message: ClientMessage): void | Promise<void> {
    const room = this.rooms.get(member.consultationId);
    if (!room || room.members.get(member.participantId) !== member) return;
    if (HOST_ONLY_MESSAGES.has(message.type) && member.role !== 'host') {
      return sendError(member, 'host_only', 'Only the host may do that.', message.type);
    }
    if (ADMITTED_ONLY_MESSAGES.has(message.type) && member.status !== 'admitted') {
      return sendError(member, 'not_admitted', 'Please wait until you are let in.', message.type);
    }
    switch (message.type) {
      case 'signal':
        return this.relay(room, member, message);
      case 'admit':
        return this.admission.admit(room, member, message.participantId);
      case 'decline':
        return this.admission.dismiss(room, member, message.participantId, 'declined');
      case 'remove':
        return this.admission.dismiss(room, member, message.participantId, 'removed');
      case 'waiting-message':
        return this.admission.waitingMessage(room, member, message);
      case 'end':
        return this.deps.closer.endNow(room.consultationId, 'host');
      case 'media-state':
        member.media = message.media;
        return announce(room, member, 'participant-updated');
      case 'set-mode':
        return this.setMode(room, message.mode);
      case 'leave':
        return this.leave(room, member);
      case 'ping':
        return send(member, { type: 'pong', ...(message.ts === undefined ? {} : { ts: message.ts }) });
      case 'hello':
        return sendError(member, 'invalid_message', 'hello was already received.', 'hello');
    }
  }

  /** The socket went away without `leave`: keep the place for a resume, then let it go. */
  disconnected(member: Member, connection: Connection): void {
    const room = this.rooms.get(member.consultationId);
    if (!room || member.connection !== connection) return;
    member.connection = undefined;
    announce(room, member, 'participant-updated');
    this.callPresenceChanged(member);
    this.startGrace(room, member);
  }

  /** Keeps an away member's place for the grace period, then lets it go. */
  private startGrace(room: Room, member: Member): void {
    clearTimeout(member.graceTimer);
    member.graceTimer = setTimeout(() => {
      if (member.connection || room.members.get(member.participantId) !== member) return;
      room.remove(member.participantId);
      broadcastLeft(room, member, 'timeout');
      this.rooms.dropIfEmpty(room);
      // Someone who left the waiting room without a word is no longer waiting; an admitted guest keeps the place.
      if (member.status === 'waiting') {
        // Not fatal: the person shows as waiting until they come back or the consultation ends.
        this.deps.store
          .updateParticipant(member.participantId, { status: 'invited' })
          .catch((error: unknown) => this.deps.log.warn({ err: error }, 'signaling: a participant who left the waiting room stays marked waiting'));
      }
    }, this.deps.graceMs ?? RESUME_GRACE_MS);
    member.graceTimer.unref();
  }

  participantRevoked(consultationId: string, participantId: string, reason: 'revoked' | 'replaced'): void {
    const room = this.rooms.get(consultationId);
    const member = room?.members.get(participantId);
    if (!room || !member) return;
    if (reason === 'replaced') {
      // The place stays; only the old device's socket goes. The new one says hello shortly.
      member.connection?.close(CLOSE_CODES.replaced, 'opened on another device');
      return;
    }
    broadcastLeft(room, member, 'removed');
    tell(member, { type: 'removed' }, { code: CLOSE_CODES.revoked, reason: 'invitation revoked' });
    room.remove(participantId);
    this.rooms.dropIfEmpty(room);
  }

  /** Logout, expiry or a password change ended these login sessions: their sockets close now. */
  sessionsEnded(idHashes: string[]): void {
    const ended = new Set(idHashes);
    for (const room of this.rooms.values()) {
      for (const member of room.members.values()) {
        if (member.sessionIdHash && ended.has(member.sessionIdHash)) {
          member.connection?.close(CLOSE_CODES.unauthenticated, 'session ended');
        }
      }
    }
  }

  /** Each guest's chat-mail ticket goes to that guest's socket alone. */
  consultationEnded(consultationId: string, reason: 'host' | 'expired', chatMail: Readonly<Record<string, ChatMailTicket>> = {}): void {
    const room = this.rooms.get(consultationId);
    if (!room) return;
    for (const member of room.members.values()) {
      const ticket = Object.hasOwn(chatMail, member.participantId) ? chatMail[member.participantId] : undefined;
      tell(member, { type: 'ended', reason, ...(ticket ? { chatMail: ticket } : {}) }, { code: CLOSE_CODES.ended, reason: 'consultation ended' });
      clearTimeout(member.graceTimer);
    }
    this.rooms.delete(consultationId);
    for (const member of room.members.values()) this.callPresenceChanged(member);
  }

  /** Ordered shutdown: tell clients to come back (they resume against the next process). */
  async close(): Promise<void> {
    for (const room of this.rooms.values()) {
      for (const member of room.members.values()) {
        clearTimeout(member.graceTimer);
        member.connection?.close(CLOSE_CODES.serviceRestart, 'server restarting');
      }
    }
    this.rooms.clear();
  }

  private relay(room: Room, from: Member, message: ClientMessageOf<'signal'>): void {
    const to = room.members.get(message.to);
    if (!to || to.status !== 'admitted' || to === from) {
      return sendError(from, 'unknown_participant', 'No such participant in the call.', 'signal');
    }
    tell(to, { type: 'signal', from: from.participantId, payload: message.payload });
  }

  /**
   * Waiting-room actions of practice staff, who organise but never join the call (Anlage 31b):
   * they act through the API, never through a signaling socket of their own.
   */
  organizerAction(consultationId: string, participantId: string, action: OrganizerAction): Promise<'done' | 'not_waiting' | 'room_full'> {
    return this.admission.organizerAction(this.rooms.get(consultationId), participantId, action);
  }

  private async leave(room: Room, member: Member): Promise<void> {
    // A guest coming back after hanging up goes through the waiting room again; a colleague may rejoin.
    // Whoever hung up has no place to resume: a process that loads the room later (after a restart)
    // must not show them to the others as away for the grace period.
    await this.deps.store.updateParticipant(member.participantId, member.role === 'guest' ? { status: 'invited', resumeHash: null } : { resumeHash: null });
    broadcastLeft(room, member, 'left');
    member.connection?.close(CLOSE_CODES.normal, 'left');
    member.connection = undefined;
    room.remove(member.participantId);
    this.callPresenceChanged(member);
    this.rooms.dropIfEmpty(room);
  }

  /** Stored first, so a room loaded again (restart, another process) knows it; then everyone is told. */
  private async setMode(room: Room, mode: Room['mode']): Promise<void> {
    if (room.mode === mode) return;
    await this.deps.store.setCallMode(room.consultationId, mode);
    room.mode = mode;
    const text = encodeServerMessage({ type: 'mode', mode });
    for (const member of room.members.values()) member.connection?.send(text);
  }

  /** The consultations whose rooms live on this process. */
  roomIds(): string[] {
    return this.rooms.ids();
  }

  /** For tests and the metrics, nothing that names anyone (see Rooms.stats). */
  stats(): { rooms: number; connected: number; waitingGuests: number } {
    return this.rooms.stats();
  }
}
