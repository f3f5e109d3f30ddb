import { AppError } from '../http/errors';
import { sha256 } from '../security/tokens';
import type { SessionService } from './service';
import type { SessionRow, SessionStore } from './store';

/**
 * The reference the account page uses for a session: derived from the id's hash, so neither the id
 * nor its stored hash ever reaches the browser, and a reference leads to nothing but this list.
 */
export function sessionRef(idHash: string): string {
  return sha256(`session reference\u0000${idHash}`).slice(0, 32);
}

/** "Where you are signed in" (issue 12): list the account's sessions, end one or all others. */
export class SignedInBrowsers {
  constructor(
    private readonly store: SessionStore,
    private readonly sessions: SessionService,
  ) {}

  async list(accountId: string): Promise<SessionRow[]> {
    return (await this.store.listOf(accountId)).filter((row) => this.sessions.isLive(row));
  }

  /** Ends another session of the same account; the current one ends by logging out. */
  async end(accountId: string, ref: string, currentIdHash: string): Promise<void> {
    const target = (await this.list(accountId)).find((row) => sessionRef(row.idHash) === ref);
    if (!target) throw new AppError('not_found', 'No such sign-in.');
    if (target.idHash === currentIdHash) throw new AppError('current_session', 'This is the current sign-in; log out to end it.');
    await this.sessions.end(target.idHash);
  }

  endOthers(accountId: string, currentIdHash: string): Promise<void> {
    return this.sessions.endAllOf(accountId, currentIdHash);
  }
}
