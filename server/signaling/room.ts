import {
  emptyMediaState,
  MAX_PARTICIPANTS,
  type CallMode,
  type MediaState,
  type Participant,
  type ParticipantRole,
  type ParticipantStatus,
} from '../../common/signaling';

/** One participant's live place in a room. The database holds what must survive a restart. */
export interface Member {
  consultationId: string;
  participantId: string;
  role: ParticipantRole;
  displayName: string;
  /** A guest's name in the invitation (the host's own record); undefined for hosts and colleagues. */
  invitedName?: string | undefined;
  status: ParticipantStatus;
  media: MediaState;
  /** The socket that currently speaks for this participant; undefined while it is away. */
  connection: Connection | undefined;
  /** The host's or colleague's login session; undefined for guests. */
  sessionIdHash?: string | undefined;
  /** The account of a host or colleague (their presence shows "in a call"); undefined for guests. */
  accountId?: string | undefined;
  /** That account's organisation (null: none) when the upgrade read it. */
  organizationId?: string | null | undefined;
  /** Removes the member when its socket does not come back within the grace period. */
  graceTimer: NodeJS.Timeout | undefined;
}

/** What the room needs of a socket; the hub wraps a `ws` socket in it. */
export interface Connection {
  send(message: string): void;
  close(code: number, reason: string): void;
}

/**
 * The live state of one consultation on this process: who is here, waiting or admitted, and who
 * may see whom. Pure state, no I/O: the rules are unit-testable on their own.
 */
export class Room {
  readonly members = new Map<string, Member>();

  constructor(
    readonly consultationId: string,
    /** P-28: audio-only or video; the host switches it, the database keeps it. */
    public mode: CallMode = 'video',
  ) {}

  get isEmpty(): boolean {
    return this.members.size === 0;
  }

  admittedCount(): number {
    return [...this.members.values()].filter((member) => member.status === 'admitted').length;
  }

  /** P-13: admitting one more must keep the call at or below the limit. */
  hasRoomForOneMore(): boolean {
    return this.admittedCount() < MAX_PARTICIPANTS;
  }

  /**
   * Every field set in one order, none spread: members share one hidden class. Built by spreading
   * objects of varying keys, each member had a hidden class of its own (about 0.5 KB a socket).
   */
  upsert(member: Omit<Member, 'media' | 'graceTimer' | 'consultationId'> & { media?: MediaState }): Member {
    const existing = this.members.get(member.participantId);
    if (existing) {
      clearTimeout(existing.graceTimer);
      existing.role = member.role;
      existing.displayName = member.displayName;
      existing.invitedName = member.invitedName;
      existing.status = member.status;
      existing.media = member.media ?? existing.media;
      existing.connection = member.connection;
      existing.sessionIdHash = member.sessionIdHash;
      existing.accountId = member.accountId;
      existing.organizationId = member.organizationId;
      existing.graceTimer = undefined;
      return existing;
    }
    const created: Member = {
      consultationId: this.consultationId,
      participantId: member.participantId,
      role: member.role,
      displayName: member.displayName,
      invitedName: member.invitedName,
      status: member.status,
      media: member.media ?? emptyMediaState,
      connection: member.connection,
      sessionIdHash: member.sessionIdHash,
      accountId: member.accountId,
      organizationId: member.organizationId,
      graceTimer: undefined,
    };
    this.members.set(member.participantId, created);
    return created;
  }

  remove(participantId: string): Member | undefined {
    const member = this.members.get(participantId);
    if (!member) return undefined;
    clearTimeout(member.graceTimer);
    this.members.delete(participantId);
    return member;
  }

  /**
   * Who `viewer` may see (P-16: names and roles only, by construction of `Participant`): admitted
   * participants see everyone admitted; the host also sees the waiting room; a waiting guest sees
   * only the host, so that nobody in the waiting room learns who else is there.
   */
  visibleTo(viewer: Member): Member[] {
    return [...this.members.values()].filter((other) => {
      if (other.participantId === viewer.participantId) return true;
      if (viewer.status === 'waiting') return other.role === 'host';
      if (other.status === 'admitted') return true;
      return viewer.role === 'host';
    });
  }

  canSee(viewer: Member, other: Member): boolean {
    return this.visibleTo(viewer).includes(other);
  }

  admitted(): Member[] {
    return [...this.members.values()].filter((member) => member.status === 'admitted');
  }

  hosts(): Member[] {
    return [...this.members.values()].filter((member) => member.role === 'host');
  }
}

/** `member` as `viewer` sees it: the invited name goes to the host alone, and only when it differs. */
export function describeMember(member: Member, viewer: Member): Participant {
  const described: Participant = {
    id: member.participantId,
    displayName: member.displayName,
    role: member.role,
    status: member.status,
    online: member.connection !== undefined,
    media: member.media,
  };
  const differs = member.invitedName !== undefined && member.invitedName.trim() !== member.displayName.trim();
  return viewer.role === 'host' && differs ? { ...described, invitedName: member.invitedName } : described;
}
