import { parsePhoneNumberWithError } from 'libphonenumber-js/min';
import { isValidPostalCode } from '../../../common/api/fields';
import { normalisePhone } from '../../../common/api/phone';
import type { FieldProblems } from './fieldProblems';

/**
 * The shared schemas check postal code and phone against the country only once all other
 * fields are valid; these run the same checks early so a field can show its problem on blur.
 */
export function addressChecks(values: { postalCode: string; phone: string; country: string }): FieldProblems {
  const problems: FieldProblems = {};
  const country = values.country.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) return problems;
  const postalCode = values.postalCode.trim();
  if (postalCode && postalCode.length <= 12 && !isValidPostalCode(postalCode, country)) {
    problems.postalCode = { code: 'invalid_postal_code' };
  }
  const phone = values.phone.trim();
  if (phone.length >= 3 && phone.length <= 32 && !normalisePhone(phone, country)) {
    problems.phone = { code: 'invalid_phone' };
  }
  return problems;
}

/** Today as YYYY-MM-DD in local time, the latest date a date-of-birth picker offers. */
export function today(): string {
  const now = new Date();
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A stored E.164 number in its readable international form: +4930123456 → +49 30 123456. */
export function displayPhone(phone: string): string {
  try {
    return parsePhoneNumberWithError(phone).formatInternational();
  } catch {
    return phone;
  }
}
