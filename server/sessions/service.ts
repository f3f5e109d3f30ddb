import type { Clock } from '../clock';
import { randomToken, sha256 } from '../security/tokens';
import { SESSION_ABSOLUTE_TIMEOUT_MS, SESSION_IDLE_TIMEOUT_MS, SESSION_TOUCH_INTERVAL_MS } from './policy';
import type { DeviceDescription } from './device';
import type { Requirement } from '../second-factor/requirement';
import type { SessionRecords } from './store';

export interface ActiveSession {
  idHash: string;
  accountId: string;
  /** The account's second-factor requirement when it was read with the session (customer routes). */
  secondFactor?: Requirement;
}

/**
 * The CSRF token is a hash of the cookie value that identifies the browser (the session id, or an
 * anonymous pre-session value). Another origin can read neither, so it cannot compute the token;
 * a hash cannot be turned back into the session id.
 */
export function csrfTokenFor(cookieValue: string): string {
  return sha256(`csrf\u0000${cookieValue}`);
}

/** How a session is stored and found: by the hash of its id, never the id itself. */
export function sessionIdHash(sessionId: string): string {
  return sha256(sessionId);
}

/** Told whenever sessions end, so that what they opened (signaling sockets) closes with them. */
export type SessionEndListener = (idHashes: string[]) => void;

export class SessionService {
  private readonly endListeners: SessionEndListener[] = [];

  constructor(
    private readonly store: SessionRecords,
    private readonly clock: Clock,
  ) {}

  onEnded(listener: SessionEndListener): void {
    this.endListeners.push(listener);
  }

  private ended(idHashes: string[]): void {
    if (idHashes.length === 0) return;
    for (const listener of this.endListeners) listener(idHashes);
  }

  /** A fresh id on every login, so an id planted before login is worthless (session fixation). */
  async start(accountId: string, device?: DeviceDescription): Promise<{ sessionId: string; csrfToken: string }> {
    const sessionId = randomToken();
    const now = this.clock.now();
    await this.store.insert({
      idHash: sessionIdHash(sessionId),
      accountId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_TIMEOUT_MS),
      ...(device ? { browser: device.browser, os: device.os } : {}),
    });
    return { sessionId, csrfToken: csrfTokenFor(sessionId) };
  }

  async resolve(sessionId: string): Promise<ActiveSession | undefined> {
    const idHash = sessionIdHash(sessionId);
    return this.admit(idHash, await this.store.find(idHash));
  }

  /**
   * Judges a session row read by whoever read it (GET /api/session reads it together with the
   * profile): ends it when past its limits, marks it seen now and then, as `resolve` does.
   */
  async admit(
    idHash: string,
    row: { accountId: string; expiresAt: Date; lastSeenAt: Date; secondFactor?: Requirement } | undefined,
  ): Promise<ActiveSession | undefined> {
    if (!row) return undefined;
    if (!this.isLive(row)) {
      await this.end(idHash);
      return undefined;
    }
    const now = this.clock.now();
    if (now.getTime() - row.lastSeenAt.getTime() >= SESSION_TOUCH_INTERVAL_MS) await this.store.touch(idHash, now);
    return { idHash, accountId: row.accountId, ...(row.secondFactor ? { secondFactor: row.secondFactor } : {}) };
  }

  /** Whether a stored session still counts (neither past its absolute end nor idle too long). */
  isLive(row: { expiresAt: Date; lastSeenAt: Date }): boolean {
    const now = this.clock.now();
    return row.expiresAt > now && now.getTime() - row.lastSeenAt.getTime() < SESSION_IDLE_TIMEOUT_MS;
  }

  async end(idHash: string): Promise<void> {
    await this.store.delete(idHash);
    this.ended([idHash]);
  }

  async endAllOf(accountId: string, exceptIdHash?: string): Promise<void> {
    this.ended(await this.store.deleteAllOf(accountId, exceptIdHash));
  }

  /** Deletes ended sessions, at most `limit` at a time (the retention job loops); returns how many. */
  async purgeExpired(now = this.clock.now(), limit = Number.MAX_SAFE_INTEGER): Promise<number> {
    const removed = await this.store.deleteExpired(now, new Date(now.getTime() - SESSION_IDLE_TIMEOUT_MS), limit);
    this.ended(removed);
    return removed.length;
  }
}
