import { encodePresenceMessage, type Colleague, type PresenceServerMessage, type PresenceState } from '../../common/presence';

/** What the presence hub needs of a socket. */
export interface PresenceConnection {
  send(text: string): void;
  close(code: number, reason: string): void;
}

/** One open presence socket: an app tab of a professional. */
export interface PresenceHolder {
  accountId: string;
  organizationId: string;
  /** The login session behind the socket: it closes when that session ends. */
  sessionIdHash: string;
  connection: PresenceConnection;
}

export interface PresenceHubDeps {
  /** Whether the account has a live signaling socket in some call on this process. */
  inCall(accountId: string): boolean;
  /** Active professionals of the organisation (the people a colleague list shows). */
  professionalsOf(organizationId: string): Promise<Array<{ id: string; displayName: string }>>;
  /** The organisation of an account that may not have a presence socket (a call changed its presence). */
  organizationOf(accountId: string): Promise<string | undefined>;
}

/** Close code when the login session behind a presence socket ended (logout, deactivation). */
export const PRESENCE_SESSION_ENDED = 4001;

/**
 * Presence of the professionals of each organisation on this process (P-07): online while an app
 * tab holds a presence socket, in a call while a signaling socket is in a consultation, away
 * otherwise. Changes go to every connected colleague of the same organisation and nobody else.
 */
export class PresenceHub {
  private readonly holders = new Map<string, Set<PresenceHolder>>();
  /** Connected accounts per organisation, the audience of presence changes. */
  private readonly audience = new Map<string, Set<string>>();
  /** Last state told to colleagues, so that only real changes are sent. */
  private readonly announced = new Map<string, PresenceState>();

  constructor(private readonly deps: PresenceHubDeps) {}

  async connect(holder: PresenceHolder): Promise<void> {
    const own = this.holders.get(holder.accountId) ?? new Set();
    own.add(holder);
    this.holders.set(holder.accountId, own);
    const members = this.audience.get(holder.organizationId) ?? new Set();
    members.add(holder.accountId);
    this.audience.set(holder.organizationId, members);
    holder.connection.send(encodePresenceMessage({ type: 'colleagues', colleagues: await this.colleaguesFor(holder) }));
    this.announce(holder.accountId, holder.organizationId);
  }

  disconnect(holder: PresenceHolder): void {
    const own = this.holders.get(holder.accountId);
    if (!own?.delete(holder)) return;
    if (own.size === 0) {
      this.holders.delete(holder.accountId);
      const members = this.audience.get(holder.organizationId);
      members?.delete(holder.accountId);
      if (members?.size === 0) this.audience.delete(holder.organizationId);
    }
    this.announce(holder.accountId, holder.organizationId);
  }

  presenceOf(accountId: string): PresenceState {
    if (this.deps.inCall(accountId)) return 'in_call';
    return this.holders.has(accountId) ? 'online' : 'away';
  }

  /** Every tab of the account gets the message (a ring, the end of a ring). */
  sendTo(accountId: string, message: PresenceServerMessage): void {
    const text = encodePresenceMessage(message);
    for (const holder of this.holders.get(accountId) ?? []) holder.connection.send(text);
  }

  /** A call started or ended for the account: its colleagues see the new state. */
  async callPresenceChanged(accountId: string): Promise<void> {
    const organizationId = this.organizationOfConnected(accountId) ?? (await this.deps.organizationOf(accountId));
    if (organizationId) this.announce(accountId, organizationId);
  }

  /** Someone joined, left, was deactivated or reactivated: every connected colleague gets a new list. */
  async organizationChanged(organizationId: string): Promise<void> {
    for (const accountId of this.audience.get(organizationId) ?? []) {
      for (const holder of this.holders.get(accountId) ?? []) {
        holder.connection.send(encodePresenceMessage({ type: 'colleagues', colleagues: await this.colleaguesFor(holder) }));
      }
    }
  }

  sessionsEnded(idHashes: string[]): void {
    const ended = new Set(idHashes);
    for (const own of this.holders.values()) {
      for (const holder of own) if (ended.has(holder.sessionIdHash)) holder.connection.close(PRESENCE_SESSION_ENDED, 'session ended');
    }
  }

  close(): void {
    for (const own of this.holders.values()) for (const holder of own) holder.connection.close(1012, 'server restarting');
    this.holders.clear();
    this.audience.clear();
    this.announced.clear();
  }

  private async colleaguesFor(holder: PresenceHolder): Promise<Colleague[]> {
    const people = await this.deps.professionalsOf(holder.organizationId);
    return people
      .filter((person) => person.id !== holder.accountId)
      .map((person) => ({ id: person.id, displayName: person.displayName, presence: this.presenceOf(person.id) }));
  }

  private organizationOfConnected(accountId: string): string | undefined {
    const [first] = this.holders.get(accountId) ?? [];
    return first?.organizationId;
  }

  private announce(accountId: string, organizationId: string): void {
    const presence = this.presenceOf(accountId);
    if (this.announced.get(accountId) === presence) return;
    if (presence === 'away') this.announced.delete(accountId);
    else this.announced.set(accountId, presence);
    const text = encodePresenceMessage({ type: 'presence', id: accountId, presence });
    for (const colleagueId of this.audience.get(organizationId) ?? []) {
      if (colleagueId === accountId) continue;
      for (const holder of this.holders.get(colleagueId) ?? []) holder.connection.send(text);
    }
  }
}
