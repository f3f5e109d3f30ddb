import * as z from 'zod';
import { anyPassword, email, newPassword } from './fields';
import { freshCheckFields } from './second-factor';

/*
 * Logging in and managing a password or address: apart from accounts.ts (registration and profile,
 * which check postal addresses and phone numbers), so the login pages load no phone metadata.
 */

export const loginRequest = z.strictObject({
  email: z
    .string()
    .trim()
    .max(254)
    .transform((v) => v.toLowerCase()),
  password: anyPassword,
  /** Keep the device cookie for 180 days (P-04: by default it ends with the browser session). */
  rememberBrowser: z.boolean().optional(),
});

export const passwordResetRequest = z.strictObject({ email });

export const passwordResetConfirmation = z.strictObject({ token: z.string().min(16).max(128), password: newPassword });

/** `handedOver`: the address had not been confirmed; the link confirmed it, and the data typed at registration wants a review. */
export const passwordResetResponse = z.object({ ok: z.literal(true), handedOver: z.boolean() });

/** Confirming an address needs the password chosen at registration as well as the mailed link. */
export const emailConfirmationRequest = z.strictObject({ token: z.string().min(16).max(128), password: anyPassword });

export const passwordChangeRequest = z.strictObject({ currentPassword: anyPassword, newPassword, ...freshCheckFields });

export const emailChangeRequest = z.strictObject({ currentPassword: anyPassword, newEmail: email, ...freshCheckFields });
