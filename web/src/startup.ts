import type { SessionState } from '../../common/api/accounts';
import type { JoinView } from '../../common/api/consultations';
import { loadSession } from './api/client';
import { currentInvitation, redeemInvitation } from './api/join';
import { plausibleToken, tokenFrom } from './components/fragmentToken';
import type { Translations } from './i18n/de';
import { detectLanguage, loadTexts, type Language } from './i18n/language';
import { appRoutes } from './routes';

/**
 * What the first page needs from the network, started before the app's code is evaluated:
 * main.tsx imports this module first, so it runs ahead of React, the pages and their schemas.
 * The login state (with the CSRF token), the texts of the page's language, the join page's chunk
 * and, on a patient's invitation link, the join request itself then travel while the app loads,
 * instead of one after another once it has rendered.
 */
export interface Startup {
  language: Language;
  /** Each getter gives the outcome of a request started at once, as a promise made when asked. */
  texts: () => Promise<Translations>;
  session: () => Promise<SessionState>;
  /** The chunk of the page opened, where one is worth fetching at once (the join page); else null. */
  route: (() => Promise<unknown>) | null;
  /**
   * The join page's first answer, for the page's first redeem of the same token (an empty token: the
   * guest's place again after a reload). Null for any other token and for every later call, which
   * asks the server again.
   */
  takeJoin(token: string): Promise<JoinView> | null;
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Held as an outcome until someone asks: a request that fails before the app awaits it is then no
 * unhandled rejection, and whoever takes it gets the error thrown as if they had asked themselves.
 */
function held<T>(promise: Promise<T>): () => Promise<T> {
  const outcome = promise.then(
    (value): Settled<T> => ({ ok: true, value }),
    (error: unknown): Settled<T> => ({ ok: false, error }),
  );
  return async () => {
    const settled = await outcome;
    if (settled.ok) return settled.value;
    throw settled.error;
  };
}

function joinRequest(hash: string): Startup['takeJoin'] {
  const token = tokenFrom(hash);
  const answer = held(plausibleToken(token) ? redeemInvitation(token) : currentInvitation());
  let taken = false;
  return (wanted) => {
    if (taken || wanted !== token) return null;
    taken = true;
    return answer();
  };
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function begin(): Startup {
  const { pathname, hash } = window.location;
  const language = detectLanguage(storage(), navigator);
  const join = pathname === appRoutes.join.path;
  return {
    language,
    // The session first: a POST needs its CSRF token, and the join request below waits for it.
    session: held(loadSession()),
    texts: held(loadTexts(language)),
    route: join ? held(import('./room/JoinPage')) : null,
    takeJoin: join ? joinRequest(hash) : () => null,
  };
}

/** Started once per page load, when this module is evaluated (the first thing main.tsx does). */
export const startup: Startup = begin();
