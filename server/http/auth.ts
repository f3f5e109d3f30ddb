import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GuestIdentity } from '../consultations/guests';
import { csrfTokenFor, type ActiveSession, type SessionService } from '../sessions/service';
import { constantTimeEquals, randomToken } from '../security/tokens';
import { AppError } from './errors';

/**
 * Who may call a route. Every route declares one in `config.access`; the route table test fails
 * for a route without it.
 */
type Access = 'public' | 'customer' | 'guest' | 'operator';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /**
     * Why a write route takes no CSRF token: only for callers that are not browsers and authenticate
     * every request otherwise (Stripe's signed webhook). The route-table test names each one.
     */
    csrfExempt?: string;
    /**
     * A `public` route that reads the customer session itself, together with what it answers, in one
     * round trip (GET /api/session); it judges it with SessionService.admit and sets `request.session`.
     */
    readsSession?: true;
  }
  interface FastifyRequest {
    session: ActiveSession | undefined;
    guest: GuestIdentity | undefined;
    /** Operator staff on `operator` routes; `accountId` of this session is the operator's id. */
    operator: ActiveSession | undefined;
  }
}

const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface CookieNames {
  session: string;
  browser: string;
  /** A guest's place in one consultation, exchanged for the invitation link's token. */
  guest: string;
  /** Operator staff's login: a cookie of its own, so that a customer login never opens the operator area. */
  operator: string;
  /** A browser in which an account logged in before (server/accounts/known-devices.ts). */
  device: string;
  /** A browser's random id, for the mail about sign-ins from other browsers (server/sessions/known-browsers.ts). */
  knownBrowser: string;
}

/** The __Host- prefix binds a cookie to our exact origin over https (no Domain, Path=/). */
export function cookieNames(secure: boolean): CookieNames {
  const prefix = secure ? '__Host-' : '';
  return {
    session: `${prefix}sz_session`,
    browser: `${prefix}sz_browser`,
    guest: `${prefix}sz_guest`,
    operator: `${prefix}sz_operator`,
    device: `${prefix}sz_device`,
    knownBrowser: `${prefix}sz_known_browser`,
  };
}

export interface CookieSettings {
  names: CookieNames;
  secure: boolean;
}

export function setSessionCookie(reply: FastifyReply, settings: CookieSettings, sessionId: string): void {
  void reply.setCookie(settings.names.session, sessionId, {
    httpOnly: true,
    secure: settings.secure,
    sameSite: 'lax',
    path: '/',
  });
}

export function setGuestCookie(reply: FastifyReply, settings: CookieSettings, value: string): void {
  void reply.setCookie(settings.names.guest, value, {
    httpOnly: true,
    secure: settings.secure,
    sameSite: 'strict',
    path: '/',
  });
}

/** Strict: the operator area is never entered from a link on another site. */
export function setOperatorCookie(reply: FastifyReply, settings: CookieSettings, sessionId: string): void {
  void reply.setCookie(settings.names.operator, sessionId, {
    httpOnly: true,
    secure: settings.secure,
    sameSite: 'strict',
    path: '/',
  });
}

export function clearOperatorCookie(reply: FastifyReply, settings: CookieSettings): void {
  void reply.clearCookie(settings.names.operator, { path: '/', secure: settings.secure, httpOnly: true, sameSite: 'strict' });
}

export function clearSessionCookie(reply: FastifyReply, settings: CookieSettings): void {
  void reply.clearCookie(settings.names.session, { path: '/', secure: settings.secure, httpOnly: true, sameSite: 'lax' });
}

/**
 * Anonymous visitors get a random browser value (not stored anywhere) so that their write
 * requests (login, registration) carry a CSRF token too.
 */
export function ensureBrowserCookie(request: FastifyRequest, reply: FastifyReply, settings: CookieSettings): string {
  const existing = request.cookies[settings.names.browser];
  if (existing && existing.length >= 32) return existing;
  const value = randomToken();
  void reply.setCookie(settings.names.browser, value, {
    httpOnly: true,
    secure: settings.secure,
    sameSite: 'strict',
    path: '/',
  });
  request.cookies[settings.names.browser] = value;
  return value;
}

/** The token the client should echo in X-CSRF-Token from now on. */
export function expectedCsrfToken(request: FastifyRequest, settings: CookieSettings): string | undefined {
  const sessionId = request.session ? request.cookies[settings.names.session] : undefined;
  const browserValue = request.cookies[settings.names.browser];
  if (sessionId) return csrfTokenFor(sessionId);
  return browserValue ? csrfTokenFor(browserValue) : undefined;
}

/**
 * Tokens derived from either cookie the browser presents are accepted: another site can read
 * neither. So a page whose session just expired can still log in again without a reload.
 */
function acceptedCsrfTokens(request: FastifyRequest, settings: CookieSettings): string[] {
  const { session, browser, guest, operator } = settings.names;
  return [request.cookies[session], request.cookies[browser], request.cookies[guest], request.cookies[operator]]
    .filter((value): value is string => typeof value === 'string' && value.length > 0)
    .map(csrfTokenFor);
}

export interface GuestResolver {
  resolve(cookieValue: string): Promise<GuestIdentity | undefined>;
}

export function registerAuthentication(
  app: FastifyInstance,
  options: {
    sessions: SessionService;
    operatorSessions: SessionService;
    /** Issue 12: an operator session counts only once its sign-in passed the second factor. */
    operatorSecondFactor: { sessionPassed(sessionIdHash: string): Promise<boolean> };
    guests: GuestResolver;
    cookies: CookieSettings;
    publicOrigin: string;
  },
): void {
  app.decorateRequest('session', undefined);
  app.decorateRequest('guest', undefined);
  app.decorateRequest('operator', undefined);
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === 'operator') {
      // Only the operator cookie counts here: a customer login, however privileged, is not staff.
      const operatorSession = request.cookies[options.cookies.names.operator];
      const resolved = operatorSession ? await options.operatorSessions.resolve(operatorSession) : undefined;
      // Checked here, once for every operator route: a session of a password-only sign-in (from before
      // issue 12, or before the CLI reset the app) opens nothing; the web app goes back to the sign-in.
      request.operator = resolved && (await options.operatorSecondFactor.sessionPassed(resolved.idHash)) ? resolved : undefined;
      // A code of its own, so that the web app does not take it for the end of a customer login.
      if (!request.operator) throw new AppError('operator_login_required', 'Please log in to the operator area.');
    } else if (access && !(access === 'public' && request.routeOptions.config.readsSession)) {
      const sessionId = request.cookies[options.cookies.names.session];
      request.session = sessionId ? await options.sessions.resolve(sessionId) : undefined;
      if (access === 'customer' && !request.session) {
        throw new AppError('unauthenticated', 'Please log in.');
      }
      if (access === 'guest') {
        const guestCookie = request.cookies[options.cookies.names.guest];
        request.guest = guestCookie ? await options.guests.resolve(guestCookie) : undefined;
        if (!request.guest) throw new AppError('unauthenticated', 'Please open your invitation link again.');
      }
    }
    // Also for routes that declare no access (plugins'): a write without the token never runs. The one
    // exemption is a server-to-server webhook that proves its sender by a signature instead
    // (`csrfExempt`, the route-table test lists every such route).
    if (!SAFE_METHODS.has(request.method) && !request.routeOptions.config.csrfExempt) verifyCsrf(request, options);
  });
}

function verifyCsrf(request: FastifyRequest, options: { cookies: CookieSettings; publicOrigin: string }): void {
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== options.publicOrigin) {
    throw new AppError('csrf_failed', 'This request came from another site.');
  }
  if (request.headers['sec-fetch-site'] === 'cross-site') {
    throw new AppError('csrf_failed', 'This request came from another site.');
  }
  const sent = request.headers[CSRF_HEADER];
  const accepted = acceptedCsrfTokens(request, options.cookies);
  if (typeof sent !== 'string' || !accepted.some((token) => constantTimeEquals(sent, token))) {
    throw new AppError('csrf_failed', 'The security token is missing or stale. Reload the page and try again.');
  }
}

export function requireGuest(request: FastifyRequest): GuestIdentity {
  if (!request.guest) throw new AppError('unauthenticated', 'Please open your invitation link again.');
  return request.guest;
}

export function requireOperator(request: FastifyRequest): ActiveSession {
  if (!request.operator) throw new AppError('operator_login_required', 'Please log in to the operator area.');
  return request.operator;
}

export function requireSession(request: FastifyRequest): ActiveSession {
  if (!request.session) throw new AppError('unauthenticated', 'Please log in.');
  return request.session;
}
