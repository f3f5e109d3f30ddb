import type { FastifyReply, FastifyRequest } from 'fastify';
import * as z from 'zod';
import type { Clock } from '../clock';
import type { CookieSettings } from '../http/auth';
import { AppError } from '../http/errors';
import { FieldDecryptionError, type FieldCipher, type PurposeSealer } from '../security/field-crypto';

/** The HKDF label of the ticket key: no other purpose, and no stored field, shares it. */
const PENDING_LOGIN_PURPOSE = 'pending login after password';
/** Time to take out the phone and type a code; after it the password is asked again. */
export const PENDING_LOGIN_LIFETIME_MS = 5 * 60_000;

/** The cookie between password and code; declared with the others in server/privacy/transient.ts. */
export function pendingLoginCookieName(secure: boolean): string {
  return `${secure ? '__Host-' : ''}sz_pending_login`;
}

/** Which login a ticket belongs to: its own key and cookie, so a ticket of one never opens the other. */
export interface PendingLoginKind {
  purpose: string;
  cookieName: (secure: boolean) => string;
}

const customerLogin: PendingLoginKind = { purpose: PENDING_LOGIN_PURPOSE, cookieName: pendingLoginCookieName };

// `newBrowser` was read by the sign-in mail until the known-browser cookie decided it at completion;
// tickets sealed before that (5 minutes at most) still open.
const ticketContent = z.strictObject({
  accountId: z.string().min(1).max(64),
  expiresAt: z.number().int(),
  newBrowser: z.boolean().optional(),
  rememberBrowser: z.boolean().optional(),
});

export function pendingLoginExpired(): AppError {
  return new AppError('second_factor_login_expired', 'Please log in with your password again.');
}

/**
 * Between a correct password and the second factor, the browser holds this ticket in an HttpOnly
 * cookie: the account and an expiry, sealed (AES-256-GCM) under a key of its own, so only the
 * server reads or changes it and nothing is stored. It opens no route but the code step; a copied
 * ticket still needs a code, and codes are throttled per account.
 */
export class PendingLogins {
  private readonly sealer: PurposeSealer;

  constructor(
    cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly cookies: CookieSettings,
    private readonly kind: PendingLoginKind = customerLogin,
  ) {
    this.sealer = cipher.forPurpose(kind.purpose);
  }

  private get name(): string {
    return this.kind.cookieName(this.cookies.secure);
  }

  /** `rememberBrowser`: the person ticked "remember this browser" at the password step (P-04: only then a persistent cookie). */
  hold(reply: FastifyReply, accountId: string, rememberBrowser = false): void {
    const value = this.sealer.seal(JSON.stringify({ accountId, expiresAt: this.clock.now().getTime() + PENDING_LOGIN_LIFETIME_MS, rememberBrowser }));
    void reply.setCookie(this.name, value, { httpOnly: true, secure: this.cookies.secure, sameSite: 'strict', path: '/' });
  }

  /** The account whose password was right; 401 `second_factor_login_expired` for a missing, altered or old ticket. */
  accountOf(request: FastifyRequest): string {
    return this.ticketOf(request).accountId;
  }

  /** The whole ticket: the account and whether the person asked to be remembered in this browser. */
  ticketOf(request: FastifyRequest): { accountId: string; rememberBrowser: boolean } {
    const sealed = request.cookies[this.name];
    if (!sealed) throw pendingLoginExpired();
    let content: z.infer<typeof ticketContent>;
    try {
      content = ticketContent.parse(JSON.parse(this.sealer.open(sealed)));
    } catch (error) {
      if (error instanceof FieldDecryptionError || error instanceof SyntaxError || error instanceof z.ZodError) throw pendingLoginExpired();
      throw error;
    }
    if (content.expiresAt <= this.clock.now().getTime()) throw pendingLoginExpired();
    return { accountId: content.accountId, rememberBrowser: content.rememberBrowser === true };
  }

  release(reply: FastifyReply): void {
    void reply.clearCookie(this.name, { httpOnly: true, secure: this.cookies.secure, sameSite: 'strict', path: '/' });
  }
}
