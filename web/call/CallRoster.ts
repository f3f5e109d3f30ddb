import { RESUME_GRACE_MS, type Participant } from '../../common/signaling';
import type { CallIceConfiguration } from './iceConfig';
import { KeyedTimers } from './KeyedTimers';
import type { Logger } from './logger';
import type { RemotePeers } from './RemotePeers';
import * as Roster from './Roster';

export interface CallRosterOptions {
  logger: Logger;
  /** The links, one per admitted remote participant: they follow the roster. */
  peers: Pick<RemotePeers, 'sync' | 'linkUp' | 'repeatOffers' | 'closeAll'>;
  /** The configuration new links start with (none until it has loaded). */
  ice: Pick<CallIceConfiguration, 'current'>;
  /** The call ended for us: no links, nobody kept. */
  ended: () => boolean;
  /** Who is in the call changed: the view. */
  onChange: () => void;
}

/**
 * Who is in the call as the server tells it ({@link Roster}, pure) and what follows from it in this
 * session: exactly one link per admitted remote participant, the resume grace of peers kept through a
 * restarted server, and who may still hold a link to us from before our latest welcome.
 */
export class CallRoster {
  private current: Roster.RosterState = Roster.emptyRoster;
  /** The resume grace of each peer in `roster.kept`, started and cleared as that set changes. */
  private readonly keptTimers: KeyedTimers;
  /**
   * Who was in the call with us when the latest welcome placed us there directly (a reload, a
   * reconnect): they may keep a link to us from before. Welcomed into the waiting room, nobody can.
   */
  private admittedAtWelcome: ReadonlySet<string> = new Set();

  constructor(private readonly options: CallRosterOptions) {
    this.keptTimers = new KeyedTimers(
      RESUME_GRACE_MS,
      (id) => this.expire(id),
      (id) => options.logger.debug('call: peer missing from the roster kept while its link is up', { peer: id }),
    );
  }

  get state(): Roster.RosterState {
    return this.current;
  }

  /** The remote may still hold a link to us from before: see PeerMesh's first-offer wait. */
  mayHoldOldLink(id: string): boolean {
    return this.admittedAtWelcome.has(id);
  }

  /** The server named us (first connection, resume, or a new identity after an expired resume token). */
  welcomed(welcome: Parameters<typeof Roster.welcomed>[1]): void {
    const admitted = welcome.status === 'admitted' ? welcome.participants.filter((p) => p.status === 'admitted') : [];
    this.admittedAtWelcome = new Set(admitted.map((p) => p.id));
    if (this.current.self && this.current.self.id !== welcome.participantId) {
      this.options.logger.debug('call: signaling gave us a new identity; rebuilding peer links');
      this.options.peers.closeAll();
    }
    this.set(Roster.welcomed(this.current, welcome, this.keepContext()));
  }

  /** A full list from the server. */
  listed(participants: readonly Participant[]): void {
    this.set(Roster.listed(this.current, participants, this.keepContext()));
  }

  /** Someone joined or changed. */
  upserted(participant: Participant): void {
    this.set(Roster.upserted(this.current, participant));
  }

  /** Someone left for good. */
  left(participantId: string): void {
    this.set(Roster.left(this.current, participantId));
  }

  /**
   * We were let in from the waiting room, perhaps with who is in the call. The links start with the
   * session's {@link syncLinks} once it has the admission's configuration.
   */
  selfAdmitted(participants: readonly Participant[] | undefined): void {
    const admitted = Roster.selfAdmitted(this.current);
    this.update(participants ? Roster.listed(admitted, participants, this.keepContext()) : admitted);
  }

  /** We are admitted: our own name goes into the chat PDF's participants too. */
  rememberOwnName(): void {
    this.update(Roster.withNames(this.current, true));
  }

  /** Exactly one link per admitted remote participant while we are admitted; none otherwise. */
  syncLinks(): void {
    const admitted = this.current.self?.status === 'admitted' && !this.options.ended();
    const peers = admitted ? Roster.admittedOthers(this.current) : [];
    if (admitted) this.update(Roster.withNames(this.current, false));
    this.options.peers.sync(
      admitted ? (this.current.self?.id ?? null) : null,
      peers.map((p) => p.id),
      (id) => this.current.others.has(id),
      this.options.ice.current,
    );
  }

  /** The session is torn down: kept peers stay as they are shown, none expires any more. */
  stop(): void {
    this.update(Roster.withoutKept(this.current));
  }

  /** A roster change from signaling: links follow it, and the view; whoever came back gets our pending offer. */
  private set(next: Roster.RosterState): void {
    const back = Roster.cameBack(this.current, next);
    this.update(next);
    this.syncLinks();
    if (back.length > 0) this.options.peers.repeatOffers('remote back', back);
    this.options.onChange();
  }

  /** Takes the new roster and starts or clears the resume-grace timers of kept peers to match it. */
  private update(next: Roster.RosterState): void {
    this.current = next;
    this.keptTimers.follow(next.kept);
  }

  private expire(id: string): void {
    const next = Roster.expired(this.current, id);
    if (next.others === this.current.others) return this.update(next);
    this.options.logger.debug('call: peer kept through a roster did not come back; dropping it', { peer: id });
    this.set(next);
  }

  private keepContext(): Roster.KeepContext {
    return {
      ended: this.options.ended(),
      linkUp: (id) => this.options.peers.linkUp(id),
    };
  }
}
