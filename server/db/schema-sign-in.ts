import { bigint, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
// A cycle with schema.ts (which re-exports this file) is safe: the references are thunks, read after both loaded.
import { accounts } from './schema';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** An account's second factors and remembered browsers (issue 12): authenticator app, recovery codes, passkeys. */

/**
 * An account's authenticator app (TOTP, RFC 6238; issue 12). The row exists from set-up on; it
 * counts as a second factor only once the person confirmed it with a first code.
 */
export const totpFactors = pgTable('totp_factors', {
  // An id of its own, as every sealed table has one (key rotation walks rows by it).
  id: uuid('id').primaryKey().defaultRandom(),
  accountId: uuid('account_id')
    .notNull()
    .unique()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  /** The shared secret (base32), encrypted: whoever reads it can make codes. */
  secret: text('secret').notNull(),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  /** The time step of the last accepted code: a code of this step or an earlier one is refused (replay). */
  lastUsedStep: integer('last_used_step'),
  createdAt: createdAt(),
});

/** Single-use recovery codes of an account's second factor (issue 12): only their hashes, deleted when used. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('recovery_codes_account_code_idx').on(table.accountId, table.codeHash)],
);

/**
 * Browsers in which an account completed a sign-in (issue 12): a sign-in from any other browser mails
 * the account's owner. Only a keyed hash (HMAC) of the random id in the browser's known-browser cookie
 * is kept, so the table cannot be turned back into a cookie; a row unused for 180 days is deleted.
 */
export const knownBrowsers = pgTable(
  'known_browsers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** HMAC of the cookie's random id under a key derived from the data key. */
    browserDigest: text('browser_digest').notNull(),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('known_browsers_account_digest_idx').on(table.accountId, table.browserDigest),
    index('known_browsers_last_sign_in_idx').on(table.lastSignInAt),
  ],
);

/**
 * An account's passkeys (WebAuthn credentials; issue 12): each a second factor, and a discoverable
 * one signs in alone. Only the public key is held, which proves nothing without the authenticator.
 */
export const passkeys = pgTable(
  'passkeys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** The credential id the authenticator chose (base64url): the look-up when it signs in. */
    credentialId: text('credential_id').notNull(),
    /** COSE public key (base64url): verifies the authenticator's signatures. */
    publicKey: text('public_key').notNull(),
    /** The authenticator's signature counter: a later signature must show a larger one (cloned keys). */
    signCount: bigint('sign_count', { mode: 'number' }).notNull().default(0),
    /** How the browser reaches the authenticator (usb, internal, hybrid …): offered back at sign-in. */
    transports: text('transports').array().notNull().default([]),
    /** The name the person gave it ("Laptop", "Security key"); encrypted. */
    name: text('name').notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (table) => [uniqueIndex('passkeys_credential_idx').on(table.credentialId), index('passkeys_account_idx').on(table.accountId)],
);

/**
 * WebAuthn challenges handed out and not yet answered: single use (deleted when answered) and valid
 * for two minutes. Only their hashes; `accountId` is empty for a sign-in with a passkey alone.
 */
export const passkeyChallenges = pgTable(
  'passkey_challenges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    challengeHash: text('challenge_hash').notNull(),
    purpose: text('purpose', { enum: ['register', 'signIn', 'secondFactor', 'freshCheck'] }).notNull(),
    accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [uniqueIndex('passkey_challenges_hash_idx').on(table.challengeHash), index('passkey_challenges_expiry_idx').on(table.expiresAt)],
);
