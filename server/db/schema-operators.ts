import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/**
 * The operator side (P-02, P-20): operator staff with their sign-in and second factor, and the
 * contact requests they answer. None of these tables is reachable from a customer query.
 */

/**
 * Platform operator staff (P-02, P-20): a role of the operator, never a customer. Kept apart from
 * `accounts` so that no customer query, tenant scope or organisation rule can ever reach them, and
 * no operator can be created through the public API: only `npm run operator -- create`.
 */
export const operators = pgTable(
  'operators',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Lower-cased, then encrypted; the operator's login. */
    email: text('email').notNull(),
    /** Blind index of the e-mail address (server/security/field-crypto.ts): the login look-up. */
    emailIndex: text('email_index').notNull(),
    /** Encrypted. */
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('operators_email_index_unique').on(table.emailIndex)],
);

/** Operator logins; same lifetimes as customer sessions, a cookie of their own. */
export const operatorSessions = pgTable(
  'operator_sessions',
  {
    idHash: text('id_hash').primaryKey(),
    operatorId: uuid('operator_id')
      .notNull()
      .references(() => operators.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('operator_sessions_operator_idx').on(table.operatorId)],
);

/**
 * Operator staff's authenticator app (issue 12): always required, set up at the first sign-in. As
 * totp_factors, for the operators table; goes with the staff member (cascade).
 */
export const operatorTotpFactors = pgTable('operator_totp_factors', {
  // An id of its own, as every sealed table has one (key rotation walks rows by it).
  id: uuid('id').primaryKey().defaultRandom(),
  operatorId: uuid('operator_id')
    .notNull()
    .unique()
    .references(() => operators.id, { onDelete: 'cascade' }),
  /** The shared secret (base32), encrypted. */
  secret: text('secret').notNull(),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  /** The time step of the last accepted code: a code of this step or an earlier one is refused (replay). */
  lastUsedStep: integer('last_used_step'),
  createdAt: createdAt(),
});

/** Operator staff's recovery codes: hashes only, each deleted as it is used. */
export const operatorRecoveryCodes = pgTable(
  'operator_recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    operatorId: uuid('operator_id')
      .notNull()
      .references(() => operators.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('operator_recovery_codes_operator_code_idx').on(table.operatorId, table.codeHash)],
);

/**
 * A request sent through the public contact form: a support ticket (P-02). Deleted 2 years after it
 * was closed (retention rule contactRequests).
 */
export const contactRequests = pgTable(
  'contact_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Name, e-mail (lower-cased; where the answer goes), subject and message are encrypted. */
    name: text('name').notNull(),
    email: text('email').notNull(),
    subject: text('subject').notNull(),
    message: text('message').notNull(),
    /** Language of the form, so the answer's footer matches it. */
    locale: text('locale', { enum: ['de', 'en'] })
      .notNull()
      .default('de'),
    status: text('status', { enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
    createdAt: createdAt(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (table) => [index('contact_requests_status_idx').on(table.status, table.createdAt), index('contact_requests_closed_idx').on(table.closedAt)],
);

/** Answers the operator sent by e-mail: the ticket's thread, deleted with the ticket. */
export const contactReplies = pgTable(
  'contact_replies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => contactRequests.id, { onDelete: 'cascade' }),
    /** Who answered (kept as a name only, so removing the operator keeps the thread); encrypted. */
    operatorName: text('operator_name').notNull(),
    /** Encrypted. */
    text: text('text').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('contact_replies_request_idx').on(table.requestId)],
);
