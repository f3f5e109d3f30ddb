import { isValidPhoneNumber, parsePhoneNumberWithError, type CountryCode } from 'libphonenumber-js/min';
import type * as z from 'zod';
import { isValidPostalCode } from './fields';

/*
 * Phone checks need libphonenumber's metadata (~55 KB gzipped in the browser): kept apart from
 * fields.ts so that only the forms that ask for a phone number load it, never a guest's call page.
 */

/** Phone numbers are stored in E.164; national numbers are read in the context of the address's country. */
export function normalisePhone(phone: string, country: string | undefined): string | undefined {
  const defaultCountry = (country && /^[A-Z]{2}$/.test(country) ? country : 'DE') as CountryCode;
  try {
    if (!isValidPhoneNumber(phone, defaultCountry)) return undefined;
    return parsePhoneNumberWithError(phone, defaultCountry).number;
  } catch {
    return undefined;
  }
}

/** Checks that need several fields: postal code and phone depend on the country. */
export function refineAddress<T extends { postalCode: string; country: string; phone: string }>(value: T, context: z.RefinementCtx): void {
  if (!isValidPostalCode(value.postalCode, value.country)) {
    context.addIssue({
      code: 'custom',
      path: ['postalCode'],
      params: { code: 'invalid_postal_code' },
      message: 'This postal code does not exist in the chosen country.',
    });
  }
  const phone = normalisePhone(value.phone, value.country);
  if (!phone) {
    context.addIssue({
      code: 'custom',
      path: ['phone'],
      params: { code: 'invalid_phone' },
      message: 'Please enter a valid phone number, e.g. +49 30 1234567.',
    });
  }
}

/** Runs after refineAddress succeeded, so the phone is known to be valid. */
export function withNormalisedPhone<T extends { country: string; phone: string }>(value: T): T {
  return { ...value, phone: normalisePhone(value.phone, value.country) ?? value.phone };
}
