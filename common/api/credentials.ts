import { z } from 'zod';
import { anyPassword, email, newPassword } from './fields';

/*
 * Logging in and managing a password or address: apart from accounts.ts (registration and profile,
 * which check postal addresses and phone numbers), so the login pages load no phone metadata.
 */

export const loginRequest = z.strictObject({ email: z.string().trim().max(254).transform((v) => v.toLowerCase()), password: anyPassword });

export const passwordResetRequest = z.strictObject({ email });

export const passwordResetConfirmation = z.strictObject({ token: z.string().min(16).max(128), password: newPassword });

export const passwordChangeRequest = z.strictObject({ currentPassword: anyPassword, newPassword });

export const emailChangeRequest = z.strictObject({ currentPassword: anyPassword, newEmail: email });
