import * as z from 'zod';

/** Field schemas shared by the server (authoritative) and the web app (early feedback). */

export const PASSWORD_MIN_LENGTH = 10;
const PASSWORD_MAX_LENGTH = 128;

/**
 * Characters a name never needs and an attacker does: NUL and the other control characters (CR/LF
 * would start a new line in a mail or a log), format characters — zero-width ones and the
 * bidirectional overrides such as U+202E that make a name read differently than it is stored —
 * line and paragraph separators, and lone surrogates. The zero-width non-joiner (U+200C) stays:
 * Persian and some Indic names are spelt with it.
 */
const FORBIDDEN_IN_NAMES = /(?!\u200C)[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;

export function refuseInvisibleCharacters(value: string, context: z.RefinementCtx): void {
  if (FORBIDDEN_IN_NAMES.test(value)) {
    context.addIssue({
      code: 'custom',
      params: { code: 'invalid_characters' },
      message: 'Please use letters, digits, spaces and punctuation only (no control or invisible characters).',
    });
  }
}

/** Every name a person enters: first and last names, guests', contacts', members', operators'. */
export const personName = z.string().trim().min(1).max(100).superRefine(refuseInvisibleCharacters);

/** An organisation's name, under the same rule as a person's. */
export const organizationName = z.string().trim().min(2).max(200).superRefine(refuseInvisibleCharacters);

export const email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email())
  .transform((value) => value.toLowerCase());

/** Length only; the server also refuses common passwords (no composition rules, NIST 800-63B). */
export const newPassword = z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH);

/** Login accepts whatever was set, but never more than the longest possible password. */
export const anyPassword = z.string().min(1).max(PASSWORD_MAX_LENGTH);

const countryCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/);

const MINIMUM_AGE_YEARS = 18;

function ageInYears(dateOfBirth: string, today: Date): number {
  const [year, month, day] = dateOfBirth.split('-').map(Number) as [number, number, number];
  let age = today.getUTCFullYear() - year;
  const beforeBirthday = today.getUTCMonth() + 1 < month || (today.getUTCMonth() + 1 === month && today.getUTCDate() < day);
  if (beforeBirthday) age -= 1;
  return age;
}

export const dateOfBirth = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .superRefine((value, context) => {
    const parsed = new Date(`${value}T00:00:00Z`);
    if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value || value < '1900-01-01') {
      context.addIssue({ code: 'custom', params: { code: 'invalid_date' }, message: 'This is not a valid date.' });
      return;
    }
    const today = new Date();
    if (parsed.getTime() > today.getTime()) {
      context.addIssue({ code: 'custom', params: { code: 'date_in_future' }, message: 'This date lies in the future.' });
    } else if (ageInYears(value, today) < MINIMUM_AGE_YEARS) {
      context.addIssue({
        code: 'custom',
        params: { code: 'too_young' },
        message: `Customers must be at least ${MINIMUM_AGE_YEARS} years old.`,
      });
    }
  });

const postalCodePatterns: Partial<Record<string, RegExp>> = {
  DE: /^\d{5}$/,
  AT: /^\d{4}$/,
  CH: /^\d{4}$/,
  LI: /^\d{4}$/,
  LU: /^(L-)?\d{4}$/,
  NL: /^\d{4} ?[A-Z]{2}$/,
  FR: /^\d{5}$/,
  IT: /^\d{5}$/,
  ES: /^\d{5}$/,
  PL: /^\d{2}-\d{3}$/,
  DK: /^\d{4}$/,
  BE: /^\d{4}$/,
};

export function isValidPostalCode(postalCode: string, country: string): boolean {
  const pattern = postalCodePatterns[country] ?? /^[A-Z0-9][A-Z0-9 -]{1,9}$/i;
  return pattern.test(postalCode);
}

const phoneInput = z.string().trim().min(3).max(32);

export const postalAddress = {
  street: z.string().trim().min(1).max(200),
  houseNumber: z.string().trim().min(1).max(20),
  postalCode: z.string().trim().min(1).max(12),
  city: z.string().trim().min(1).max(100),
  country: countryCode,
  phone: phoneInput,
};

export const mustAccept = z.boolean().refine((accepted) => accepted, {
  params: { code: 'must_accept' },
  message: 'Please accept to continue.',
});

export const locale = z.enum(['de', 'en']);
