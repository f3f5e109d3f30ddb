import { encodePresenceMessage, type Colleague, type PresenceServerMessage, type PresenceState } from '../../common/presence';
import { Topic, type ClusterTransport } from '../cluster/transport';
import type { Logger } from '../http/logging';

/** What the presence hub needs of a socket. */
interface PresenceConnection {
  send(text: string): void;
  close(code: number, reason: string): void;
}

/** One open presence socket: an app tab of a professional. */
export interface PresenceHolder {
  accountId: string;
  organizationId: string;
  /** The login session behind the socket: it closes when that session ends. */
  sessionIdHash: string;
  /** The account's do-not-disturb switch as stored when the socket opened. */
  doNotDisturb: boolean;
  connection: PresenceConnection;
}

export interface PresenceHubDeps {
  transport: ClusterTransport;
  /** Whether the account has a live signaling socket in a call whose room is on this process. */
  inCall(accountId: string): boolean;
  /** Active professionals of the organisation (the people a colleague list shows). */
  professionalsOf(organizationId: string): Promise<Array<{ id: string; displayName: string }>>;
  /** The organisation of an account that may not have a presence socket (a call changed its presence). */
  organizationOf(accountId: string): Promise<string | undefined>;
  /** How often each process tells the others everything it knows (only with several processes). */
  snapshotMs?: number;
  log: Logger;
}

/** Close code when the login session behind a presence socket ended (logout, deactivation). */
const PRESENCE_SESSION_ENDED = 4001;

/** What one process knows of an account: its tabs there (online) or a call whose room is there. */
interface Fact {
  accountId: string;
  organizationId: string;
  state: Exclude<PresenceState, 'away'>;
}

type PresenceWire =
  | { kind: 'fact'; accountId: string; organizationId: string; state: PresenceState }
  /** Everything the sending process knows; an empty one means it is leaving. */
  | { kind: 'snapshot'; facts: Fact[] }
  | { kind: 'hello' }
  | { kind: 'send'; accountId: string; message: PresenceServerMessage }
  | { kind: 'organization-changed'; organizationId: string }
  /** The account's do-not-disturb switch changed (stored first): every process holding its tabs applies it. */
  | { kind: 'do-not-disturb'; accountId: string; on: boolean }
  | { kind: 'sessions-ended'; idHashes: string[] };

const RANK: Record<PresenceState, number> = { away: 0, online: 1, do_not_disturb: 2, in_call: 3 };

/** Busy people are never rung (Anlage 31b): a colleague call to them is refused at once. */
export function isBusy(state: PresenceState): boolean {
  return state === 'in_call' || state === 'do_not_disturb';
}
/** A process not heard of for this many snapshot periods is gone, and so is what it knew. */
const MISSED_SNAPSHOTS = 3;

/**
 * Presence of the professionals of each organisation (P-07): online while an app tab holds a
 * presence socket (do not disturb when the person switched that on), in a call while a signaling
 * socket is in a consultation, away otherwise. Changes
 * go to every connected colleague of the same organisation and nobody else.
 *
 * With several server processes, a person's tabs and calls may sit on different ones: each process
 * tells the others the facts it holds (as they change, and as a periodic snapshot that also proves
 * it is alive), and everyone's presence is the strongest fact any process holds. Rings and list
 * refreshes go to every process, which passes them to the tabs it holds.
 */
export class PresenceHub {
  private readonly holders = new Map<string, Set<PresenceHolder>>();
  /** Accounts with tabs here whose do-not-disturb switch is on (the switch itself is stored). */
  private readonly quiet = new Set<string>();
  /** Connected accounts per organisation on this process, the audience of presence changes. */
  private readonly audience = new Map<string, Set<string>>();
  /** Last state told to the local audience, so that only real changes are sent. */
  private readonly announced = new Map<string, PresenceState>();
  /** This process's facts as last told to the others. */
  private readonly published = new Map<string, Fact>();
  /** Other processes' facts, and when each was last heard of. */
  private readonly remote = new Map<string, { facts: Map<string, Fact>; heardAt: number }>();
  private readonly topic: Topic<PresenceWire>;
  private readonly unsubscribe: () => void;
  private readonly snapshots: NodeJS.Timeout | undefined;

  constructor(private readonly deps: PresenceHubDeps) {
    this.topic = new Topic<PresenceWire>(deps.transport, 'presence');
    this.unsubscribe = this.topic.subscribe((wire, from) => this.received(wire, from));
    if (deps.transport.distributed) {
      const periodMs = deps.snapshotMs ?? 5_000;
      this.snapshots = setInterval(() => this.shareSnapshot(periodMs), periodMs);
      this.snapshots.unref();
      this.topic.broadcast({ kind: 'hello' });
    }
  }

  /** Presence sockets open on this process (for the metrics). */
  socketCount(): number {
    let count = 0;
    for (const own of this.holders.values()) count += own.size;
    return count;
  }

  async connect(holder: PresenceHolder): Promise<void> {
    const own = this.holders.get(holder.accountId) ?? new Set();
    own.add(holder);
    this.holders.set(holder.accountId, own);
    const members = this.audience.get(holder.organizationId) ?? new Set();
    members.add(holder.accountId);
    this.audience.set(holder.organizationId, members);
    // The newest tab read the stored switch last: it speaks for the account on this process.
    if (holder.doNotDisturb) this.quiet.add(holder.accountId);
    else this.quiet.delete(holder.accountId);
    holder.connection.send(encodePresenceMessage({ type: 'do-not-disturb', on: holder.doNotDisturb }));
    holder.connection.send(encodePresenceMessage({ type: 'colleagues', colleagues: await this.colleaguesFor(holder) }));
    this.factChanged(holder.accountId, holder.organizationId);
  }

  disconnect(holder: PresenceHolder): void {
    const own = this.holders.get(holder.accountId);
    if (!own?.delete(holder)) return;
    if (own.size === 0) {
      this.holders.delete(holder.accountId);
      this.quiet.delete(holder.accountId);
      const members = this.audience.get(holder.organizationId);
      members?.delete(holder.accountId);
      if (members?.size === 0) this.audience.delete(holder.organizationId);
    }
    this.factChanged(holder.accountId, holder.organizationId);
  }

  /** The strongest of what this process sees and what the others told. */
  presenceOf(accountId: string): PresenceState {
    let best = this.localState(accountId);
    for (const { facts } of this.remote.values()) {
      const state = facts.get(accountId)?.state;
      if (state && RANK[state] > RANK[best]) best = state;
    }
    return best;
  }

  /** Every tab of the account gets the message (a ring, the end of a ring), wherever it is. */
  sendTo(accountId: string, message: PresenceServerMessage): void {
    this.topic.broadcast({ kind: 'send', accountId, message });
  }

  /** The account's do-not-disturb switch was stored: its tabs and its colleagues learn it everywhere. */
  doNotDisturbChanged(accountId: string, on: boolean): void {
    this.topic.broadcast({ kind: 'do-not-disturb', accountId, on });
  }

  /** A call started or ended for the account on this process: its colleagues see the new state. `known`: its organisation if read already (null: none). */
  async callPresenceChanged(accountId: string, known?: string | null): Promise<void> {
    const organizationId =
      known !== undefined
        ? known
        : (this.organizationOfConnected(accountId) ?? this.published.get(accountId)?.organizationId ?? (await this.deps.organizationOf(accountId)));
    if (organizationId) this.factChanged(accountId, organizationId);
  }

  /** Someone joined, left, was deactivated or reactivated: every connected colleague gets a new list. */
  async organizationChanged(organizationId: string): Promise<void> {
    this.topic.broadcast({ kind: 'organization-changed', organizationId });
  }

  sessionsEnded(idHashes: string[]): void {
    this.topic.broadcast({ kind: 'sessions-ended', idHashes });
  }

  close(): void {
    clearInterval(this.snapshots);
    // The others forget this process's facts at once rather than after missed snapshots.
    if (this.deps.transport.distributed) this.topic.broadcast({ kind: 'snapshot', facts: [] });
    this.unsubscribe();
    for (const own of this.holders.values()) for (const holder of own) holder.connection.close(1012, 'server restarting');
    this.holders.clear();
    this.audience.clear();
    this.quiet.clear();
    this.announced.clear();
    this.published.clear();
    this.remote.clear();
  }

  private received(wire: PresenceWire, from: string): void {
    const isOwn = from === this.deps.transport.nodeId;
    switch (wire.kind) {
      case 'fact':
        if (!isOwn) this.learn(from, wire);
        return this.announce(wire.accountId, wire.organizationId);
      case 'snapshot':
        if (!isOwn) this.replaceFacts(from, wire.facts);
        return;
      case 'hello':
        if (!isOwn) this.topic.sendTo(from, { kind: 'snapshot', facts: [...this.published.values()] });
        return;
      case 'send': {
        const text = encodePresenceMessage(wire.message);
        for (const holder of this.holders.get(wire.accountId) ?? []) holder.connection.send(text);
        return;
      }
      case 'do-not-disturb': {
        const own = this.holders.get(wire.accountId);
        if (!own) return;
        if (wire.on) this.quiet.add(wire.accountId);
        else this.quiet.delete(wire.accountId);
        const text = encodePresenceMessage({ type: 'do-not-disturb', on: wire.on });
        for (const holder of own) holder.connection.send(text);
        const organizationId = this.organizationOfConnected(wire.accountId);
        if (organizationId) this.factChanged(wire.accountId, organizationId);
        return;
      }
      case 'organization-changed':
        void this.refreshLists(wire.organizationId).catch((error: unknown) => this.deps.log.warn({ err: error }, 'presence: colleague lists not refreshed'));
        return;
      case 'sessions-ended': {
        const ended = new Set(wire.idHashes);
        for (const own of this.holders.values()) {
          for (const holder of own) if (ended.has(holder.sessionIdHash)) holder.connection.close(PRESENCE_SESSION_ENDED, 'session ended');
        }
        return;
      }
    }
  }

  private localState(accountId: string): PresenceState {
    if (this.deps.inCall(accountId)) return 'in_call';
    if (!this.holders.has(accountId)) return 'away';
    return this.quiet.has(accountId) ? 'do_not_disturb' : 'online';
  }

  /** This process's fact about the account may have changed: tell every process, this one included. */
  private factChanged(accountId: string, organizationId: string): void {
    const state = this.localState(accountId);
    if ((this.published.get(accountId)?.state ?? 'away') === state) return this.announce(accountId, organizationId);
    if (state === 'away') this.published.delete(accountId);
    else this.published.set(accountId, { accountId, organizationId, state });
    this.topic.broadcast({ kind: 'fact', accountId, organizationId, state });
  }

  private learn(node: string, { accountId, organizationId, state }: Extract<PresenceWire, { kind: 'fact' }>): void {
    const known = this.remote.get(node) ?? { facts: new Map<string, Fact>(), heardAt: Date.now() };
    if (state === 'away') known.facts.delete(accountId);
    else known.facts.set(accountId, { accountId, organizationId, state });
    known.heardAt = Date.now();
    this.remote.set(node, known);
  }

  private replaceFacts(node: string, facts: Fact[]): void {
    const before = [...(this.remote.get(node)?.facts.values() ?? [])];
    if (facts.length === 0) this.remote.delete(node);
    else this.remote.set(node, { facts: new Map(facts.map((fact) => [fact.accountId, fact])), heardAt: Date.now() });
    for (const fact of [...before, ...facts]) this.announce(fact.accountId, fact.organizationId);
  }

  /** Shares this process's facts, and forgets processes that stopped sharing theirs. */
  private shareSnapshot(periodMs: number): void {
    this.topic.broadcast({ kind: 'snapshot', facts: [...this.published.values()] });
    const silentSince = Date.now() - MISSED_SNAPSHOTS * periodMs;
    for (const [node, known] of this.remote) if (known.heardAt < silentSince) this.replaceFacts(node, []);
  }

  private async refreshLists(organizationId: string): Promise<void> {
    for (const accountId of this.audience.get(organizationId) ?? []) {
      for (const holder of this.holders.get(accountId) ?? []) {
        holder.connection.send(encodePresenceMessage({ type: 'colleagues', colleagues: await this.colleaguesFor(holder) }));
      }
    }
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

  /** Tells the colleagues connected here the account's presence, if it changed for them. */
  private announce(accountId: string, organizationId: string): void {
    const presence = this.presenceOf(accountId);
    if ((this.announced.get(accountId) ?? 'away') === presence) return;
    if (presence === 'away') this.announced.delete(accountId);
    else this.announced.set(accountId, presence);
    const text = encodePresenceMessage({ type: 'presence', id: accountId, presence });
    for (const colleagueId of this.audience.get(organizationId) ?? []) {
      if (colleagueId === accountId) continue;
      for (const holder of this.holders.get(colleagueId) ?? []) holder.connection.send(text);
    }
  }
}
