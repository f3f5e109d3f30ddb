/** The named limits of passkeys (issue 12). */

/** Time to touch the key or unlock the phone; an older challenge is refused (and later deleted). */
export const CHALLENGE_LIFETIME_MS = 2 * 60_000;

/** A passkey checked for a sensitive action serves the next one within this time, then is asked again. */
export const FRESH_CHECK_LIFETIME_MS = 5 * 60_000;

/** Enough for every device and a spare key; a list no one could read is no help. */
export const MAX_PASSKEYS_PER_ACCOUNT = 20;

/** WebAuthn's user handle for an account: its id, which holds nothing personal (no e-mail, no name). */
export function userHandleOf(accountId: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(accountId);
}
