import type { SessionState } from '../../../common/api/accounts';
import { errorCodes, type ErrorBody, type ErrorCode, type FieldError } from '../../../common/errors';

/** The server's error codes plus the two failures only the client can see. */
export type ClientErrorCode = ErrorCode | 'network_error' | 'unexpected_response';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ClientErrorCode,
    message: string,
    readonly fields: Record<string, FieldError> = {},
    /** From Retry-After on 429 answers. */
    readonly retryAfterSeconds?: number,
    /** Machine-readable facts from the server, e.g. `opensAt` of an invitation link that is not valid yet. */
    readonly details: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The latest CSRF token; login and logout hand out a new one. */
let csrfToken: string | undefined;
let sessionLoad: Promise<SessionState> | undefined;

type SessionListener = (state: SessionState) => void;
const sessionListeners = new Set<SessionListener>();
const unauthenticatedListeners = new Set<() => void>();

/** Called with every session state the server reports (initial load, login, logout, CSRF refresh). */
export function onSessionState(listener: SessionListener): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

/** Called when the server answers 401: the login has ended (expired or logged out elsewhere). */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

/** Another channel (a socket closed by the server) learned that the login ended. */
export function reportUnauthenticated(): void {
  for (const listener of unauthenticatedListeners) listener();
}

export function publishSession(state: SessionState): void {
  csrfToken = state.csrfToken;
  for (const listener of sessionListeners) listener(state);
}

/** Loads the session (and with it a fresh CSRF token); concurrent callers share one request. */
export function loadSession(): Promise<SessionState> {
  sessionLoad ??= request<SessionState>('GET', '/api/session')
    .then((state) => {
      publishSession(state);
      return state;
    })
    .finally(() => {
      sessionLoad = undefined;
    });
  return sessionLoad;
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfter = Number(response.headers.get('retry-after'));
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined;
  let body: Partial<ErrorBody> | undefined;
  try {
    body = (await response.json()) as Partial<ErrorBody>;
  } catch {
    body = undefined;
  }
  const error = body?.error;
  if (!error || !isErrorCode(error.code)) {
    const code = response.status === 429 ? 'too_many_requests' : response.status >= 500 ? 'internal_error' : 'unexpected_response';
    return new ApiError(response.status, code, `HTTP ${response.status}`, {}, retryAfterSeconds);
  }
  return new ApiError(response.status, error.code, error.message, error.fields ?? {}, retryAfterSeconds, error.details ?? {});
}

/** A request body that is sent as it is (e.g. a PDF) instead of as JSON. */
interface RawBody {
  raw: Blob;
  contentType: string;
  /** Extra request headers, e.g. a credential that must not go into the URL. */
  headers?: Record<string, string>;
}

function isRawBody(body: unknown): body is RawBody {
  return typeof body === 'object' && body !== null && 'raw' in body && (body as RawBody).raw instanceof Blob;
}

async function send(method: Method, path: string, body: unknown): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (isRawBody(body)) Object.assign(headers, body.headers, { 'content-type': body.contentType });
  else if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    if (!csrfToken) await loadSession();
    headers['x-csrf-token'] = csrfToken ?? '';
  }
  try {
    return await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      ...(body === undefined ? {} : { body: isRawBody(body) ? body.raw : JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, 'network_error', 'The server could not be reached.');
  }
}

/**
 * One request to our own API (JSON body, or a {@link RawBody} such as a PDF, sent with the CSRF
 * header like any other); failures become ApiError with a stable code.
 */
export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  let response = await send(method, path, body);
  if (!response.ok) {
    let error = await toApiError(response);
    if (error.code === 'csrf_failed') {
      // The token went stale (e.g. the login ended in another tab): fetch a new one, try once more.
      await loadSession();
      response = await send(method, path, body);
      error = response.ok ? error : await toApiError(response);
    }
    if (!response.ok) {
      if (error.code === 'unauthenticated') reportUnauthenticated();
      throw error;
    }
  }
  if (response.status === 204) return undefined as T;
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError(response.status, 'unexpected_response', 'The answer was not JSON.');
  }
}
