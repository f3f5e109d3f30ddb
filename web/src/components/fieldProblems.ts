import type { TFunction } from 'i18next';
import type { FieldErrorCode } from '../../../common/errors';
import { ApiError } from '../api/client';

/** What can be wrong with one field: the shared codes plus a wrong current password. */
export type FieldProblemCode = FieldErrorCode | 'wrong_password';

export interface FieldProblem {
  code: FieldProblemCode;
  limit?: number;
}

export type FieldProblems = Record<string, FieldProblem>;

export function fieldProblemText(t: TFunction, problem: FieldProblem): string {
  return t(`fieldErrors.${problem.code}`, { limit: problem.limit ?? '' });
}

/** A form-level message for any failure; 429 says how long to wait when the server told us. */
export function errorText(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t('errors.unexpected_response');
  if (error.code === 'too_many_requests' && error.retryAfterSeconds) {
    const seconds = error.retryAfterSeconds;
    return seconds < 90 ? t('retryAfter.seconds', { count: seconds }) : t('retryAfter.minutes', { count: Math.ceil(seconds / 60) });
  }
  return t(`errors.${error.code}`);
}
