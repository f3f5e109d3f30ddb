import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * One schema for PGlite and PostgreSQL. Every column is personal data or metadata
 * with a purpose, legal basis and retention: see docs/compliance.md (and the data
 * inventory that will be generated from code in the privacy issue).
 *
 * Personal fields (names, dates of birth, addresses, phones, e-mail addresses) hold AES-256-GCM
 * ciphertext sealed by the stores (P-21): server/security/sealed-columns.ts lists them. The database
 * can therefore neither search nor sort them; e-mail look-ups go through a blind index column.
 */

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/**
 * A practice or clinic (P-06). Its representative registers it; its e-mail address is confirmed
 * by double opt-in and is the representative's login.
 */
export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    status: text('status', { enum: ['pending', 'active'] })
      .notNull()
      .default('pending'),
    name: text('name').notNull(),
    /** Lower-cased, then encrypted. */
    email: text('email').notNull(),
    /** Blind index of the e-mail address (HMAC): the database keeps it unique. */
    emailIndex: text('email_index').notNull(),
    street: text('street').notNull(),
    houseNumber: text('house_number').notNull(),
    postalCode: text('postal_code').notNull(),
    city: text('city').notNull(),
    /** ISO 3166-1 alpha-2. */
    country: text('country').notNull(),
    /** E.164. */
    phone: text('phone').notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Since when the representative requires a second factor of everyone in it (issue 12); null: not required. */
    secondFactorRequiredAt: timestamp('second_factor_required_at', { withTimezone: true }),
    /** IANA zone the practice's appointments are shown and its weekly hours are read in. */
    timeZone: text('time_zone').notNull().default('Europe/Berlin'),
  },
  (table) => [uniqueIndex('organizations_email_index_unique').on(table.emailIndex)],
);

/**
 * Everyone who logs in: individual customers (P-05) and people of an organisation (P-06).
 * Address, phone and date of birth are asked of individual customers (and the representative's
 * date of birth); members of an organisation give only their name.
 */
export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ['individual', 'organization'] })
      .notNull()
      .default('individual'),
    /** invited: a member who has not yet accepted; deactivated: cut off by the representative. */
    status: text('status', { enum: ['pending', 'invited', 'active', 'deactivated'] })
      .notNull()
      .default('pending'),
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'cascade' }),
    /** Only for kind organization: representative, member (holds consultations) or staff (organises). */
    organizationRole: text('organization_role', { enum: ['representative', 'member', 'staff'] }),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    /** YYYY-MM-DD, encrypted. */
    dateOfBirth: text('date_of_birth'),
    /** Lower-cased, then encrypted; the login identifier. */
    email: text('email').notNull(),
    /** Blind index of the e-mail address (HMAC): login looks it up, the database keeps it unique. */
    emailIndex: text('email_index').notNull(),
    street: text('street'),
    houseNumber: text('house_number'),
    postalCode: text('postal_code'),
    city: text('city'),
    /** ISO 3166-1 alpha-2. */
    country: text('country'),
    /** E.164. */
    phone: text('phone'),
    /** Empty until an invited member sets a password. */
    passwordHash: text('password_hash').notNull(),
    locale: text('locale', { enum: ['de', 'en'] })
      .notNull()
      .default('de'),
    emailConfirmedAt: timestamp('email_confirmed_at', { withTimezone: true }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    /**
     * Restriction of processing (Art. 18 GDPR), asked for by the person or set by the operator: no
     * login, no invitations sent, data kept. Only the operator lifts it.
     */
    restrictedAt: timestamp('restricted_at', { withTimezone: true }),
    /**
     * Set while the professional does not want colleague calls (Anlage 31b: an undisturbed
     * consultation). Kept here, not in a browser tab, so a reload, a second tab, a sign-out or a server
     * restart never silently turns ringing back on; only the person switches it off.
     */
    doNotDisturbSince: timestamp('do_not_disturb_since', { withTimezone: true }),
    /** IANA zone of an individual customer's appointments; members use their organisation's. */
    timeZone: text('time_zone').notNull().default('Europe/Berlin'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('accounts_email_index_unique').on(table.emailIndex), index('accounts_organization_idx').on(table.organizationId)],
);

/** Acceptance of terms and privacy policy (P-05, Art. 7(1) GDPR: we must be able to prove it). */
export const consents = pgTable(
  'consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    document: text('document', { enum: ['terms', 'privacy'] }).notNull(),
    version: text('version').notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('consents_account_idx').on(table.accountId)],
);

/** Single-use tokens sent by e-mail; only their SHA-256 is stored. */
export const emailTokens = pgTable(
  'email_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    // disown_sign_in: the "this was not me" link of the new-sign-in mail (issue 12).
    purpose: text('purpose', { enum: ['confirm_email', 'reset_password', 'change_email', 'member_invitation', 'disown_sign_in'] }).notNull(),
    tokenHash: text('token_hash').notNull(),
    /** Only for change_email: the address that becomes the login once confirmed. */
    newEmail: text('new_email'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('email_tokens_hash_unique').on(table.tokenHash), index('email_tokens_account_idx').on(table.accountId, table.purpose)],
);

/**
 * Login sessions (P-18: kept only while the session lasts). The cookie holds the id; we store its
 * hash. The CSRF token is derived from the id, so it needs no column.
 */
export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /**
     * Browser family and operating system, read from the User-Agent at login ("Firefox", "Linux"):
     * how the person tells their sign-ins apart. Never the version, the device model or the address.
     */
    browser: text('browser'),
    os: text('os'),
    /** When a passkey was last checked for a sensitive action in this session; used up by that action. */
    passkeyCheckedAt: timestamp('passkey_checked_at', { withTimezone: true }),
  },
  (table) => [index('sessions_account_idx').on(table.accountId), index('sessions_expiry_idx').on(table.expiresAt)],
);

/**
 * A video consultation and, once ended, its activity entry (P-14): who hosted, when, how long, with
 * whom (names only). Call metadata: deleted 3 months after the end (P-15, Anlage 31b).
 */
export const consultations = pgTable(
  'consultations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    hostAccountId: uuid('host_account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['open', 'ended'] })
      .notNull()
      .default('open'),
    /** P-28: an audio-only call opens no camera until the host switches video on (and each guest agrees). */
    callMode: text('call_mode', { enum: ['video', 'audio'] })
      .notNull()
      .default('video'),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull(),
    validUntil: timestamp('valid_until', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    /** When the first guest was admitted. */
    startedAt: timestamp('started_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** Display names of everyone admitted, copied here when the consultation ends. */
    participantNames: text('participant_names').array().notNull().default([]),
    /** Channels the invitations went out through: 'email', 'sms'. */
    invitationChannels: text('invitation_channels').array().notNull().default([]),
  },
  (table) => [index('consultations_host_idx').on(table.hostAccountId, table.createdAt), index('consultations_ended_idx').on(table.endedAt)],
);

/**
 * A personal link for one guest. The guest's contact data lives only while the consultation is
 * open (P-09): rows are deleted when it ends.
 */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    guestName: text('guest_name').notNull(),
    guestEmail: text('guest_email'),
    /** E.164. */
    guestPhone: text('guest_phone'),
    status: text('status', { enum: ['active', 'revoked'] })
      .notNull()
      .default('active'),
    /** Outcome of the last delivery per channel, shown to the host; never the message text. */
    emailDelivery: text('email_delivery', { enum: ['sent', 'failed'] }),
    smsDelivery: text('sms_delivery', { enum: ['sent', 'failed'] }),
    deliveryError: text('delivery_error'),
    lastSentAt: timestamp('last_sent_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('invitations_token_unique').on(table.tokenHash), index('invitations_consultation_idx').on(table.consultationId)],
);

/**
 * Everyone taking part in a consultation: the host, guests (through an invitation) and, later,
 * colleagues. Deleted when the consultation ends; only the names survive in the activity entry.
 */
export const participants = pgTable(
  'participants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['host', 'guest', 'member'] }).notNull(),
    accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'cascade' }),
    invitationId: uuid('invitation_id').references(() => invitations.id, { onDelete: 'cascade' }),
    /** Guests: hash of the guest cookie; the newest device to open the link holds the place. */
    sessionHash: text('session_hash'),
    displayName: text('display_name'),
    /**
     * Hash of the signaling resume token: a socket that reconnects (network blip, server restart)
     * proves it is the same browser tab and keeps its peer connections.
     */
    resumeHash: text('resume_hash'),
    /** Guest's consent to processing health-related data (Art. 9(2)(a) GDPR). */
    consentedAt: timestamp('consented_at', { withTimezone: true }),
    status: text('status', { enum: ['invited', 'waiting', 'admitted', 'declined', 'removed'] })
      .notNull()
      .default('invited'),
    admittedAt: timestamp('admitted_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [
    index('participants_consultation_idx').on(table.consultationId),
    uniqueIndex('participants_session_unique').on(table.sessionHash),
    uniqueIndex('participants_invitation_unique').on(table.invitationId),
  ],
);

/**
 * A customer's saved contacts (P-09): guests kept only because the customer chose to save them;
 * kept while the customer's contract lasts, editable and deletable by the customer.
 */
export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerAccountId: uuid('owner_account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    email: text('email'),
    /** E.164 mobile number. */
    phone: text('phone'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('contacts_owner_idx').on(table.ownerAccountId)],
);

/**
 * One receipt per run of a retention job: proof that deletions happen, holding no personal data and
 * no ids of what was deleted. Each receipt's hash covers its fields and the previous receipt's hash,
 * so editing or removing a receipt breaks the chain (server/retention/receipts.ts verifies it).
 */
export const deletionReceipts = pgTable(
  'deletion_receipts',
  {
    /** 1, 2, 3 … assigned under a lock when appending; part of the hash, so receipts cannot be reordered. */
    seq: integer('seq').primaryKey(),
    job: text('job').notNull(),
    /** The rule's description when the job ran. */
    rule: text('rule').notNull(),
    /** The rule's period as an ISO 8601 duration (P3M, P7D, PT12H). */
    period: text('period').notNull(),
    cutoff: timestamp('cutoff', { withTimezone: true }).notNull(),
    rowsDeleted: integer('rows_deleted').notNull(),
    /** failed: the job stopped with an error; rows_deleted counts what went before it. */
    outcome: text('outcome', { enum: ['completed', 'failed'] }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }).notNull(),
    /**
     * seq of the oldest receipt kept when this one was written (1 until old receipts are pruned): the
     * newest receipt vouches for where the chain may start, so removing the oldest ones shows.
     */
    chainStart: integer('chain_start').notNull(),
    previousHash: text('previous_hash').notNull(),
    /** SHA-256 (hex) over the canonical fields and previous_hash. */
    hash: text('hash').notNull(),
  },
  // A second receipt after the same one would fork the chain: the database refuses it.
  (table) => [uniqueIndex('deletion_receipts_previous_hash_unique').on(table.previousHash)],
);

// Feature groups live in files of their own to keep this one readable; drizzle-kit reads them all through
// these re-exports (drizzle.config.ts names this file only).
export * from './schema-appointments';
export * from './schema-billing';
export * from './schema-operators';
export * from './schema-sign-in';
