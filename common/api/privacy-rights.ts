import * as z from 'zod';
import { anyPassword, locale } from './fields';
import { freshCheckFields } from './second-factor';

/**
 * Data-subject rights (Art. 15–21 GDPR, P-24): the export of everything stored about the logged-in
 * person, and the re-authenticated requests to restrict processing or to erase.
 *
 * The export is the documented, machine-readable format of Art. 20: `format` and `version` name it;
 * times are ISO 8601 in UTC; ids are UUIDs; enumerations are the stable codes listed here. It never
 * holds password hashes, token hashes or session ids.
 */

/** Re-authentication for a request that cannot be undone by the person (erasure, restriction). */
export const reauthenticationRequest = z.strictObject({ currentPassword: anyPassword, ...freshCheckFields });

export const exportQuery = z.strictObject({
  /** `1`: the same document as an attachment (Content-Disposition), for saving or moving elsewhere. */
  download: z.enum(['1']).optional(),
});

/** The parts of the export, each with its own purpose, legal basis, retention and recipients. */
export const exportDatasets = [
  'account',
  'organization',
  'consents',
  'sessions',
  'passkeys',
  'consultations',
  'invitations',
  'contacts',
  'emailLinks',
  'appointments',
  'bookingRules',
  'billing',
  'invoices',
] as const;
export type ExportDataset = (typeof exportDatasets)[number];

/**
 * Where the data came from (Art. 15(1)(g)): given by the person, by their organisation's
 * representative, or by the person for someone else (guests, contacts), or recorded while using
 * the service (sessions, links, activity).
 */
export const dataOrigins = ['providedByYou', 'providedByOrganization', 'providedByYouAboutOthers', 'recordedByUse'] as const;

/** Processors (Art. 28) that receive data: mail delivery, SMS delivery, media relay. */
/** Processors that receive stored data; `hosting` and `backup` hold all of it (P-26). */
export const processorIds = ['hosting', 'backup', 'smtp', 'sms', 'turn', 'payment'] as const;

const time = z.string();
const nullableTime = z.string().nullable();

const exportedAccount = z.object({
  id: z.string(),
  kind: z.enum(['individual', 'organization']),
  status: z.enum(['pending', 'invited', 'active', 'deactivated']),
  organizationRole: z.enum(['representative', 'member', 'staff']).nullable(),
  firstName: z.string(),
  lastName: z.string(),
  dateOfBirth: z.string().nullable(),
  email: z.string(),
  street: z.string().nullable(),
  houseNumber: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string().nullable(),
  phone: z.string().nullable(),
  locale,
  emailConfirmedAt: nullableTime,
  passwordChangedAt: nullableTime,
  /** Set while processing is restricted (Art. 18). */
  restrictedAt: nullableTime,
  doNotDisturbSince: nullableTime,
  createdAt: time,
  updatedAt: time,
});

const exportedOrganization = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  street: z.string(),
  houseNumber: z.string(),
  postalCode: z.string(),
  city: z.string(),
  country: z.string(),
  phone: z.string(),
  status: z.enum(['pending', 'active']),
  createdAt: time,
  updatedAt: time,
});

const exportedConsent = z.object({
  /** `terms`, `privacy`; the list may grow (optional consents), so it is a string. */
  document: z.string(),
  version: z.string(),
  acceptedAt: time,
  /** How it is withdrawn: `deleteAccount` for the consents a contract depends on. */
  withdrawal: z.enum(['deleteAccount', 'withdraw']),
});

const exportedInvitation = z.object({
  guestName: z.string(),
  guestEmail: z.string().nullable(),
  guestPhone: z.string().nullable(),
  status: z.enum(['active', 'revoked']),
  emailDelivery: z.enum(['sent', 'failed']).nullable(),
  smsDelivery: z.enum(['sent', 'failed']).nullable(),
  lastSentAt: nullableTime,
  createdAt: time,
});

const exportedConsultation = z.object({
  id: z.string(),
  status: z.enum(['open', 'ended']),
  validFrom: time,
  validUntil: time,
  createdAt: time,
  startedAt: nullableTime,
  endedAt: nullableTime,
  participantNames: z.array(z.string()),
  invitationChannels: z.array(z.string()),
  callMode: z.enum(['video', 'audio']),
  /** Only while the consultation is open: ending it deletes the guests' data (P-09). */
  invitations: z.array(exportedInvitation),
});

export const dataExport = z.object({
  format: z.literal('sprechzimmer.data-export'),
  version: z.literal(1),
  generatedAt: time,
  account: exportedAccount,
  /** The organisation's data as its people may see it; null for individual customers. */
  organization: exportedOrganization.nullable(),
  consents: z.array(exportedConsent),
  /** Login sessions: times, and browser family and system as read at login. */
  sessions: z.array(
    z.object({ startedAt: time, lastSeenAt: time, expiresAt: time, current: z.boolean(), browser: z.string().nullable(), os: z.string().nullable() }),
  ),
  /** Passkeys: the name given, when added and last used, and what the server keeps to check them (public key, id, counter). */
  passkeys: z.array(
    z.object({
      name: z.string(),
      createdAt: time,
      lastUsedAt: time.nullable(),
      credentialId: z.string(),
      publicKey: z.string(),
      signCount: z.number(),
      transports: z.array(z.string()),
    }),
  ),
  /** Consultations the person hosts or hosted (activity entries kept 3 months after the end). */
  consultations: z.array(exportedConsultation),
  contacts: z.array(
    z.object({ id: z.string(), name: z.string(), email: z.string().nullable(), phone: z.string().nullable(), createdAt: time, updatedAt: time }),
  ),
  /** Links sent by e-mail that still work: what for and until when, never the link itself. */
  emailLinks: z.array(
    z.object({
      purpose: z.enum(['confirm_email', 'reset_password', 'change_email', 'member_invitation', 'disown_sign_in']),
      newEmail: z.string().nullable(),
      createdAt: time,
      expiresAt: time,
    }),
  ),
  /** Appointments with the person as the professional (issue 10, kept 10 years after each, P-17). */
  appointments: z.array(
    z.object({
      id: z.string(),
      typeName: z.string(),
      startsAt: time,
      endsAt: time,
      status: z.string(),
      patientName: z.string(),
      patientEmail: z.string().nullable(),
      patientPhone: z.string().nullable(),
      bookedBy: z.enum(['patient', 'practice']),
      createdAt: time,
      cancelledAt: nullableTime,
    }),
  ),
  /** The person's booking rules: weekly hours, absences (no reason is stored) and booking settings. */
  bookingRules: z.object({
    hours: z.array(z.object({ weekday: z.number(), startMinute: z.number(), endMinute: z.number() })),
    absences: z.array(z.object({ startsAt: time, endsAt: time })),
    bufferMinutes: z.number(),
    minimumNoticeMinutes: z.number(),
    horizonDays: z.number(),
    cancelDeadlineMinutes: z.number(),
  }),
  /**
   * The subscription (issue 11, only where billing is configured) of the person, or of the organisation
   * for its representative: what Stripe told us; null without one. Card data is never stored.
   */
  billing: z
    .object({
      stripeCustomerId: z.string(),
      stripeSubscriptionId: z.string().nullable(),
      plan: z.string().nullable(),
      status: z.string().nullable(),
      quantity: z.number().nullable(),
      currentPeriodEnd: nullableTime,
      trialEnd: nullableTime,
      cancelAtPeriodEnd: z.boolean(),
    })
    .nullable(),
  /** Invoice references kept for the statutory period (§ 147 AO, § 14b UStG); the invoices themselves are at Stripe. */
  invoices: z.array(z.object({ id: z.string(), number: z.string().nullable(), issuedAt: time, amount: z.number(), currency: z.string(), status: z.string() })),
  /** Art. 15(1)(a, c, d, g) per dataset: purpose, legal bases, retention, recipients, origin. */
  processing: z.array(
    z.object({
      dataset: z.enum(exportDatasets),
      purpose: z.string(),
      legalBases: z.array(z.string()),
      retention: z.array(z.object({ rule: z.string(), description: z.string() })),
      recipients: z.array(z.enum(processorIds)),
      origin: z.enum(dataOrigins),
    }),
  ),
  /**
   * Art. 15(1)(c), Art. 19: processors that received this person's data, derived from what is stored
   * (deliveries, channels used). `provider` is the configured service's host; null when nothing left
   * this server (local outbox).
   */
  recipients: z.array(
    z.object({
      recipient: z.enum(processorIds),
      provider: z.string().nullable(),
      /** The processor as the operator names it (PROCESSOR_<KIND>): name, postal address, ISO country code. */
      name: z.string().nullable(),
      address: z.string().nullable(),
      country: z.string().nullable(),
      datasets: z.array(z.enum(exportDatasets)),
      /** Messages or calls known from stored data; 0 when only the kind of use is known. */
      deliveries: z.number().int().nonnegative(),
    }),
  ),
});
export type DataExport = z.infer<typeof dataExport>;
