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
  'colleague_busy',
  'call_not_ringing',
  'account_restricted',
  'organization_has_members',
  'operator_login_required',
  'spam_check_failed',
  'ticket_closed',
  /** A guest invited only by SMS asked for the chat by e-mail: there is no address to send it to. */
  'invitation_without_email',
  /** This installation has no SMS provider: invitations go by e-mail only. */
  'sms_unavailable',
  /** Refused before routing: 414, 431, a malformed URL, a request that did not arrive in time. */
  'uri_too_long',
  'headers_too_large',
  'invalid_url',
  'request_timeout',
  /** Another server process did not answer in time; the request can simply be repeated. */
  'try_again',
  /** The server is at capacity (password hashing) or a dependency is down: repeat after Retry-After. */
  'service_unavailable',
  'internal_error',
  /** The ticket for mailing the chat after the end (P-11) was altered, belongs to something else, or is missing. */
  'chat_ticket_invalid',
  /** That ticket's half hour after the end of the consultation is over. */
  'chat_ticket_expired',
  /** The second-factor code is wrong, or was already used (issue 12). */
  'second_factor_invalid',
  /** The step after the password expired or is missing: log in with the password again. */
  'second_factor_login_expired',
  /** An authenticator app is already set up; turn it off first. */
  'second_factor_already_set',
  /** Confirming or turning off an authenticator app that is not in that state (never set up, or already confirmed). */
  'second_factor_not_started',
  /** A sensitive action of an account with a second factor needs a current code besides the password. */
  'second_factor_required',
  /** The person's organisation requires a second factor: set it up before anything else. */
  'second_factor_setup_required',
  /** Someone else took the chosen slot a moment earlier; `details.nextSlots` lists free ones (ISO, comma-separated). */
  'slot_taken',
  /** The appointment can no longer be cancelled or moved this way (past the practice's deadline, or already cancelled). */
  'appointment_not_changeable',
  /** A passkey's answer did not verify (signature, origin, counter, unknown credential). */
  'passkey_invalid',
  /** The passkey challenge expired or was answered already: ask the browser again. */
  'passkey_expired',
  'passkey_already_registered',
  'passkey_limit_reached',
  /** Removing this factor would leave none while the organisation requires one. */
  'last_second_factor',
  /** The sign-in to end from the list is the current one: log out instead. */
  'current_session',
  /** The representative asked to reset a member's second factor, and the member has none. */
  'member_has_no_second_factor',
  /** Billing (issue 11): the plan is not paid (unpaid, cancelled, trial over); subscribe to start consultations and appointments again. */
  'subscription_required',
  /** A subscription is already running: change or cancel it in the payment provider's portal. */
  'already_subscribed',
  /** A payment-provider webhook whose signature did not verify, was too old, or is not an event we handle. */
  'webhook_refused',
  /** A calendar subscription URL whose token is unknown or was revoked (or replaced). */
  'calendar_feed_unknown',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/**
 * The HTTP status each code is answered with: one table, so a code always means the same status and
 * no call site repeats it.
 */
export const errorStatus: Record<ErrorCode, number> = {
  invalid_json: 400,
  invalid_body: 400,
  validation_failed: 422,
  unsupported_media_type: 415,
  payload_too_large: 413,
  not_found: 404,
  method_not_allowed: 405,
  unauthenticated: 401,
  forbidden: 403,
  csrf_failed: 403,
  too_many_requests: 429,
  invalid_credentials: 401,
  email_not_confirmed: 403,
  email_taken: 409,
  token_invalid: 400,
  token_expired: 410,
  wrong_password: 422,
  link_invalid: 410,
  link_not_yet_valid: 403,
  consultation_ended: 409,
  room_full: 409,
  account_deactivated: 403,
  last_representative: 409,
  colleague_unavailable: 409,
  colleague_busy: 409,
  call_not_ringing: 409,
  // Art. 18 restriction: processing of the account (its login, invitations in its name) is not allowed.
  account_restricted: 403,
  organization_has_members: 409,
  operator_login_required: 401,
  spam_check_failed: 422,
  ticket_closed: 409,
  invitation_without_email: 403,
  sms_unavailable: 422,
  uri_too_long: 414,
  headers_too_large: 431,
  invalid_url: 400,
  request_timeout: 408,
  try_again: 503,
  service_unavailable: 503,
  internal_error: 500,
  chat_ticket_invalid: 400,
  chat_ticket_expired: 410,
  second_factor_invalid: 422,
  second_factor_login_expired: 401,
  second_factor_already_set: 409,
  second_factor_not_started: 409,
  second_factor_required: 403,
  second_factor_setup_required: 403,
  slot_taken: 409,
  appointment_not_changeable: 409,
  passkey_invalid: 422,
  passkey_expired: 422,
  passkey_already_registered: 409,
  passkey_limit_reached: 409,
  last_second_factor: 409,
  current_session: 409,
  member_has_no_second_factor: 409,
  subscription_required: 402,
  already_subscribed: 409,
  webhook_refused: 400,
  calendar_feed_unknown: 404,
};

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
  'sms_unavailable',
  /** A name with control, zero-width or bidirectional-override characters. */
  'invalid_characters',
  /** A chosen appointment start the practice does not offer, by reason (issue 10). */
  'slot_in_past',
  'slot_short_notice',
  'slot_beyond_horizon',
  'slot_outside_hours',
  'slot_absent',
  'slot_misaligned',
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
