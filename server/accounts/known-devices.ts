import type { FastifyReply } from 'fastify';
import type { Clock } from '../clock';
import type { CookieSettings } from '../http/auth';
import { retentionRules } from '../retention/policy';
import { FieldDecryptionError, type FieldCipher } from '../security/field-crypto';

/** How long a browser stays recognised after the last login in it; every login renews it. */
export const KNOWN_DEVICE_DAYS = retentionRules.knownDevices.after.days;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Authenticated with every value: a sealed database field does not open as a device cookie. */
const SEALING_CONTEXT = 'cookie.knownDevice v1';

interface KnownDevicePayload {
  account: string;
  issuedAt: number;
}

/**
 * The device cookie: a browser in which an account logged in successfully before carries proof of
 * it, so the next login of that account from there waits in the hashing pool's known-device lane,
 * which a login flood cannot fill (issue #16). It is sealed with the data key (AES-256-GCM, like
 * the personal fields at rest): nobody without the key can make one, alter one, or read the
 * account in it, and a key rotation keeps it readable while the former key is configured.
 *
 * It holds the account id and the time of the login, nothing else, and the server stores nothing
 * about it. It grants a place in line only: the password and the lock-out throttle are checked as
 * for any login, so a stolen cookie is worth a few guesses the throttle counts anyway.
 */
export class KnownDevices {
  constructor(
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  /** A fresh cookie value for the account that just logged in. */
  issue(accountId: string): string {
    const payload: KnownDevicePayload = { account: accountId, issuedAt: this.clock.now().getTime() };
    return this.cipher.encrypt(JSON.stringify(payload), SEALING_CONTEXT);
  }

  /** The account a cookie vouches for; undefined for none, a forged, altered or expired one. */
  accountOf(value: string | undefined): string | undefined {
    if (!value) return undefined;
    let payload: unknown;
    try {
      payload = JSON.parse(this.cipher.decrypt(value, SEALING_CONTEXT));
    } catch (error) {
      // Not sealed by us (or under a key no longer configured): a login like any other.
      if (error instanceof FieldDecryptionError || error instanceof SyntaxError) return undefined;
      throw error;
    }
    if (!isPayload(payload)) return undefined;
    const age = this.clock.now().getTime() - payload.issuedAt;
    return age >= 0 && age < KNOWN_DEVICE_DAYS * DAY_MS ? payload.account : undefined;
  }
}

function isPayload(value: unknown): value is KnownDevicePayload {
  if (typeof value !== 'object' || value === null) return false;
  const { account, issuedAt } = value as Record<string, unknown>;
  return typeof account === 'string' && typeof issuedAt === 'number';
}

/**
 * A session cookie by default (P-04: only strictly necessary session cookies unless the person asks
 * for more); persistent for {@link KNOWN_DEVICE_DAYS} only when they ticked "remember this browser"
 * at login. Lax like the session cookie.
 */
export function setDeviceCookie(reply: FastifyReply, settings: CookieSettings, value: string, remember: boolean): void {
  void reply.setCookie(settings.names.device, value, {
    httpOnly: true,
    secure: settings.secure,
    sameSite: 'lax',
    path: '/',
    ...(remember ? { maxAge: (KNOWN_DEVICE_DAYS * DAY_MS) / 1000 } : {}),
  });
}

/** When the account can no longer log in (erased, restricted), the browser forgets it too. */
export function clearDeviceCookie(reply: FastifyReply, settings: CookieSettings): void {
  void reply.clearCookie(settings.names.device, { path: '/', secure: settings.secure, httpOnly: true, sameSite: 'lax' });
}
