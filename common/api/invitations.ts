import { isValidPhoneNumber, parsePhoneNumberWithError } from 'libphonenumber-js/mobile';
import * as z from 'zod';
import { callMode } from '../signaling';
import { DEFAULT_WINDOW_MINUTES, MAX_INVITATIONS, MAX_WINDOW_MINUTES, MIN_WINDOW_MINUTES } from './consultations';
import { email, personName } from './fields';

/*
 * Whom a consultation invites and how (e-mail, SMS). Mobile numbers need libphonenumber's metadata
 * (about 45 KB gzipped in the browser): kept apart from consultations.ts, so a guest's join page and
 * the call room, which import that module, never load it.
 */

/** Invitations go by SMS, so only mobile numbers pass; national numbers are read as German. */
export function normaliseMobile(value: string): string | undefined {
  try {
    return isValidPhoneNumber(value, 'DE') ? parsePhoneNumberWithError(value, 'DE').number : undefined;
  } catch {
    return undefined;
  }
}

export const mobilePhone = z
  .string()
  .trim()
  .min(3)
  .max(32)
  .transform((value, context) => {
    const normalised = normaliseMobile(value);
    if (!normalised) {
      context.addIssue({ code: 'custom', params: { code: 'invalid_phone' }, message: 'Please enter a valid mobile number, e.g. +49 151 1234567.' });
      return z.NEVER;
    }
    return normalised;
  });

/** A guest is reachable by e-mail, by SMS, or both — never by neither. */
function requireEmailOrPhone(guest: { email?: string; phone?: string }, context: z.RefinementCtx): void {
  if (!guest.email && !guest.phone) {
    context.addIssue({ code: 'custom', path: ['email'], params: { code: 'required' }, message: 'Enter an e-mail address or a mobile number.' });
  }
}

export const guestInput = z
  .strictObject({
    name: personName,
    email: email.optional(),
    phone: mobilePhone.optional(),
  })
  .superRefine(requireEmailOrPhone);
export type GuestInput = z.input<typeof guestInput>;

/** A guest to invite; `saveToContacts` is the customer's explicit choice to keep the data (P-09). */
const invitedGuest = z
  .strictObject({
    name: personName,
    email: email.optional(),
    phone: mobilePhone.optional(),
    saveToContacts: z.boolean().optional(),
  })
  .superRefine(requireEmailOrPhone);

export const createConsultationRequest = z.strictObject({
  /** ISO time; omitted = now. */
  startsAt: z.iso.datetime({ offset: true }).optional(),
  windowMinutes: z.number().int().min(MIN_WINDOW_MINUTES).max(MAX_WINDOW_MINUTES).default(DEFAULT_WINDOW_MINUTES),
  guests: z.array(invitedGuest).min(1).max(MAX_INVITATIONS),
  /** Practice staff: the professional of their organisation who will hold the consultation. */
  onBehalfOf: z.uuid().optional(),
  /** P-28: `audio` starts the consultation audio-only (no camera opened anywhere). */
  mode: callMode.default('video'),
});

export const addGuestRequest = z.strictObject({ guest: invitedGuest });
