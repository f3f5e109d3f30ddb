import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
// A cycle with schema.ts (which re-exports this file) is safe: the references are thunks, read after both loaded.
import { accounts, consultations, organizations } from './schema';

/**
 * Appointments (issue 10, P-17). Every time is an instant (timestamptz); weekly hours are wall-clock
 * minutes in the practice's zone (organizations.time_zone, or accounts.time_zone of an individual
 * customer), turned into instants by server/appointments/slots.ts across daylight-saving changes.
 *
 * Every minute value is a multiple of 5: the database keeps bookings apart through one claim row per
 * occupied 5-minute unit (appointment_claims), so the units must tile every appointment exactly.
 */

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const fiveMinuteGrid = (column: string) => sql.raw(`${column} % 5 = 0`);

/** A professional's booking rules; one row each, set by the professional, the representative or staff. */
export const appointmentSettings = pgTable(
  'appointment_settings',
  {
    professionalAccountId: uuid('professional_account_id')
      .primaryKey()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** Kept free after every appointment (and so before the next one). */
    bufferMinutes: integer('buffer_minutes').notNull().default(0),
    /** How long before a slot it can still be booked online. */
    minimumNoticeMinutes: integer('minimum_notice_minutes').notNull().default(120),
    /** How far ahead slots are offered. */
    horizonDays: integer('horizon_days').notNull().default(56),
    /** Until how long before the start the patient may cancel or move through the mail link. */
    cancelDeadlineMinutes: integer('cancel_deadline_minutes').notNull().default(1440),
    /** How long after the planned end the invitation link still opens. */
    linkGraceMinutes: integer('link_grace_minutes').notNull().default(30),
    /** The practice confirms new online bookings itself instead of the patient's mail link. */
    practiceConfirms: boolean('practice_confirms').notNull().default(false),
    /** Which reminders go out before each firm appointment (server/appointments/policy.ts); none is allowed. */
    reminderKinds: text('reminder_kinds', { enum: ['two_days', 'day', 'three_hours', 'hour'] })
      .array()
      .notNull()
      .default(sql`'{day,hour}'::text[]`),
    /** When the choice last changed: reminders whose window had opened before are not sent late. */
    remindersChangedAt: timestamp('reminders_changed_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  () => [
    check('appointment_settings_buffer', sql`buffer_minutes between 0 and 120 and ${fiveMinuteGrid('buffer_minutes')}`),
    check('appointment_settings_notice', sql`minimum_notice_minutes between 0 and 43200 and ${fiveMinuteGrid('minimum_notice_minutes')}`),
    check('appointment_settings_horizon', sql`horizon_days between 1 and 365`),
    check('appointment_settings_deadline', sql`cancel_deadline_minutes between 0 and 43200`),
    check('appointment_settings_grace', sql`link_grace_minutes between 0 and 240`),
    check('appointment_settings_reminders', sql`reminder_kinds <@ array['two_days', 'day', 'three_hours', 'hour']::text[]`),
  ],
);

/** Weekly hours for video consultations: several ranges a day allowed, in the practice's zone. */
export const availabilityRanges = pgTable(
  'availability_ranges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    professionalAccountId: uuid('professional_account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** ISO weekday: 1 Monday … 7 Sunday. */
    weekday: smallint('weekday').notNull(),
    /** Minutes after local midnight; end exclusive, up to 1440. */
    startMinute: integer('start_minute').notNull(),
    endMinute: integer('end_minute').notNull(),
  },
  (table) => [
    index('availability_ranges_professional_idx').on(table.professionalAccountId, table.weekday),
    check('availability_ranges_weekday', sql`weekday between 1 and 7`),
    check(
      'availability_ranges_minutes',
      sql`start_minute >= 0 and end_minute <= 1440 and start_minute < end_minute and ${fiveMinuteGrid('start_minute')} and ${fiveMinuteGrid('end_minute')}`,
    ),
  ],
);

/**
 * What can be booked ("Follow-up, 15 min"): the only description an appointment has, since a free-text
 * reason would be health data. Of an organisation (for all its professionals or one) or of an
 * individual customer (organization_id null, professional set).
 */
export const appointmentTypes = pgTable(
  'appointment_types',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'cascade' }),
    /** Null: every professional of the organisation offers it. */
    professionalAccountId: uuid('professional_account_id').references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    /** Switched off types stay for the appointments that name them but are no longer offered. */
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (table) => [
    index('appointment_types_organization_idx').on(table.organizationId),
    index('appointment_types_professional_idx').on(table.professionalAccountId),
    check('appointment_types_duration', sql`duration_minutes between 5 and 120 and ${fiveMinuteGrid('duration_minutes')}`),
    check('appointment_types_owner', sql`organization_id is not null or professional_account_id is not null`),
  ],
);

/** Holidays, sick days: they hide slots. Deliberately without a reason (a sick day's cause is health data). */
export const absences = pgTable(
  'absences',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    professionalAccountId: uuid('professional_account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('absences_professional_idx').on(table.professionalAccountId, table.endsAt), check('absences_order', sql`starts_at < ends_at`)],
);

/**
 * A public booking page: of one professional or of a whole organisation, under a readable slug the
 * practice chooses; switched off, the slug answers like an unknown one.
 */
export const bookingPages = pgTable(
  'booking_pages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'cascade' }),
    professionalAccountId: uuid('professional_account_id').references(() => accounts.id, { onDelete: 'cascade' }),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('booking_pages_slug_unique').on(table.slug),
    check('booking_pages_slug_form', sql`slug ~ '^[a-z0-9](?:[a-z0-9-]{1,62}[a-z0-9])$'`),
    check('booking_pages_owner', sql`(organization_id is null) <> (professional_account_id is null)`),
  ],
);

/**
 * One appointment. Data kept 10 years after it (P-17: time, professional, type, patient name,
 * status); the patient's e-mail address and phone number only until it is over (P-09: they served
 * the messages). Name, e-mail and phone are sealed (P-21).
 */
export const appointments = pgTable(
  'appointments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /**
     * Null only once the professional's account was erased: the record is then kept restricted under
     * its 10-year rule (restricted_at), detached from the account (server/appointments/legal-hold.ts).
     */
    professionalAccountId: uuid('professional_account_id').references(() => accounts.id, { onDelete: 'cascade' }),
    /** The professional's name when booked, so a record kept after the account's erasure still says with whom. */
    professionalName: text('professional_name').notNull(),
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'cascade' }),
    typeId: uuid('type_id').references(() => appointmentTypes.id, { onDelete: 'set null' }),
    /** Copied from the type, so the record stays whole when the type is changed or removed. */
    typeName: text('type_name').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    /**
     * held: booked online, waiting for the patient's mail link (or SMS code) until hold_expires_at;
     * requested: waiting for the practice's confirmation; booked: firm; lapsed: the hold ran out.
     */
    status: text('status', { enum: ['held', 'requested', 'booked', 'cancelled', 'no_show', 'lapsed'] }).notNull(),
    holdExpiresAt: timestamp('hold_expires_at', { withTimezone: true }),
    bookedBy: text('booked_by', { enum: ['patient', 'practice'] }).notNull(),
    /** The professional or staff member who booked it by phone. */
    bookedByAccountId: uuid('booked_by_account_id').references(() => accounts.id, { onDelete: 'set null' }),
    patientName: text('patient_name').notNull(),
    patientEmail: text('patient_email'),
    /** E.164 mobile number. */
    patientPhone: text('patient_phone'),
    /** Language of the patient's messages. */
    locale: text('locale', { enum: ['de', 'en'] })
      .notNull()
      .default('de'),
    /** The patient's consent to the processing, given on the booking page. */
    consentedAt: timestamp('consented_at', { withTimezone: true }),
    /** Single-use link in the confirmation mail (SHA-256 at rest). */
    confirmTokenHash: text('confirm_token_hash'),
    /** Hash of the code sent by SMS when only a mobile number was given. */
    confirmCodeHash: text('confirm_code_hash'),
    confirmAttempts: integer('confirm_attempts').notNull().default(0),
    /** Single-use cancel/move link in every message (SHA-256 at rest); replaced with each message. */
    manageTokenHash: text('manage_token_hash'),
    consultationId: uuid('consultation_id').references(() => consultations.id, { onDelete: 'set null' }),
    /**
     * The invitation link's token, sealed (not hashed): the reminders repeat the link the confirmation
     * sent. Deleted with the patient's contact data once the appointment is over.
     */
    joinToken: text('join_token'),
    /** iCalendar SEQUENCE: raised with every change the patient is told about. */
    sequence: integer('sequence').notNull().default(0),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelledBy: text('cancelled_by', { enum: ['patient', 'practice'] }),
    reminderTwoDaysSentAt: timestamp('reminder_two_days_sent_at', { withTimezone: true }),
    reminderDaySentAt: timestamp('reminder_day_sent_at', { withTimezone: true }),
    reminderThreeHoursSentAt: timestamp('reminder_three_hours_sent_at', { withTimezone: true }),
    reminderHourSentAt: timestamp('reminder_hour_sent_at', { withTimezone: true }),
    /** When the e-mail address and phone number were deleted (the appointment was over). */
    contactErasedAt: timestamp('contact_erased_at', { withTimezone: true }),
    /** Erasure was asked while the 10-year rule still keeps the record (Art. 17(3)(b), Art. 18): kept, never used. */
    restrictedAt: timestamp('restricted_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('appointments_professional_idx').on(table.professionalAccountId, table.startsAt),
    index('appointments_organization_idx').on(table.organizationId, table.startsAt),
    index('appointments_ends_idx').on(table.endsAt),
    uniqueIndex('appointments_confirm_token_unique').on(table.confirmTokenHash),
    uniqueIndex('appointments_manage_token_unique').on(table.manageTokenHash),
    check('appointments_order', sql`starts_at < ends_at`),
    check('appointments_reachable', sql`contact_erased_at is not null or patient_email is not null or patient_phone is not null`),
  ],
);

/**
 * What makes double booking impossible: one row per occupied 5-minute unit of a professional's
 * calendar (the appointment and its buffer after it), under one primary key. Two bookings that
 * overlap by even one unit, whatever their durations, cannot both insert their claims; the loser's
 * transaction rolls back whole. Cancelling or a lapsed hold deletes the claims and frees the slot.
 */
export const appointmentClaims = pgTable(
  'appointment_claims',
  {
    professionalAccountId: uuid('professional_account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    unitStart: timestamp('unit_start', { withTimezone: true }).notNull(),
    appointmentId: uuid('appointment_id')
      .notNull()
      .references(() => appointments.id, { onDelete: 'cascade' }),
  },
  (table) => [
    primaryKey({ name: 'appointment_claims_unit', columns: [table.professionalAccountId, table.unitStart] }),
    index('appointment_claims_appointment_idx').on(table.appointmentId),
  ],
);

/**
 * A professional's calendar subscription (issue 10): an ICS feed their own calendar app polls. The
 * feed URL's token is the only credential, so only its SHA-256 is kept; revoking clears it and the
 * next poll gets 404. Deleted with the account.
 */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    professionalAccountId: uuid('professional_account_id')
      .primaryKey()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** Null while no feed is on (never created, or revoked). */
    tokenHash: text('token_hash'),
    tokenCreatedAt: timestamp('token_created_at', { withTimezone: true }),
    /** The professional chose to see the patient's initials ("A. B.") in the feed; by default none. */
    showInitials: boolean('show_initials').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('calendar_feeds_token_unique').on(table.tokenHash)],
);
