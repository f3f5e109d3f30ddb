/**
 * An in-memory signaling server speaking common/signaling.ts through fake WebSockets, for engine
 * tests. It follows the protocol rules documented there (admission, host-only actions, relay only
 * between admitted participants, resume by token, room limit), so the engine is tested against the
 * same contract the real server implements. Not a reference for the server's security checks.
 */
import {
  CLOSE_CODES,
  MAX_PARTICIPANTS,
  TokenBucket,
  emptyMediaState,
  parseClientMessage,
  type CallMode,
  type ChatMailTicket,
  type ClientMessage,
  type MediaState,
  type Participant,
  type ParticipantRole,
  type ParticipantStatus,
  type ServerMessageInput,
  type SignalPayload,
} from '../../../common/signaling';

const later = (fn: () => void): void => {
  setTimeout(fn, 0);
};

export class FakeWebSocket {
  readyState = 0;
  readonly createdAt = Date.now();
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  helloSeen = false;
  bucket = new TokenBucket();

  constructor(
    readonly url: string,
    readonly identity: string,
    private readonly server: FakeSignalingServer,
  ) {
    server.sockets.push(this);
    later(() => server.accept(this));
  }

  send(data: string): void {
    if (this.readyState !== 1) throw new DOMException('not open', 'InvalidStateError');
    later(() => this.server.receive(this, data));
  }

  close(code = 1000, reason = ''): void {
    if (this.readyState >= 2) return;
    this.readyState = 3;
    // Frames sent before close() still reach the server, then it sees the close.
    later(() => {
      this.server.socketClosed(this);
      this.onclose?.({ code, reason, wasClean: true } as CloseEvent);
    });
  }

  // --- server side ---
  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  /** Frames sent before serverClose() arrive before the close event, like TCP. */
  deliver(message: ServerMessageInput): void {
    if (this.readyState !== 1) return;
    const data = JSON.stringify(message);
    later(() => this.onmessage?.({ data } as MessageEvent));
  }
  serverClose(code: number, reason = ''): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.server.socketClosed(this);
    later(() => this.onclose?.({ code, reason, wasClean: code !== 1006 } as CloseEvent));
  }
}

interface Entry {
  id: string;
  displayName: string;
  role: ParticipantRole;
  status: ParticipantStatus;
  media: MediaState;
  online: boolean;
  token: string;
  joined: boolean;
  socket: FakeWebSocket | null;
}

export class FakeSignalingServer {
  readonly entries = new Map<string, Entry>();
  readonly sockets: FakeWebSocket[] = [];
  readonly received: { from: string; message: ClientMessage }[] = [];
  /** While true, new connections fail (a server restart in progress). */
  down = false;
  /** While true, the server swallows every message (a hung process behind a live TCP connection). */
  blackhole = false;
  ended = false;
  /** Per participant id: the chat-mail ticket the end hands to that guest alone (P-11). */
  chatMailAtEnd: Record<string, ChatMailTicket> = {};
  /** The call's mode (P-28), as the real server keeps it with the consultation. */
  mode: CallMode = 'video';
  /** How late the roster that follows an admission is handled (a page rendering the call view meanwhile). */
  rosterAfterAdmissionMs = 0;
  /**
   * Sees every relay just before it is delivered (a test may drop a socket right then); `false`
   * swallows it, like a socket that died without the server noticing yet.
   */
  onRelay: ((from: string, to: string, payload: SignalPayload) => boolean | void) | null = null;
  private tokens = 0;
  /** Participants a restarted server does not know yet (see restart()). */
  private readonly away = new Set<string>();

  register(participant: { id: string; displayName: string; role: ParticipantRole; status?: ParticipantStatus }): void {
    this.entries.set(participant.id, {
      ...participant,
      status: participant.status ?? (participant.role === 'guest' ? 'waiting' : 'admitted'),
      media: emptyMediaState,
      online: false,
      token: `resume-token-${participant.id}-${++this.tokens}-xxxxxxxx`,
      joined: false,
      socket: null,
    });
  }

  /** A WebSocket constructor authenticated as `identity` (stands for the session/guest cookie). */
  socketFor(identity: string): typeof WebSocket {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const server = this;
    return class extends FakeWebSocket {
      constructor(url: string) {
        super(url, identity, server);
      }
    } as unknown as typeof WebSocket;
  }

  /**
   * Closes every socket like a restarting server (1012) and refuses connections until up() is called.
   * With `loseRoom` the new process, like the real one, knows only who has reconnected so far (resume
   * tokens and admission live on in the database).
   */
  restart(options: { loseRoom?: boolean } = {}): void {
    this.down = true;
    if (options.loseRoom) for (const entry of this.entries.values()) if (entry.joined) this.away.add(entry.id);
    for (const socket of this.sockets) if (socket.readyState === 1) socket.serverClose(CLOSE_CODES.serviceRestart);
  }
  up(): void {
    this.down = false;
  }

  /** A server that lost its state: resume tokens no longer match. */
  forgetSessions(): void {
    for (const entry of this.entries.values()) entry.token = `resume-token-${entry.id}-${++this.tokens}-xxxxxxxx`;
  }

  /** A network blip: the participant's socket dies without a close handshake. */
  drop(id: string): void {
    this.entries.get(id)?.socket?.serverClose(1006);
  }

  status(id: string): Entry | undefined {
    return this.entries.get(id);
  }

  accept(socket: FakeWebSocket): void {
    if (socket.readyState !== 0) return;
    if (this.down) {
      socket.serverClose(1006);
      return;
    }
    if (!this.entries.has(socket.identity)) {
      socket.serverClose(CLOSE_CODES.unauthenticated);
      return;
    }
    socket.open();
  }

  socketClosed(socket: FakeWebSocket): void {
    const entry = this.entries.get(socket.identity);
    if (!entry || entry.socket !== socket) return;
    entry.socket = null;
    entry.online = false;
    this.broadcastUpdate(entry);
  }

  receive(socket: FakeWebSocket, raw: string): void {
    if (this.blackhole) return;
    const parsed = parseClientMessage(raw);
    if (!parsed.ok) {
      if (parsed.code === 'message_too_large') socket.serverClose(CLOSE_CODES.messageTooBig);
      else socket.deliver({ type: 'error', code: parsed.code, message: 'invalid' });
      return;
    }
    if (!socket.bucket.take(Date.now())) {
      socket.serverClose(CLOSE_CODES.policyViolation);
      return;
    }
    const message = parsed.message;
    const entry = this.entries.get(socket.identity);
    if (!entry) return;
    this.received.push({ from: entry.id, message });
    if (message.type === 'hello') {
      this.hello(socket, entry, message);
      return;
    }
    if (!socket.helloSeen || entry.socket !== socket) {
      socket.deliver({ type: 'error', code: 'hello_required', message: 'hello first', ref: message.type });
      return;
    }
    const hostOnly = ['admit', 'decline', 'remove', 'waiting-message', 'end', 'set-mode'].includes(message.type);
    if (hostOnly && entry.role !== 'host') {
      socket.deliver({ type: 'error', code: 'host_only', message: 'host only', ref: message.type });
      return;
    }
    switch (message.type) {
      case 'ping':
        socket.deliver({ type: 'pong', ts: message.ts });
        return;
      case 'signal': {
        const target = this.entries.get(message.to);
        if (entry.status !== 'admitted' || target?.status !== 'admitted') {
          socket.deliver({ type: 'error', code: 'not_admitted', message: 'not admitted', ref: 'signal' });
          return;
        }
        if (this.onRelay?.(entry.id, target.id, message.payload) === false) return;
        // Like the real hub: nothing is kept for a participant whose socket is away.
        target.socket?.deliver({ type: 'signal', from: entry.id, payload: message.payload });
        return;
      }
      case 'media-state':
        entry.media = message.media;
        this.broadcastUpdate(entry);
        return;
      case 'admit':
        this.admit(entry, message.participantId);
        return;
      case 'decline':
      case 'remove': {
        const target = this.entries.get(message.participantId);
        if (!target) return;
        const type = message.type === 'decline' ? 'declined' : 'removed';
        target.socket?.deliver({ type });
        target.socket?.serverClose(type === 'declined' ? CLOSE_CODES.declined : CLOSE_CODES.removed);
        this.depart(target, type);
        return;
      }
      case 'waiting-message': {
        const target = this.entries.get(message.to);
        target?.socket?.deliver({
          type: 'waiting-message',
          from: entry.id,
          fromName: entry.displayName,
          text: message.text,
          sentAt: Date.now(),
        });
        return;
      }
      case 'end':
        this.ended = true;
        for (const other of this.entries.values()) {
          const chatMail = this.chatMailAtEnd[other.id];
          other.socket?.deliver({ type: 'ended', reason: 'host', ...(chatMail ? { chatMail } : {}) });
          other.socket?.serverClose(CLOSE_CODES.ended);
        }
        return;
      case 'set-mode':
        this.mode = message.mode;
        for (const other of this.entries.values()) other.socket?.deliver({ type: 'mode', mode: message.mode });
        return;
      case 'leave':
        this.depart(entry, 'left');
        socket.serverClose(CLOSE_CODES.normal);
        return;
    }
  }

  private hello(socket: FakeWebSocket, entry: Entry, message: Extract<ClientMessage, { type: 'hello' }>): void {
    if (this.ended) {
      socket.deliver({ type: 'ended', reason: 'host' });
      socket.serverClose(CLOSE_CODES.ended);
      return;
    }
    const resumed = entry.joined && message.resumeToken === entry.token;
    if (entry.socket && entry.socket !== socket) entry.socket.serverClose(CLOSE_CODES.replaced);
    if (entry.status === 'admitted' && !entry.joined && this.admittedCount() >= MAX_PARTICIPANTS) {
      this.refuse(socket, entry);
      return;
    }
    const firstTime = !entry.joined || this.away.has(entry.id);
    this.away.delete(entry.id);
    socket.helloSeen = true;
    entry.socket = socket;
    entry.online = true;
    entry.joined = true;
    if (message.media) entry.media = message.media;
    socket.deliver({
      type: 'welcome',
      protocol: 1,
      participantId: entry.id,
      role: entry.role,
      status: entry.status,
      resumeToken: entry.token,
      resumed,
      participants: this.visibleTo(entry),
      mode: this.mode,
    });
    for (const other of this.others(entry)) {
      if (!this.canSee(other, entry)) continue;
      other.socket?.deliver(
        firstTime ? { type: 'participant-joined', participant: this.view(entry) } : { type: 'participant-updated', participant: this.view(entry) },
      );
    }
  }

  private admit(host: Entry, id: string): void {
    const target = this.entries.get(id);
    if (!target || target.status !== 'waiting') {
      host.socket?.deliver({ type: 'error', code: 'unknown_participant', message: 'unknown', ref: 'admit' });
      return;
    }
    if (this.admittedCount() >= MAX_PARTICIPANTS) {
      // Like the real hub: the host learns who was refused; the guest is told and keeps waiting.
      host.socket?.deliver({ type: 'participant-refused', displayName: target.displayName, reason: 'room_full' });
      host.socket?.deliver({ type: 'error', code: 'room_full', message: 'full', ref: 'admit' });
      target.socket?.deliver({ type: 'error', code: 'room_full', message: 'The call is full at the moment.' });
      return;
    }
    const sawBefore = new Set(this.others(target).filter((other) => this.canSee(other, target)));
    target.status = 'admitted';
    target.socket?.deliver({ type: 'admitted', participants: this.visibleTo(target) });
    const roster = () => target.socket?.deliver({ type: 'roster', participants: this.visibleTo(target) });
    if (this.rosterAfterAdmissionMs > 0) setTimeout(roster, this.rosterAfterAdmissionMs);
    else roster();
    // Like the real hub: only those who may see the admitted guest now (a waiting guest sees hosts only).
    for (const other of this.others(target)) {
      if (!this.canSee(other, target)) continue;
      other.socket?.deliver({
        type: sawBefore.has(other) ? 'participant-updated' : 'participant-joined',
        participant: this.view(target),
      });
    }
  }

  private refuse(socket: FakeWebSocket, entry: Entry): void {
    socket.deliver({ type: 'error', code: 'room_full', message: 'The consultation is full.' });
    socket.serverClose(CLOSE_CODES.roomFull);
    for (const host of this.entries.values()) {
      if (host.role === 'host') {
        host.socket?.deliver({ type: 'participant-refused', displayName: entry.displayName, reason: 'room_full' });
      }
    }
    this.entries.delete(entry.id);
  }

  private depart(entry: Entry, reason: 'left' | 'removed' | 'declined'): void {
    const watchers = this.others(entry).filter((other) => this.canSee(other, entry));
    this.entries.delete(entry.id);
    for (const other of watchers) other.socket?.deliver({ type: 'participant-left', participantId: entry.id, reason });
  }

  private broadcastUpdate(entry: Entry): void {
    for (const other of this.others(entry)) {
      if (this.canSee(other, entry)) other.socket?.deliver({ type: 'participant-updated', participant: this.view(entry) });
    }
  }

  private admittedCount(): number {
    return [...this.entries.values()].filter((entry) => entry.status === 'admitted' && entry.joined).length;
  }

  private others(entry: Entry): Entry[] {
    return [...this.entries.values()].filter((other) => other !== entry && other.joined && !this.away.has(other.id));
  }

  /** Hosts see everyone; admitted participants see admitted ones; waiting ones see the hosts. */
  private canSee(viewer: Entry, subject: Entry): boolean {
    if (viewer === subject || viewer.role === 'host') return true;
    if (viewer.status === 'waiting') return subject.role === 'host';
    return subject.status === 'admitted';
  }

  private visibleTo(viewer: Entry): Participant[] {
    return [...this.entries.values()]
      .filter((entry) => ((entry.joined && !this.away.has(entry.id)) || entry === viewer) && this.canSee(viewer, entry))
      .map((entry) => this.view(entry));
  }

  private view(entry: Entry): Participant {
    return {
      id: entry.id,
      displayName: entry.displayName,
      role: entry.role,
      status: entry.status,
      online: entry.online,
      media: entry.media,
    };
  }
}
