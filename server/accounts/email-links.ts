import type { Clock } from '../clock';
import type { Db } from '../db/database';
import { AppError } from '../http/errors';
import { randomToken, sha256 } from '../security/tokens';
import type { Throttle } from '../throttle/throttle';
import { CONFIRMATION_TOKEN_TTL_MS, DISOWN_SIGN_IN_TTL_MS, EMAIL_CHANGE_TOKEN_TTL_MS, MEMBER_INVITATION_TTL_MS, PASSWORD_RESET_TOKEN_TTL_MS } from './policy';
import type { AccountStore, EmailTokenRow, TokenPurpose } from './store';
import type { Client } from '../http/client';

const linkPaths: Record<TokenPurpose, string> = {
  confirm_email: '/confirm-email',
  reset_password: '/reset-password',
  change_email: '/confirm-email-change',
  member_invitation: '/accept-invitation',
  disown_sign_in: '/not-me',
};

const lifetimes: Record<TokenPurpose, number> = {
  confirm_email: CONFIRMATION_TOKEN_TTL_MS,
  reset_password: PASSWORD_RESET_TOKEN_TTL_MS,
  change_email: EMAIL_CHANGE_TOKEN_TTL_MS,
  member_invitation: MEMBER_INVITATION_TTL_MS,
  disown_sign_in: DISOWN_SIGN_IN_TTL_MS,
};

/**
 * Single-use links sent by e-mail: 256 random bits, stored only as a hash, one purpose each, with a
 * lifetime per purpose. The token travels in the URL fragment, which browsers never send to a
 * server or in a Referer.
 */
export class EmailLinks {
  constructor(private readonly deps: { store: AccountStore; throttle: Throttle; clock: Clock; publicUrl: URL }) {}

  async issue(accountId: string, purpose: TokenPurpose, newEmail?: string): Promise<string> {
    const token = randomToken();
    const now = this.deps.clock.now();
    await this.deps.store.issueToken({
      accountId,
      purpose,
      tokenHash: sha256(token),
      expiresAt: new Date(now.getTime() + lifetimes[purpose]),
      createdAt: now,
      ...(newEmail ? { newEmail } : {}),
    });
    return token;
  }

  link(purpose: TokenPurpose, token: string | null): string {
    const url = new URL(linkPaths[purpose], this.deps.publicUrl);
    if (token) url.hash = token;
    return url.toString();
  }

  /** Redeems a token once; unknown and used tokens look alike, expired ones say so. Returns the account id. */
  async redeem(
    token: string,
    purpose: TokenPurpose,
    client: Client,
    apply: (tx: Db, row: EmailTokenRow) => Promise<void>,
    /** Runs once the link is known to be valid and before it is used up; throwing keeps the link. */
    precondition?: (row: EmailTokenRow) => Promise<void>,
  ): Promise<string> {
    await this.deps.throttle.consume('tokenAttemptsPerClient', client.address);
    const row = await this.deps.store.findToken(sha256(token), purpose);
    const now = this.deps.clock.now();
    if (!row || row.usedAt) throw new AppError('token_invalid', 'This link is not valid (any more).');
    if (row.expiresAt <= now) throw new AppError('token_expired', 'This link has expired.');
    if (precondition) await precondition(row);
    const redeemed = await this.deps.store.redeemToken(row.id, now, (tx) => apply(tx, row));
    if (!redeemed) throw new AppError('token_invalid', 'This link is not valid (any more).');
    return row.accountId;
  }
}
