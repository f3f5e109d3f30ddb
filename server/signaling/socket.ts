import type { FastifyBaseLogger } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import { CLOSE_CODES, encodeServerMessage, parseClientMessage, TokenBucket, type ClientMessage } from '../../common/signaling';
import { isUnavailable } from '../http/errors';
import { LoopStall } from '../throttle/loop-stall';
import type { SignalingCluster, SocketLink } from './cluster';
import { RoomFullError, type SignalingIdentity } from './hub';
import type { Connection } from './room';

/** One timer looks after every socket of the process instead of two timers per socket. */
const SWEEP_INTERVAL_MS = 5_000;
/** Dead peers are found by WebSocket pings (every third sweep); two missed pongs and the socket is dropped. */
const SWEEPS_PER_PING = 3;
/** A socket must introduce itself promptly (closed at the first sweep after this). */
const HELLO_TIMEOUT_MS = 10_000;
/** A socket closed for a missing hello that does not answer the close frame is cut off after this. */
const CLOSE_GRACE_MS = 5_000;

type ErrorCode = 'invalid_json' | 'invalid_message' | 'hello_required' | 'internal_error';

/**
 * The signaling sockets of this process: their heartbeat and hello deadline, and the event loop's
 * stall for their rate limits. Per socket only a {@link SignalingSocket} is kept.
 */
export class SignalingSockets {
  private readonly open = new Set<SignalingSocket>();
  private readonly timer: NodeJS.Timeout;
  private sweeps = 0;
  readonly stall = new LoopStall();
  /**
   * The socket's events reach its {@link SignalingSocket} through one listener function each for
   * all sockets (`this` is the `ws` socket), not three closures per socket.
   */
  private readonly owners = new WeakMap<WebSocket, SignalingSocket>();
  private readonly listeners;

  constructor(
    readonly signaling: SignalingCluster,
    readonly log: FastifyBaseLogger,
  ) {
    this.timer = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS);
    this.timer.unref();
    const { owners } = this;
    this.listeners = {
      message(this: WebSocket, data: RawData, isBinary: boolean): void {
        owners.get(this)?.received(data, isBinary);
      },
      pong(this: WebSocket): void {
        owners.get(this)?.answered();
      },
      close(this: WebSocket): void {
        owners.get(this)?.closed();
      },
    };
  }

  accept(socket: WebSocket, identity: SignalingIdentity): void {
    // Before the socket's first read: its rate limit may need the stall from then on.
    this.stall.start();
    const owner = new SignalingSocket(this, socket, identity);
    this.owners.set(socket, owner);
    socket.on('message', this.listeners.message);
    socket.on('pong', this.listeners.pong);
    socket.on('close', this.listeners.close);
    this.open.add(owner);
  }

  forget(socket: SignalingSocket): void {
    this.open.delete(socket);
    // No socket left whose rate limit needs it: the idle server sleeps.
    if (this.open.size === 0) this.stall.stop();
  }

  close(): void {
    clearInterval(this.timer);
    this.stall.stop();
  }

  private sweep(): void {
    this.sweeps += 1;
    const ping = this.sweeps % SWEEPS_PER_PING === 0;
    const now = Date.now();
    for (const socket of this.open) socket.check(now, ping);
  }
}

/**
 * One signaling socket: rate limit, parsing, and its messages handed on in order. A message that
 * needs no database is handled at once; one that does makes the later ones wait for it.
 */
class SignalingSocket implements Connection {
  private readonly bucket: TokenBucket;
  private readonly openedAt: number;
  private link: SocketLink | undefined;
  /** The last message still waiting for the database, if any; the next ones queue behind it. */
  private pending: Promise<void> | undefined;
  private alive = true;

  constructor(
    private readonly sockets: SignalingSockets,
    private readonly socket: WebSocket,
    /** Who opened the socket, until its hello joined the room (the member holds it from then on). */
    private identity: SignalingIdentity | undefined,
  ) {
    this.openedAt = Date.now();
    this.bucket = new TokenBucket(undefined, undefined, this.openedAt);
  }

  send(text: string): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(text);
  }

  close(code: number, reason: string): void {
    this.socket.close(code, reason);
  }

  /** Heartbeat and hello deadline, from the process's sweep. */
  check(now: number, ping: boolean): void {
    if (!this.link && !this.pending && now - this.openedAt >= HELLO_TIMEOUT_MS) {
      this.sockets.forget(this);
      this.socket.close(CLOSE_CODES.policyViolation, 'hello expected');
      setTimeout(() => this.socket.terminate(), CLOSE_GRACE_MS).unref();
      return;
    }
    if (!ping) return;
    if (!this.alive) return this.socket.terminate();
    this.alive = false;
    this.socket.ping();
  }

  /** The socket answered a ping. */
  answered(): void {
    this.alive = true;
  }

  received(data: RawData, isBinary: boolean): void {
    this.alive = true;
    if (!this.bucket.take(Date.now(), this.sockets.stall.totalMs())) return this.socket.close(CLOSE_CODES.policyViolation, 'rate limit exceeded');
    if (isBinary) return this.sendError('invalid_message', 'Only text frames are accepted.');
    const parsed = parseClientMessage(String(data));
    if (!parsed.ok) {
      if (parsed.code === 'message_too_large') return this.socket.close(CLOSE_CODES.messageTooBig, 'message too large');
      return this.sendError(parsed.code, parsed.code === 'invalid_json' ? 'Not valid JSON.' : 'Not a valid message.');
    }
    const message = parsed.message;
    if (this.pending) return this.track(this.pending.then(() => this.process(message)));
    try {
      const result = this.process(message);
      if (result) this.track(result);
    } catch (error) {
      this.failed(error);
    }
  }

  private process(message: ClientMessage): void | Promise<void> {
    if (this.link) return this.link.handle(message);
    if (message.type !== 'hello' || !this.identity) return this.sendError('hello_required', 'Send hello first.');
    return this.sockets.signaling.join(this.identity, this, message.resumeToken, message.media).then((link) => {
      this.link = link;
      this.identity = undefined;
    });
  }

  private track(work: Promise<void>): void {
    const settled: Promise<void> = work
      .catch((error: unknown) => this.failed(error))
      .then(() => {
        if (this.pending === settled) this.pending = undefined;
      });
    this.pending = settled;
  }

  private failed(error: unknown): void {
    if (error instanceof RoomFullError) return;
    // The database or Redis is away: the client reconnects with back-off and resumes (1013 is not terminal).
    if (isUnavailable(error)) {
      this.sockets.log.warn({ err: error }, 'signaling dependency unavailable');
      return this.socket.close(CLOSE_CODES.tryAgainLater, 'try again later');
    }
    this.sockets.log.error({ err: error }, 'signaling message failed');
    this.sendError('internal_error', 'Something went wrong on our side.');
  }

  private sendError(code: ErrorCode, message: string): void {
    this.send(encodeServerMessage({ type: 'error', code, message }));
  }

  closed(): void {
    this.sockets.forget(this);
    if (this.pending) void this.pending.then(() => this.link?.disconnected());
    else this.link?.disconnected();
  }
}
