import { randomUUID } from 'node:crypto';
import { CLOSE_CODES, encodeServerMessage, type ChatMailTicket, type ClientMessage, type MediaState } from '../../common/signaling';
import { Topic, type ClusterTransport } from '../cluster/transport';
import type { ConsultationEvents } from '../consultations/service';
import { AppError } from '../http/errors';
import type { Logger } from '../http/logging';
import { RoomFullError, type SignalingHub, type SignalingIdentity } from './hub';
import type { Connection, Member } from './room';

type OrganizerAction = Parameters<SignalingHub['organizerAction']>[2];
type OrganizerOutcome = Awaited<ReturnType<SignalingHub['organizerAction']>>;

/** Messages between the node that holds a socket and the node that holds its room. */
type SignalingWire =
  | { kind: 'join'; socketId: string; identity: SignalingIdentity; resumeToken?: string; media?: MediaState }
  | { kind: 'message'; socketId: string; message: ClientMessage }
  | { kind: 'gone'; socketId: string }
  | { kind: 'send'; socketId: string; text: string }
  | { kind: 'close'; socketId: string; code: number; reason: string }
  | { kind: 'ended'; consultationId: string; reason: 'host' | 'expired'; chatMail?: Readonly<Record<string, ChatMailTicket>> }
  | { kind: 'revoked'; consultationId: string; participantId: string; reason: 'revoked' | 'replaced' }
  | { kind: 'sessions-ended'; idHashes: string[] }
  | { kind: 'organize'; requestId: string; consultationId: string; participantId: string; action: OrganizerAction }
  | { kind: 'organized'; requestId: string; outcome: OrganizerOutcome | 'failed' };

/** What the socket's route holds after `hello`: where its messages go and whom to tell when it closes. */
export interface SocketLink {
  /** A promise when the message waits for the database; later messages wait for it. */
  handle(message: ClientMessage): void | Promise<void>;
  disconnected(): void;
}

/**
 * The link of a socket whose room lives on this process: the most common one, kept by every socket
 * for as long as it is open, so three fields rather than two closures and their context.
 */
class HubLink implements SocketLink {
  constructor(
    private readonly hub: SignalingHub,
    private readonly member: Member,
    private readonly connection: Connection,
  ) {}

  handle(message: ClientMessage): void | Promise<void> {
    return this.hub.handle(this.member, message);
  }

  disconnected(): void {
    this.hub.disconnected(this.member, this.connection);
  }
}

/** A socket held by another node, as the room's node sees it. */
class RemoteConnection implements Connection {
  constructor(
    private readonly topic: Topic<SignalingWire>,
    readonly node: string,
    readonly socketId: string,
  ) {}

  send(text: string): void {
    this.topic.sendTo(this.node, { kind: 'send', socketId: this.socketId, text });
  }

  close(code: number, reason: string): void {
    this.topic.sendTo(this.node, { kind: 'close', socketId: this.socketId, code, reason });
  }
}

const roomKey = (consultationId: string) => `room:${consultationId}`;
const ORGANIZE_TIMEOUT_MS = 5_000;

/**
 * Lets every server process take any socket while each consultation's room lives on exactly one
 * process: the first `hello` claims the room for the process it reaches, and later sockets on other
 * processes are relayed there (their messages in, the room's messages out). The hub's rules thus
 * stay in one place and one thread of order per room. Events from the HTTP side (a consultation
 * ended, a place revoked, sessions ended) go to every process; a waiting-room action of practice
 * staff is asked of the room's process. One process alone relays nothing.
 *
 * A process that stops closes its sockets with "service restart" and gives up its rooms; the clients
 * come back, and the room is loaded again wherever they land. A process that dies stops its
 * heartbeat: the others close the sockets they relayed to it, and its rooms are taken by the next
 * claim.
 */
export class SignalingCluster implements ConsultationEvents {
  private readonly topic: Topic<SignalingWire>;
  /** Sockets on this process whose room lives elsewhere, with that room's process. */
  private readonly relayed = new Map<string, { connection: Connection; owner: string }>();
  /** Sockets elsewhere whose room lives here; each one's messages are handled in order. */
  private readonly hosted = new Map<string, { connection: RemoteConnection; member: Promise<Member | undefined> }>();
  private readonly answers = new Map<string, (outcome: OrganizerOutcome | 'failed') => void>();
  private readonly unsubscribe: () => void;
  private readonly watch: NodeJS.Timeout | undefined;

  constructor(private readonly deps: { hub: SignalingHub; transport: ClusterTransport; log: Logger; watchMs?: number }) {
    this.topic = new Topic<SignalingWire>(deps.transport, 'signaling');
    this.unsubscribe = this.topic.subscribe((wire, from) => this.received(wire, from));
    if (deps.transport.distributed) {
      this.watch = setInterval(() => void this.checkNodes().catch((error: Error) => this.fail('cluster check failed', error)), deps.watchMs ?? 2_000);
      this.watch.unref();
    }
  }

  /** A socket said `hello`: its room's process, this one or another, takes it in. */
  async join(identity: SignalingIdentity, connection: Connection, resumeToken: string | undefined, media: MediaState | undefined): Promise<SocketLink> {
    const { hub, transport } = this.deps;
    const owner = await transport.claim(roomKey(identity.consultationId));
    if (owner === transport.nodeId) {
      return new HubLink(hub, await hub.join(identity, connection, resumeToken, media), connection);
    }
    const socketId = randomUUID();
    this.relayed.set(socketId, { connection, owner });
    this.topic.sendTo(owner, { kind: 'join', socketId, identity, ...(resumeToken ? { resumeToken } : {}), ...(media ? { media } : {}) });
    return {
      handle: (message) => this.topic.sendTo(owner, { kind: 'message', socketId, message }),
      disconnected: () => {
        if (this.relayed.delete(socketId)) this.topic.sendTo(owner, { kind: 'gone', socketId });
      },
    };
  }

  participantRevoked(consultationId: string, participantId: string, reason: 'revoked' | 'replaced'): void {
    this.topic.broadcast({ kind: 'revoked', consultationId, participantId, reason });
  }

  /** The tickets travel sealed (only the server opens them) to the process that holds the room. */
  consultationEnded(consultationId: string, reason: 'host' | 'expired', chatMail?: Readonly<Record<string, ChatMailTicket>>): void {
    this.topic.broadcast({ kind: 'ended', consultationId, reason, ...(chatMail ? { chatMail } : {}) });
  }

  sessionsEnded(idHashes: string[]): void {
    this.topic.broadcast({ kind: 'sessions-ended', idHashes });
  }

  /** Practice staff's waiting-room action, carried out by the room's process; no room, nobody waiting. */
  async organizerAction(consultationId: string, participantId: string, action: OrganizerAction): Promise<OrganizerOutcome> {
    const { hub, transport } = this.deps;
    const owner = await transport.ownerOf(roomKey(consultationId));
    if (!owner) return 'not_waiting';
    if (owner === transport.nodeId) return hub.organizerAction(consultationId, participantId, action);
    const requestId = randomUUID();
    const outcome = await new Promise<OrganizerOutcome | 'failed'>((resolve) => {
      const timer = setTimeout(() => {
        this.answers.delete(requestId);
        resolve('failed');
      }, ORGANIZE_TIMEOUT_MS);
      this.answers.set(requestId, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
      this.topic.sendTo(owner, { kind: 'organize', requestId, consultationId, participantId, action });
    });
    if (outcome === 'failed') throw new AppError('try_again', 'The call could not be reached just now. Please try again.');
    return outcome;
  }

  /** Closes this process's rooms (their clients come back elsewhere) and gives them up. */
  async close(): Promise<void> {
    clearInterval(this.watch);
    const rooms = this.deps.hub.roomIds();
    await this.deps.hub.close();
    for (const { connection } of this.relayed.values()) connection.close(CLOSE_CODES.serviceRestart, 'server restarting');
    this.relayed.clear();
    this.hosted.clear();
    this.unsubscribe();
    await this.deps.transport.release(rooms.map(roomKey));
  }

  private received(wire: SignalingWire, from: string): void {
    const { hub } = this.deps;
    switch (wire.kind) {
      case 'join':
        return this.host(wire, from);
      case 'message':
        return this.handleHosted(wire.socketId, wire.message);
      case 'gone':
        return this.hostedGone(wire.socketId);
      case 'send':
        return this.relayed.get(wire.socketId)?.connection.send(wire.text);
      case 'close':
        return this.relayed.get(wire.socketId)?.connection.close(wire.code, wire.reason);
      case 'ended':
        return hub.consultationEnded(wire.consultationId, wire.reason, wire.chatMail);
      case 'revoked':
        return hub.participantRevoked(wire.consultationId, wire.participantId, wire.reason);
      case 'sessions-ended':
        return hub.sessionsEnded(wire.idHashes);
      case 'organize':
        void hub
          .organizerAction(wire.consultationId, wire.participantId, wire.action)
          .catch((error: Error): 'failed' => {
            this.fail('waiting-room action failed', error);
            return 'failed';
          })
          .then((outcome) => this.topic.sendTo(from, { kind: 'organized', requestId: wire.requestId, outcome }));
        return;
      case 'organized':
        this.answers.get(wire.requestId)?.(wire.outcome);
        this.answers.delete(wire.requestId);
        return;
    }
  }

  /** A socket on another process joins a room here; a room that moved meanwhile sends it back to reconnect. */
  private host(wire: Extract<SignalingWire, { kind: 'join' }>, from: string): void {
    const { hub, transport } = this.deps;
    const connection = new RemoteConnection(this.topic, from, wire.socketId);
    const member = (async () => {
      if ((await transport.claim(roomKey(wire.identity.consultationId))) !== transport.nodeId) {
        connection.close(CLOSE_CODES.serviceRestart, 'room moved');
        return undefined;
      }
      return hub.join(wire.identity, connection, wire.resumeToken, wire.media);
    })().catch((error: unknown) => this.socketFailed(connection, error));
    this.hosted.set(wire.socketId, { connection, member });
  }

  private handleHosted(socketId: string, message: ClientMessage): void {
    const entry = this.hosted.get(socketId);
    if (!entry) return;
    entry.member = entry.member.then(async (member) => {
      if (!member) return member;
      try {
        await this.deps.hub.handle(member, message);
      } catch (error) {
        this.socketFailed(entry.connection, error);
      }
      return member;
    });
  }

  private hostedGone(socketId: string): void {
    const entry = this.hosted.get(socketId);
    if (!entry) return;
    this.hosted.delete(socketId);
    void entry.member.then((member) => {
      if (member) this.deps.hub.disconnected(member, entry.connection);
    });
  }

  private socketFailed(connection: Connection, error: unknown): undefined {
    if (error instanceof RoomFullError) return undefined;
    this.fail('signaling message failed', error as Error);
    connection.send(encodeServerMessage({ type: 'error', code: 'internal_error', message: 'Something went wrong on our side.' }));
    return undefined;
  }

  /**
   * Keeps the rooms here claimed, and lets go of what a dead process left: sockets relayed to it
   * reconnect (their room is claimed anew), its sockets relayed here count as gone.
   */
  private async checkNodes(): Promise<void> {
    const { hub, transport } = this.deps;
    await transport.renew(hub.roomIds().map(roomKey));
    const nodes = new Set([...[...this.relayed.values()].map((entry) => entry.owner), ...[...this.hosted.values()].map((entry) => entry.connection.node)]);
    if (nodes.size === 0) return;
    const alive = await transport.alive([...nodes]);
    for (const [socketId, entry] of this.relayed) {
      if (alive.has(entry.owner)) continue;
      this.relayed.delete(socketId);
      entry.connection.close(CLOSE_CODES.serviceRestart, 'server restarting');
    }
    for (const [socketId, entry] of this.hosted) if (!alive.has(entry.connection.node)) this.hostedGone(socketId);
  }

  private fail(what: string, error: Error): void {
    this.deps.log.error({ err: error }, what);
  }
}
