import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { errorStatus, fieldErrorsFromIssues, type ErrorBody, type ErrorCode, type FieldError } from '../../common/errors';

export interface AppErrorExtras {
  fields?: Record<string, FieldError>;
  headers?: Record<string, string>;
  details?: Record<string, string>;
}

/**
 * An expected failure with a stable code; anything else becomes a 500 without details. The status
 * comes from the code (`errorStatus` in common/errors.ts).
 */
export class AppError extends Error {
  readonly statusCode: number;
  readonly fields?: Record<string, FieldError>;
  readonly headers?: Record<string, string>;
  readonly details?: Record<string, string>;

  constructor(
    readonly code: ErrorCode,
    message: string,
    extras: AppErrorExtras = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.statusCode = errorStatus[code];
    if (extras.fields) this.fields = extras.fields;
    if (extras.headers) this.headers = extras.headers;
    if (extras.details) this.details = extras.details;
  }
}

export function fieldError(field: string, error: FieldError): AppError {
  return new AppError('validation_failed', 'Some fields are not valid.', { fields: { [field]: error } });
}

export function errorBody(code: ErrorCode, message: string, fields?: Record<string, FieldError>, details?: Record<string, string>): ErrorBody {
  return { error: { code, message, ...(fields ? { fields } : {}), ...(details ? { details } : {}) } };
}

/** Fastify's own client errors, by their code. */
const frameworkErrors: Record<string, { status: number; code: ErrorCode; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'invalid_json', message: 'The body is not valid JSON.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'invalid_json', message: 'The JSON body is empty.' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'payload_too_large', message: 'The body is too large.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported_media_type',
    message: 'Send the body as application/json.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'invalid_body', message: 'The content length is wrong.' },
  FST_ERR_CTP_INVALID_TYPE: { status: 415, code: 'unsupported_media_type', message: 'Send the body as application/json.' },
};

/** How long a client should wait before repeating a request that met an unavailable dependency. */
export const RETRY_AFTER_UNAVAILABLE_SECONDS = 5;

/** Node's errors for a peer that cannot be reached or went away. */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
/**
 * PostgreSQL SQLSTATEs of a server that is not serving: connection exceptions (class 08), too many
 * clients, and shutting down or starting up (admin shutdown, crash shutdown, cannot connect now).
 */
const UNAVAILABLE_SQLSTATES = /^(08...|53300|57P0[123])$/;
/** Messages of pg (pool and client) and ioredis for a connection that is not there or timed out. */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /is not queryable/,
  /^Connection is closed/,
  /enableOfflineQueue options is false/,
  /^Command timed out/,
  /Reached the max retries per request limit/,
];

/**
 * Whether an error means a dependency (the database, Redis) is unavailable rather than a fault in
 * the request or in our code: the one place that knows, for HTTP answers (503) and sockets (1013).
 * Drivers wrap what went wrong (drizzle in `cause`, several addresses in an AggregateError).
 */
export function isUnavailable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) return false;
  const { code } = error as { code?: unknown };
  if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || UNAVAILABLE_SQLSTATES.test(code))) return true;
  if (error.name === 'MaxRetriesPerRequestError') return true;
  if (UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(error.message))) return true;
  if (error instanceof AggregateError && error.errors.some((inner) => isUnavailable(inner, depth + 1))) return true;
  return isUnavailable(error.cause, depth + 1);
}

export function unavailableBody(): ErrorBody {
  return errorBody('service_unavailable', 'The service is briefly unavailable. Please try again in a few seconds.');
}

type PageFallback = (request: FastifyRequest, reply: FastifyReply) => FastifyReply | undefined;

/** `pageFallback` answers unknown page URLs with the web app, which routes on the client. */
export function registerErrorHandling(app: FastifyInstance, pageFallback?: PageFallback): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (error.headers) void reply.headers(error.headers);
      return reply.status(error.statusCode).send(errorBody(error.code, error.message, error.fields, error.details));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((entry) => ({
        code: entry.keyword,
        path: entry.instancePath.split('/').filter(Boolean),
        message: entry.message ?? 'Invalid value.',
        ...(entry.params as Record<string, unknown>),
      }));
      const input = error.validationContext === 'body' ? request.body : request.query;
      const rootIsWrong = issues.some((issue) => issue.path.length === 0 && issue.code === 'invalid_type');
      if (rootIsWrong) {
        return reply.status(400).send(errorBody('invalid_body', 'The body must be a JSON object.'));
      }
      return reply.status(422).send(errorBody('validation_failed', 'Some fields are not valid.', fieldErrorsFromIssues(issues, input)));
    }
    const known = error.code ? frameworkErrors[error.code] : undefined;
    if (known) return reply.status(known.status).send(errorBody(known.code, known.message));
    if (error.statusCode === 429) {
      return reply.status(429).send(errorBody('too_many_requests', 'Too many requests. Please wait a moment.'));
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send(errorBody('invalid_body', 'The request could not be read.'));
    }
    if (isUnavailable(error)) {
      request.log.warn({ err: error }, 'dependency unavailable');
      return reply.status(503).header('Retry-After', String(RETRY_AFTER_UNAVAILABLE_SECONDS)).send(unavailableBody());
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send(errorBody('internal_error', 'Something went wrong on our side.'));
  });

  app.setNotFoundHandler((request, reply) => {
    const page = pageFallback?.(request, reply);
    if (page) return page;
    return reply.status(404).send(errorBody('not_found', `No route ${request.method} ${request.url.split('?')[0]}.`));
  });
}
