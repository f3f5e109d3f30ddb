import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../clock';
import type { CookieSettings } from '../http/auth';
import { retentionRules } from '../retention/policy';
import type { FieldCipher } from '../security/field-crypto';
import { randomToken } from '../security/tokens';
import type { KnownBrowserStore } from './known-browser-store';

/** A browser stays known this long after the last sign-in in it (the cookie's Max-Age and the row's retention). */
export const KNOWN_BROWSER_DAYS = retentionRules.knownBrowsers.after.days;
const DAY_MS = 24 * 60 * 60 * 1000;
const DIGEST_LABEL = 'known browser';
/** 256 random bits, base64url: anything else in the cookie is replaced by a fresh id. */
const BROWSER_ID = /^[A-Za-z0-9_-]{43}$/;

/**
 * Which browsers an account signed in from, so that only a sign-in from another one mails the owner
 * (issue 12). Its own cookie holds a random id, the same for every account signing in in that
 * browser; the server keeps only the id's HMAC per account. The cookie lasts beyond the browser
 * session only when the person ticked "remember this browser" (P-04: by default session cookies
 * only); otherwise a restarted browser is new again, and the mail says how to avoid that. It says nothing about the person
 * and opens nothing: the device cookie (server/accounts/known-devices.ts), a session cookie unless
 * "remember this browser" is ticked, keeps its one purpose, a place in the login queue.
 */
export class KnownBrowsers {
  constructor(
    private readonly store: KnownBrowserStore,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly cookies: CookieSettings,
  ) {}

  /**
   * After a completed sign-in (or the confirmation of a registration, which proves mailbox and
   * password): whether the account knew this browser before; from now on it does, for another
   * {@link KNOWN_BROWSER_DAYS} days, and the cookie is renewed for as long.
   */
  async signedIn(request: FastifyRequest, reply: FastifyReply, accountId: string, rememberBrowser: boolean): Promise<{ known: boolean }> {
    const presented = request.cookies[this.cookies.names.knownBrowser];
    const browserId = presented && BROWSER_ID.test(presented) ? presented : randomToken();
    const now = this.clock.now();
    const digests = this.cipher.digests(DIGEST_LABEL, browserId);
    const since = new Date(now.getTime() - KNOWN_BROWSER_DAYS * DAY_MS);
    // A fresh id was never seen; the digests of one presented are looked up as it is recorded.
    const { known } = await this.store.signIn(accountId, browserId === presented ? digests : [], digests[0]!, now, since);
    void reply.setCookie(this.cookies.names.knownBrowser, browserId, {
      httpOnly: true,
      secure: this.cookies.secure,
      sameSite: 'lax',
      path: '/',
      ...(rememberBrowser ? { maxAge: (KNOWN_BROWSER_DAYS * DAY_MS) / 1000 } : {}),
    });
    return { known };
  }

  /** "This was not me": every browser of the account is a stranger again. */
  async forgetAll(accountId: string): Promise<void> {
    await this.store.forgetAll(accountId);
  }
}
