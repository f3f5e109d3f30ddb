import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { fieldErrorsFromIssues, type ErrorBody, type ErrorCode, type FieldError } from '../../common/errors';

/** An expected failure with a stable code; anything else becomes a 500 without details. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, FieldError>,
    readonly headers?: Record<string, string>,
    readonly details?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function fieldError(field: string, error: FieldError): AppError {
  return new AppError(422, 'validation_failed', 'Some fields are not valid.', { [field]: error });
}

export function errorBody(
  code: ErrorCode,
  message: string,
  fields?: Record<string, FieldError>,
  details?: Record<string, string>,
): ErrorBody {
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
      return reply
        .status(422)
        .send(errorBody('validation_failed', 'Some fields are not valid.', fieldErrorsFromIssues(issues, input)));
    }
    const known = error.code ? frameworkErrors[error.code] : undefined;
    if (known) return reply.status(known.status).send(errorBody(known.code, known.message));
    if (error.statusCode === 429) {
      return reply.status(429).send(errorBody('too_many_requests', 'Too many requests. Please wait a moment.'));
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send(errorBody('invalid_body', 'The request could not be read.'));
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
