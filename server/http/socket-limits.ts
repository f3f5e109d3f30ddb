import type { Socket } from 'node:net';
import type { FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { throttleKey } from '../throttle/limiter';
import { clientOf } from './client';
import { AppError } from './errors';

/**
 * How many WebSockets one holder may keep open on this process. `replace-oldest`: a new socket
 * closes the holder's oldest (a second tab of the same participant takes over, as after its hello);
 * `refuse`: the upgrade is answered 429 until one closes (a new presence tab would otherwise throw
 * out an old one, which reconnects and throws out the next).
 */
export interface SocketRule {
  key: string;
  max: number;
  whenFull: 'replace-oldest' | 'refuse';
}

/** Per-process caps (issue #16 item 4); the numbers are the product's, the client cap is configurable. */
export const SOCKET_CAPS = {
  /** Signaling sockets of one participant (guest, host or colleague in one consultation). */
  perParticipant: 2,
  /** Signaling and presence sockets of one login session (its tabs). */
  perLoginSession: 8,
  /** Of one account over all its login sessions. */
  perAccount: 16,
} as const;

/** When a replaced socket does not answer its close frame, it is cut off after this long. */
const CLOSE_GRACE_MS = 5_000;

/** One counted socket. A class: every socket's has the same fields (one hidden class). */
class Held {
  socket: WebSocket | undefined = undefined;
  constructor(
    readonly tcp: Socket,
    /** The keys it is counted under. */
    readonly keys: string[],
    readonly replacedCode: number,
  ) {}
}

/**
 * Counts every authorised WebSocket from its upgrade request until its TCP connection ends, per
 * participant, login session, account and client. The client is counted under an HMAC of its
 * address (like the throttle keys): the address itself is never kept. Per process only: every
 * process bounds its own memory, and with N processes one holder has at most N times a cap; the
 * participant's "one place" rule holds across processes anyway, through the room's hello.
 *
 * Kept per socket for as long as it is open, so kept small: a key that counts one socket (most do)
 * holds it without a list, and one close listener serves every socket.
 */
export class SocketLimits {
  private readonly held = new Map<string, Held | Held[]>();
  private readonly byTcp = new WeakMap<Socket, Held>();
  private readonly tcpClosed: (this: Socket) => void;

  constructor(
    private readonly secret: Buffer,
    private readonly perClient: number,
  ) {
    const { byTcp } = this;
    const forget = (held: Held) => this.forget(held);
    this.tcpClosed = function (this: Socket): void {
      const held = byTcp.get(this);
      if (held) forget(held);
    };
  }

  /** The rule every socket is subject to: a cap per client address. */
  clientRule(request: FastifyRequest): SocketRule {
    return { key: throttleKey(this.secret, 'sockets', clientOf(request).address), max: this.perClient, whenFull: 'refuse' };
  }

  /**
   * Counts the upgrade of `request` before it happens, so that parallel upgrades cannot all slip in:
   * refuses it (429) if a `refuse` rule is full, else closes the oldest socket of each full
   * `replace-oldest` rule. Call from the route's preValidation, after authorisation.
   */
  admit(request: FastifyRequest, rules: SocketRule[], replacedCode: number): void {
    const full = rules.find((rule) => rule.whenFull === 'refuse' && this.count(rule.key) >= rule.max);
    if (full) {
      throw new AppError('too_many_requests', 'Too many open connections. Close another tab or try again later.', {
        headers: {
          'Retry-After': '30',
        },
      });
    }
    for (const rule of rules) {
      while (rule.whenFull === 'replace-oldest' && this.count(rule.key) >= rule.max) {
        const oldest = this.oldest(rule.key) as Held;
        this.forget(oldest);
        this.replace(oldest);
      }
    }
    const tcp = request.raw.socket;
    const held = new Held(
      tcp,
      rules.map((rule) => rule.key),
      replacedCode,
    );
    for (const key of held.keys) {
      const counted = this.held.get(key);
      if (counted === undefined) this.held.set(key, held);
      else if (Array.isArray(counted)) counted.push(held);
      else this.held.set(key, [counted, held]);
    }
    this.byTcp.set(tcp, held);
    // Not `once`: its wrapper would be two more objects per socket; a socket closes once.
    tcp.on('close', this.tcpClosed);
  }

  /** The upgrade succeeded: a replaced socket is now closed with a close frame, not cut off. */
  attach(request: FastifyRequest, socket: WebSocket): void {
    const held = this.byTcp.get(request.raw.socket);
    if (held) held.socket = socket;
  }

  /** Open sockets counted under a key; tests read it. */
  count(key: string): number {
    const counted = this.held.get(key);
    return counted === undefined ? 0 : Array.isArray(counted) ? counted.length : 1;
  }

  private oldest(key: string): Held | undefined {
    const counted = this.held.get(key);
    return Array.isArray(counted) ? counted[0] : counted;
  }

  private replace(held: Held): void {
    if (!held.socket) return void held.tcp.destroy();
    held.socket.close(held.replacedCode, 'connected elsewhere');
    setTimeout(() => held.socket?.terminate(), CLOSE_GRACE_MS).unref();
  }

  private forget(held: Held): void {
    for (const key of held.keys) {
      const counted = this.held.get(key);
      if (counted === held) this.held.delete(key);
      if (!Array.isArray(counted)) continue;
      const index = counted.indexOf(held);
      if (index >= 0) counted.splice(index, 1);
      if (counted.length === 1) this.held.set(key, counted[0] as Held);
      else if (counted.length === 0) this.held.delete(key);
    }
  }
}
