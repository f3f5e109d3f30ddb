import {
  CLOSE_CODES,
  HEARTBEAT_INTERVAL_MS,
  HEARTBEAT_TIMEOUT_MS,
  SIGNALING_PATH,
  SIGNALING_PROTOCOL_VERSION,
  TERMINAL_CLOSE_CODES,
  encodeClientMessage,
  parseServerMessage,
  type ClientMessageInput,
  type MediaState,
  type ServerMessage,
  type ServerMessageOf,
  type ServerMessageType,
} from '../../common/signaling';
import { Emitter } from './emitter';
import { errorName, silentLogger, type Logger } from './logger';

/**
 * idle: connect() not called yet. connecting: first connection until `welcome`. open: `welcome`
 * received, messages flow. reconnecting: the socket dropped; waiting for the back-off timer or a new
 * socket's `welcome`. closed: terminal (close() called, consultation ended, removed, declined, …).
 */
export type SignalingState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface SignalingCloseInfo {
  code: number;
  reason: string;
  /** Set when the server said why before closing (`ended`, `removed`, `declined`). */
  cause: 'ended' | 'removed' | 'declined' | null;
  /** True when close() was called locally. */
  local: boolean;
}

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  factor: number;
}

export interface SignalingClientOptions {
  /** ws(s) URL; see {@link signalingUrl}. */
  url: string;
  /** Defaults to globalThis.WebSocket (looked up at connect(), not at construction). */
  WebSocket?: typeof WebSocket;
  logger?: Logger;
  /** A token from an earlier page load, to get the same place back after a refresh. */
  resumeToken?: string | null;
  /** Extra hello fields, read at every (re)connect. */
  hello?: () => { media?: MediaState };
  backoff?: Partial<BackoffOptions>;
  /** [0, 1); injectable for deterministic tests. */
  random?: () => number;
  now?: () => number;
  heartbeatIntervalMs?: number;
  heartbeatTimeoutMs?: number;
  /** Messages kept while (re)connecting; older ones are dropped beyond it. */
  maxQueued?: number;
}

type MessageEvents = { [K in ServerMessageType]: [ServerMessageOf<K>] };
export type SignalingEvents = MessageEvents & {
  state: [SignalingState];
  message: [ServerMessage];
  closed: [SignalingCloseInfo];
};

const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 10_000, factor: 2 };

/** Same-origin signaling URL for a page location (https → wss). */
export function signalingUrl(location: { protocol: string; host: string }, path = SIGNALING_PATH): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${path}`;
}

/** Exponential back-off with "equal jitter": half the step fixed, half random; capped. */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number): number {
  const step = Math.min(options.maxMs, options.initialMs * options.factor ** attempt);
  return Math.round(step / 2 + random() * (step / 2));
}

const OPEN = 1;

/**
 * WebSocket to the signaling server: hello/welcome handshake, resume after drops, back-off with
 * jitter, heartbeats, and a typed event per server message type.
 */
export class SignalingClient extends Emitter<SignalingEvents> {
  private readonly options: SignalingClientOptions;
  private readonly logger: Logger;
  private readonly backoff: BackoffOptions;
  private readonly random: () => number;
  private readonly now: () => number;
  private socket: WebSocket | null = null;
  private stateValue: SignalingState = 'idle';
  private token: string | null;
  private id: string | null = null;
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private heartbeatTimer: ReturnType<typeof setInterval> | null = null;
  private lastInbound = 0;
  private queue: ClientMessageInput[] = [];
  private welcomed = false;
  private cause: SignalingCloseInfo['cause'] = null;
  private closeInfoValue: SignalingCloseInfo | null = null;

  constructor(options: SignalingClientOptions) {
    super();
    this.options = options;
    this.logger = options.logger ?? silentLogger;
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    this.token = options.resumeToken ?? null;
  }

  get state(): SignalingState {
    return this.stateValue;
  }
  get participantId(): string | null {
    return this.id;
  }
  get resumeToken(): string | null {
    return this.token;
  }
  get closeInfo(): SignalingCloseInfo | null {
    return this.closeInfoValue;
  }
  /** Reconnect attempts since the last welcome. */
  get attempts(): number {
    return this.attempt;
  }

  connect(): void {
    if (this.stateValue !== 'idle') return;
    this.setState('connecting');
    this.openSocket();
  }

  /**
   * Sends now when open; while (re)connecting, keeps it and sends it after the next `welcome` that
   * resumed the same participant (a fresh participant drops the queue: its peers are new).
   */
  send(message: ClientMessageInput): 'sent' | 'queued' | 'dropped' {
    if (this.stateValue === 'open' && this.socket?.readyState === OPEN) {
      this.socket.send(encodeClientMessage(message));
      return 'sent';
    }
    if (this.stateValue === 'closed' || this.stateValue === 'idle' || message.type === 'ping') return 'dropped';
    encodeClientMessage(message); // validate now: fail at the call site, not later
    this.queue.push(message);
    const max = this.options.maxQueued ?? 500;
    if (this.queue.length > max) this.queue.splice(0, this.queue.length - max);
    return 'queued';
  }

  /** Retry at once (e.g. on the window `online` event) instead of waiting for the back-off timer. */
  reconnectNow(): void {
    if (this.stateValue === 'open') {
      this.send({ type: 'ping', ts: this.now() });
      return;
    }
    if (this.stateValue !== 'reconnecting' || !this.reconnectTimer) return;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.logger.debug('signaling: reconnect now');
    this.openSocket();
  }

  /** Ends the connection for good; with `leave`, tells the server first (frees the place at once). */
  close(options: { leave?: boolean } = {}): void {
    if (this.stateValue === 'closed') return;
    if (options.leave && this.stateValue === 'open' && this.socket?.readyState === OPEN) {
      this.socket.send(encodeClientMessage({ type: 'leave' }));
    }
    const socket = this.socket;
    this.teardownSocket();
    socket?.close(CLOSE_CODES.normal, 'bye');
    this.finish({ code: CLOSE_CODES.normal, reason: 'closed locally', cause: this.cause, local: true });
  }

  private openSocket(): void {
    const Ctor = this.options.WebSocket ?? globalThis.WebSocket;
    let socket: WebSocket;
    try {
      socket = new Ctor(this.options.url);
    } catch (error) {
      this.logger.warn('signaling: cannot create socket', { error: errorName(error) });
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    this.welcomed = false;
    this.logger.debug('signaling: socket opening', { attempt: this.attempt });
    socket.onopen = () => {
      if (socket !== this.socket) return;
      this.lastInbound = this.now();
      socket.send(
        encodeClientMessage({
          type: 'hello',
          protocol: SIGNALING_PROTOCOL_VERSION,
          ...(this.token ? { resumeToken: this.token } : {}),
          ...this.options.hello?.(),
        }),
      );
      this.startHeartbeat();
    };
    socket.onmessage = (event: MessageEvent) => {
      if (socket !== this.socket) return;
      this.lastInbound = this.now();
      if (typeof event.data !== 'string') {
        this.logger.warn('signaling: ignored a binary frame');
        return;
      }
      const parsed = parseServerMessage(event.data);
      if (!parsed.ok) {
        this.logger.warn('signaling: ignored an invalid message', { code: parsed.code, detail: parsed.detail });
        return;
      }
      this.handle(parsed.message);
    };
    socket.onerror = () => {
      if (socket === this.socket) this.logger.debug('signaling: socket error');
    };
    socket.onclose = (event: CloseEvent) => {
      if (socket !== this.socket) return;
      this.teardownSocket();
      this.afterClose(event.code, event.reason);
    };
  }

  private handle(message: ServerMessage): void {
    switch (message.type) {
      case 'welcome': {
        const previous = this.id;
        const resumedSame = message.resumed && previous === message.participantId;
        this.id = message.participantId;
        this.token = message.resumeToken;
        this.attempt = 0;
        const queued = previous === null || resumedSame ? this.queue : [];
        if (previous !== null && !resumedSame && this.queue.length > 0) {
          this.logger.debug('signaling: dropped queued messages of the previous participant', {
            count: this.queue.length,
          });
        }
        this.queue = [];
        this.welcomed = true;
        this.setState('open');
        this.emit('message', message);
        this.emit('welcome', message);
        for (const item of queued) this.send(item);
        return;
      }
      case 'ended':
      case 'removed':
      case 'declined':
        this.cause = message.type;
        break;
      default:
        break;
    }
    this.emit('message', message);
    (this.emit as (event: ServerMessageType, message: ServerMessage) => void)(message.type, message);
    if (this.cause && this.stateValue !== 'closed') {
      // The server closes right after these; do not wait for it, and never reconnect.
      const socket = this.socket;
      this.teardownSocket();
      socket?.close(CLOSE_CODES.normal, this.cause);
      this.finish({ code: CLOSE_CODES.normal, reason: this.cause, cause: this.cause, local: false });
    }
  }

  private afterClose(code: number, reason: string): void {
    this.logger.debug('signaling: socket closed', { code, welcomed: this.welcomed });
    if (this.cause || TERMINAL_CLOSE_CODES.has(code)) {
      this.finish({ code, reason, cause: this.cause, local: false });
      return;
    }
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    const delay = backoffDelay(this.attempt, this.backoff, this.random);
    this.attempt += 1;
    this.setState('reconnecting');
    this.logger.debug('signaling: reconnecting', { attempt: this.attempt, delayMs: delay });
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.openSocket();
    }, delay);
  }

  private startHeartbeat(): void {
    this.stopHeartbeat();
    const interval = this.options.heartbeatIntervalMs ?? HEARTBEAT_INTERVAL_MS;
    const timeout = this.options.heartbeatTimeoutMs ?? HEARTBEAT_TIMEOUT_MS;
    this.heartbeatTimer = setInterval(() => {
      const socket = this.socket;
      if (!socket) return;
      if (this.now() - this.lastInbound > timeout) {
        // A dead TCP connection may take minutes to report close: give up on it ourselves.
        this.logger.debug('signaling: heartbeat missed');
        this.teardownSocket();
        socket.close(CLOSE_CODES.heartbeatTimeout, 'heartbeat timeout');
        this.afterClose(CLOSE_CODES.heartbeatTimeout, 'heartbeat timeout');
        return;
      }
      if (this.welcomed && socket.readyState === OPEN) {
        socket.send(encodeClientMessage({ type: 'ping', ts: this.now() }));
      }
    }, interval);
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
  }

  private teardownSocket(): void {
    this.stopHeartbeat();
    const socket = this.socket;
    if (socket) {
      socket.onopen = null;
      socket.onmessage = null;
      socket.onerror = null;
      socket.onclose = null;
    }
    this.socket = null;
  }

  private finish(info: SignalingCloseInfo): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.teardownSocket();
    this.queue = [];
    this.closeInfoValue = info;
    this.setState('closed');
    this.emit('closed', info);
  }

  private setState(next: SignalingState): void {
    if (next === this.stateValue) return;
    this.logger.debug('signaling: state', { from: this.stateValue, to: next });
    this.stateValue = next;
    this.emit('state', next);
  }
}
