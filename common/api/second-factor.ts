import * as z from 'zod';
import { anyPassword } from './fields';

/** Blanks and hyphens people type between groups are dropped; letters are compared in lower case. */
const compact = (value: string) => value.replace(/[\s-]+/g, '').toLowerCase();

/** Six digits as an authenticator app shows them. */
export const totpCode = z
  .string()
  .max(20)
  .transform(compact)
  .pipe(z.string().regex(/^\d{6}$/));

/** A code of the app, or one of the printed recovery codes (12 base32 letters, `abcd-efgh-ijkm`). */
export const secondFactorCode = z
  .string()
  .max(40)
  .transform(compact)
  .pipe(z.string().regex(/^(\d{6}|[a-z2-7]{12})$/));

/** Setting up the app takes its own code only. */
export const totpConfirmRequest = z.strictObject({ code: totpCode });

/** The login step and the fresh check: the app's code or a recovery code. */
export const codeRequest = z.strictObject({ code: secondFactorCode });

/**
 * What a sensitive action asks besides the current password (the fresh check): a code of the second
 * factor, required by the server when the account has one (403 `second_factor_required` otherwise).
 */
export const freshCheckFields = { secondFactorCode: secondFactorCode.optional() };

/** Turning the second factor off asks again for the password and a current code (or a recovery code). */
export const secondFactorOffRequest = z.strictObject({ currentPassword: anyPassword, ...freshCheckFields });

export const recoveryCodesRequest = z.strictObject({ currentPassword: anyPassword, ...freshCheckFields });

export const secondFactorStatus = z.object({
  /** `pending`: set up but not confirmed with a first code yet, so not asked at login. */
  totp: z.enum(['off', 'pending', 'on']),
  recoveryCodesLeft: z.number().int().min(0),
  /** How many passkeys the account holds; each is a second factor (server/passkeys/). */
  passkeys: z.number().int().min(0),
});
export type SecondFactorStatus = z.infer<typeof secondFactorStatus>;

/** The secret as text (base32) and as the otpauth:// URI the browser draws as a QR code itself. */
export const totpSetupResponse = z.object({ secret: z.string(), uri: z.string() });
export type TotpSetup = z.infer<typeof totpSetupResponse>;

/** New recovery codes, shown this once: only their hashes are kept. */
export const recoveryCodesResponse = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodes = z.infer<typeof recoveryCodesResponse>;

/** The representative's rule for the whole organisation. */
export const organizationSecondFactorRequest = z.strictObject({ required: z.boolean() });
export const organizationSecondFactorView = z.object({ required: z.boolean() });

/** The representative resets a member's second factor: a sensitive action, so the own password (and second factor). */
export const memberSecondFactorResetRequest = z.strictObject({ currentPassword: anyPassword, ...freshCheckFields });
