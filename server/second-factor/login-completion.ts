import type { FastifyReply, FastifyRequest } from 'fastify';
import { presentSessionAccount } from '../accounts/presenter';
import type { AccountService } from '../accounts/service';
import { setSessionCookie, type CookieSettings } from '../http/auth';
import { describeDevice, type DeviceDescription } from '../sessions/device';
import type { KnownBrowsers } from '../sessions/known-browsers';
import type { SessionService } from '../sessions/service';
import type { NoticeAccount, SignInNotices } from '../sessions/sign-in-notice';
import { pendingLoginExpired, type PendingLogins } from './pending-login';

/*
 * The end of a login, shared by the routes that complete one: the code step (routes.ts), a passkey
 * (passkeys/routes.ts) and the password step of an account without a second factor
 * (sessions/routes.ts) — so none of them imports another feature's routes.
 */

export interface PendingLoginDeps {
  accounts: AccountService;
  sessions: SessionService;
  pending: PendingLogins;
  cookies: CookieSettings;
  notices: SignInNotices;
  knownBrowsers: KnownBrowsers;
}

/**
 * After every completed sign-in: this browser is known to the account from now on, and if it was not
 * before, the owner gets the mail, sent after the answer. A mail server that is away does not undo
 * the sign-in; it is logged.
 */
export async function tellOfNewBrowser(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: { notices: SignInNotices; knownBrowsers: KnownBrowsers },
  account: NoticeAccount,
  device: DeviceDescription,
  rememberBrowser: boolean,
): Promise<void> {
  const { notices, knownBrowsers } = deps;
  if ((await knownBrowsers.signedIn(request, reply, account.id, rememberBrowser)).known) return;
  notices.newBrowserLater(account, device, request.log);
}

/**
 * The second factor passed (a code here, a passkey in server/passkeys/routes.ts): the session starts,
 * unless the account was deactivated or restricted in the minutes since the password.
 */
export async function completePendingLogin(
  deps: PendingLoginDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  accountId: string,
): Promise<{ csrfToken: string; account: ReturnType<typeof presentSessionAccount> }> {
  const { accounts, sessions, pending, cookies } = deps;
  const { account, pendingEmail } = await accounts.profile(accountId);
  if (account.status !== 'active' || account.restrictedAt) {
    pending.release(reply);
    throw pendingLoginExpired();
  }
  if (request.session) await sessions.end(request.session.idHash);
  const device = describeDevice(request.headers['user-agent']);
  const { sessionId, csrfToken } = await sessions.start(account.id, device);
  setSessionCookie(reply, cookies, sessionId);
  const { rememberBrowser } = pending.ticketOf(request);
  pending.release(reply);
  await tellOfNewBrowser(request, reply, deps, account, device, rememberBrowser);
  return { csrfToken, account: presentSessionAccount(account, pendingEmail) };
}
