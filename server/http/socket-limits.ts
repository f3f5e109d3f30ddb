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

interface Held {
  tcp: Socket;
  rules: SocketRule[];
  socket?: WebSocket;
  replacedCode: number;
}

/**
 * Counts every authorised WebSocket from its upgrade request until its TCP connection ends, per
 * participant, login session, account and client. The client is counted under an HMAC of its
 * address (like the throttle keys): the address itself is never kept. Per process only: every
 * process bounds its own memory, and with N processes one holder has at most N times a cap; the
 * participant's "one place" rule holds across processes anyway, through the room's hello.
 */
export class SocketLimits {
  private readonly held = new Map<string, Held[]>();
  private readonly byTcp = new WeakMap<Socket, Held>();

  constructor(
    private readonly secret: Buffer,
    private readonly perClient: number,
  ) {}

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
    const full = rules.find((rule) => rule.whenFull === 'refuse' && (this.held.get(rule.key)?.length ?? 0) >= rule.max);
    if (full) {
      throw new AppError('too_many_requests', 'Too many open connections. Close another tab or try again later.', {
        headers: {
          'Retry-After': '30',
        },
      });
    }
    for (const rule of rules) {
      const list = this.held.get(rule.key) ?? [];
      while (rule.whenFull === 'replace-oldest' && list.length >= rule.max) {
        const oldest = list[0] as Held;
        this.forget(oldest);
        this.replace(oldest);
      }
    }
    const tcp = request.raw.socket;
    const held: Held = { tcp, rules, replacedCode };
    for (const rule of rules) {
      // Most keys hold one socket: a list of exactly one, not an empty one grown to the default size.
      const list = this.held.get(rule.key);
      if (list) list.push(held);
      else this.held.set(rule.key, [held]);
    }
    this.byTcp.set(tcp, held);
    tcp.once('close', () => this.forget(held));
  }

  /** The upgrade succeeded: a replaced socket is now closed with a close frame, not cut off. */
  attach(request: FastifyRequest, socket: WebSocket): void {
    const held = this.byTcp.get(request.raw.socket);
    if (held) held.socket = socket;
  }

  /** Open sockets counted under a key; tests read it. */
  count(key: string): number {
    return this.held.get(key)?.length ?? 0;
  }

  private replace(held: Held): void {
    if (!held.socket) return void held.tcp.destroy();
    held.socket.close(held.replacedCode, 'connected elsewhere');
    setTimeout(() => held.socket?.terminate(), CLOSE_GRACE_MS).unref();
  }

  private forget(held: Held): void {
    for (const rule of held.rules) {
      const list = this.held.get(rule.key);
      if (!list) continue;
      const index = list.indexOf(held);
      if (index >= 0) list.splice(index, 1);
      if (list.length === 0) this.held.delete(rule.key);
    }
  }
}
