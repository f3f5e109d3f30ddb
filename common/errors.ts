/**
 * Stable error codes shared by server and web app. The web app translates them;
 * API clients may rely on them. Never rename one, only add.
 */
export const errorCodes = [
  'invalid_json',
  'invalid_body',
  'validation_failed',
  'unsupported_media_type',
  'payload_too_large',
  'not_found',
  'method_not_allowed',
  'unauthenticated',
  'forbidden',
  'csrf_failed',
  'too_many_requests',
  'invalid_credentials',
  'email_not_confirmed',
  'email_taken',
  'token_invalid',
  'token_expired',
  'wrong_password',
  'link_invalid',
  'link_not_yet_valid',
  'consultation_ended',
  'room_full',
  'account_deactivated',
  'last_representative',
  'colleague_unavailable',
  'call_not_ringing',
  'account_restricted',
  'organization_has_members',
  'operator_login_required',
  'spam_check_failed',
  'ticket_closed',
  /** Another server process did not answer in time; the request can simply be repeated. */
  'try_again',
  'internal_error',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** Why one field was refused; the UI shows a translated text next to the field. */
export const fieldErrorCodes = [
  'required',
  'invalid_type',
  'too_short',
  'too_long',
  'invalid_format',
  'invalid_choice',
  'unknown_field',
  'invalid_email',
  'invalid_phone',
  'invalid_postal_code',
  'invalid_date',
  'too_young',
  'date_in_future',
  'common_password',
  'must_accept',
  'email_taken',
  'same_as_current',
] as const;
export type FieldErrorCode = (typeof fieldErrorCodes)[number];

export interface FieldError {
  code: FieldErrorCode;
  message: string;
  /** Limits of too_short / too_long, so the UI can say "at least 10 characters". */
  limit?: number;
}

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    fields?: Record<string, FieldError>;
    /** Machine-readable facts for the UI, e.g. `opensAt` of a link that is not valid yet. */
    details?: Record<string, string>;
  };
}

interface IssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  params?: Record<string, unknown>;
  keys?: string[];
  minimum?: number | bigint;
  maximum?: number | bigint;
  format?: string;
  origin?: string;
}

function isFieldErrorCode(value: unknown): value is FieldErrorCode {
  return typeof value === 'string' && (fieldErrorCodes as readonly string[]).includes(value);
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** Turns zod issues into one error per field, the first issue of each field winning. */
export function fieldErrorsFromIssues(issues: readonly IssueLike[], input: unknown): Record<string, FieldError> {
  const fields: Record<string, FieldError> = {};
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys ?? []) {
        const name = [...issue.path, key].join('.');
        fields[name] ??= { code: 'unknown_field', message: 'This field is not accepted here.' };
      }
      continue;
    }
    const name = issue.path.map(String).join('.') || '_';
    if (fields[name]) continue;
    fields[name] = describeIssue(issue, valueAt(input, issue.path));
  }
  return fields;
}

function describeIssue(issue: IssueLike, value: unknown): FieldError {
  if (value === undefined || (typeof value === 'string' && value.trim() === '' && issue.code === 'too_small')) {
    return { code: 'required', message: 'This field is required.' };
  }
  if (issue.code === 'custom' && isFieldErrorCode(issue.params?.code)) {
    return { code: issue.params.code, message: issue.message };
  }
  switch (issue.code) {
    case 'invalid_type':
      return { code: 'invalid_type', message: issue.message };
    case 'too_small':
      return { code: 'too_short', message: issue.message, limit: Number(issue.minimum) };
    case 'too_big':
      return { code: 'too_long', message: issue.message, limit: Number(issue.maximum) };
    case 'invalid_value':
      return { code: 'invalid_choice', message: issue.message };
    case 'invalid_format':
      return { code: issue.format === 'email' ? 'invalid_email' : 'invalid_format', message: issue.message };
    default:
      return { code: 'invalid_format', message: issue.message };
  }
}
