import * as z from 'zod';
import { mobilePhone } from './invitations';
import { email, mustAccept, personName, refuseInvisibleCharacters } from './fields';

/** Appointments (issue 10): shapes shared by the server and the booking page. */

const MIN_TYPE_MINUTES = 5;
const MAX_TYPE_MINUTES = 120;
/** A booking is held this long until the patient confirms it from the mail (or the SMS code). */
export const HOLD_MINUTES = 15;
/** The invitation link opens this long before the start (the patient waits in the waiting room). */
export const LINK_OPENS_MINUTES_BEFORE = 10;
/** Free slots offered with a 409 when the chosen one was just taken. */
export const NEXT_SLOTS_OFFERED = 3;

const RESERVED_SLUGS = ['confirm', 'confirm-code', 'manage', 'cancel', 'move'];

const fiveMinuteSteps = (min: number, max: number) =>
  z
    .number()
    .int()
    .min(min)
    .max(max)
    .refine((value) => value % 5 === 0, { params: { code: 'invalid_format' }, message: 'Use steps of 5 minutes.' });

const bookingSlug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{1,62}[a-z0-9])$/, { message: 'Use 3–64 letters, digits and hyphens.' })
  // The booking routes' own paths under /api/book/ (and the web pages') are not a practice's to take.
  .refine((slug) => !RESERVED_SLUGS.includes(slug), { params: { code: 'invalid_choice' }, message: 'This address is reserved.' });

export const slugParams = z.strictObject({ slug: bookingSlug });
export const professionalParams = z.strictObject({ professionalId: z.uuid() });
export const absenceParams = z.strictObject({ professionalId: z.uuid(), absenceId: z.uuid() });
export const appointmentParams = z.strictObject({ id: z.uuid() });

export const appointmentTypeView = z.object({ id: z.uuid(), name: z.string(), durationMinutes: z.number().int() });

export const bookingPageView = z.object({
  slug: z.string(),
  /** The professional's or the practice's name as it should be shown. */
  title: z.string(),
  timeZone: z.string(),
  professionals: z.array(z.object({ id: z.uuid(), name: z.string(), types: z.array(appointmentTypeView) })),
});

export const slotQuery = z.strictObject({
  professionalId: z.uuid(),
  typeId: z.uuid(),
  /** First local day asked for, YYYY-MM-DD in the practice's zone; at most 7 days from it. */
  from: z.iso.date(),
  days: z.coerce.number().int().min(1).max(7).default(7),
});

export const slotView = z.object({ startsAt: z.string(), endsAt: z.string() });
export const slotList = z.object({ timeZone: z.string(), slots: z.array(slotView) });

const patientFields = {
  professionalId: z.uuid(),
  typeId: z.uuid(),
  startsAt: z.iso.datetime({ offset: true }),
  name: personName,
  email: email.optional(),
  phone: mobilePhone.optional(),
  locale: z.enum(['de', 'en']).default('de'),
};

function requireEmailOrPhone(value: { email?: string; phone?: string }, context: z.RefinementCtx): void {
  if (!value.email && !value.phone) {
    context.addIssue({ code: 'custom', path: ['email'], params: { code: 'required' }, message: 'Enter an e-mail address or a mobile number.' });
  }
}

/** No reason field on purpose: a free-text reason for the visit would be health data on our server. */
export const publicBookingRequest = z
  .strictObject({
    ...patientFields,
    /** Consent to the processing of the booking's data, given on the page. */
    consent: mustAccept,
  })
  .superRefine(requireEmailOrPhone);

/** A phone booking by the professional or practice staff: the same data, no double opt-in. */
export const practiceBookingRequest = z.strictObject(patientFields).superRefine(requireEmailOrPhone);

export const bookingHeld = z.object({
  status: z.enum(['held', 'requested', 'booked']),
  startsAt: z.string(),
  endsAt: z.string(),
  /** Until when the hold lasts without the patient's confirmation; null once firm. */
  holdExpiresAt: z.string().nullable(),
});

export const tokenRequest = z.strictObject({ token: z.string().min(16).max(128) });

export const appointmentView = z.object({
  id: z.uuid(),
  /** Null only for a record kept restricted after the professional's account was erased (never listed to anyone). */
  professionalId: z.uuid().nullable(),
  typeName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.enum(['held', 'requested', 'booked', 'cancelled', 'no_show', 'lapsed']),
  patientName: z.string(),
  bookedBy: z.enum(['patient', 'practice']),
  consultationId: z.uuid().nullable(),
});
export const appointmentList = z.object({ timeZone: z.string(), appointments: z.array(appointmentView) });
/** `from` omitted: the start of today in the practice's zone. */
export const dayQuery = z.strictObject({ from: z.iso.datetime({ offset: true }).optional(), days: z.coerce.number().int().min(1).max(7).default(1) });

export const managedAppointmentView = z.object({
  typeName: z.string(),
  professionalName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  timeZone: z.string(),
  status: z.enum(['held', 'requested', 'booked', 'cancelled', 'no_show', 'lapsed']),
  /** Until when the patient may still cancel through the link. */
  changeableUntil: z.string(),
});

const weeklyRange = z
  .strictObject({
    weekday: z.number().int().min(1).max(7),
    startMinute: fiveMinuteSteps(0, 1435),
    endMinute: fiveMinuteSteps(5, 1440),
  })
  .refine((range) => range.startMinute < range.endMinute, {
    path: ['endMinute'],
    params: { code: 'invalid_format' },
    message: 'The end must follow the start.',
  });

/** Reminders a practice can choose (server/appointments/policy.ts): 48 h, 24 h, 3 h, 1 h before. */
export const reminderKinds = ['two_days', 'day', 'three_hours', 'hour'] as const;

export const hoursRequest = z.strictObject({
  ranges: z.array(weeklyRange).max(50),
  bufferMinutes: fiveMinuteSteps(0, 120).default(0),
  minimumNoticeMinutes: fiveMinuteSteps(0, 43200).default(120),
  horizonDays: z.number().int().min(1).max(365).default(56),
  cancelDeadlineMinutes: z.number().int().min(0).max(43200).default(1440),
  linkGraceMinutes: z.number().int().min(0).max(240).default(30),
  practiceConfirms: z.boolean().default(false),
  /** Empty: no reminders. */
  reminders: z.array(z.enum(reminderKinds)).max(reminderKinds.length).default(['day', 'hour']),
});
export const hoursView = z.object({
  ranges: z.array(z.object({ weekday: z.number(), startMinute: z.number(), endMinute: z.number() })),
  bufferMinutes: z.number(),
  minimumNoticeMinutes: z.number(),
  horizonDays: z.number(),
  cancelDeadlineMinutes: z.number(),
  linkGraceMinutes: z.number(),
  practiceConfirms: z.boolean(),
  reminders: z.array(z.enum(reminderKinds)),
  timeZone: z.string(),
});

export const absenceRequest = z
  .strictObject({ startsAt: z.iso.datetime({ offset: true }), endsAt: z.iso.datetime({ offset: true }) })
  .refine((value) => new Date(value.startsAt) < new Date(value.endsAt), {
    path: ['endsAt'],
    params: { code: 'invalid_date' },
    message: 'The end must follow the start.',
  });
export const absenceView = z.object({ id: z.uuid(), startsAt: z.string(), endsAt: z.string() });

export const appointmentTypeRequest = z.strictObject({
  name: z.string().trim().min(1).max(80).superRefine(refuseInvisibleCharacters),
  durationMinutes: fiveMinuteSteps(MIN_TYPE_MINUTES, MAX_TYPE_MINUTES),
  /** Only this professional offers it; omitted in an organisation: every professional. */
  professionalId: z.uuid().optional(),
});

export const bookingPageRequest = z.strictObject({
  slug: bookingSlug,
  enabled: z.boolean(),
  /** The page of one professional; omitted: the organisation's page (its representative or staff). */
  professionalId: z.uuid().optional(),
});
export const bookingPageSettingsView = z.object({ slug: z.string(), enabled: z.boolean() });

/** The professionals whose appointments the actor manages (themselves, or the organisation's). */
export const managedProfessionalList = z.object({ professionals: z.array(z.object({ id: z.uuid(), name: z.string() })) });

export const appointmentTypeSettingView = appointmentTypeView.extend({
  /** Set by the representative or staff for every professional of the organisation. */
  organizationWide: z.boolean(),
});
export const appointmentTypeSettingList = z.object({ types: z.array(appointmentTypeSettingView) });
export const typeParams = z.strictObject({ typeId: z.uuid() });

export const bookingPageQuery = z.strictObject({ professionalId: z.uuid().optional() });
/** Null: no page chosen yet. */
export const bookingPageSetting = z.object({ page: bookingPageSettingsView.nullable() });

/** A message from the practice to the patient with its cancellation: sent, never stored. */
export const practiceCancelRequest = z
  .strictObject({ message: z.string().trim().max(500).superRefine(refuseInvisibleCharacters).optional() })
  // No body at all (as before messages existed) is a cancellation without one.
  .nullish();

export const moveRequest = z.strictObject({ startsAt: z.iso.datetime({ offset: true }) });
export const linkMoveRequest = tokenRequest.extend({ startsAt: z.iso.datetime({ offset: true }) });
export const linkSlotQuery = tokenRequest.extend({ from: z.iso.date(), days: z.number().int().min(1).max(7).default(7) });

/** P-14: an appointment in the activity list: who, when, which type, what became of it. */
export const appointmentActivityEntry = z.object({
  id: z.uuid(),
  kind: z.enum(['booked', 'held', 'cancelled', 'no_show']),
  startsAt: z.string(),
  endsAt: z.string(),
  typeName: z.string(),
  patientName: z.string(),
  professionalName: z.string(),
  bookedBy: z.enum(['patient', 'practice']),
  cancelledBy: z.enum(['patient', 'practice']).nullable(),
});
export const appointmentActivityList = z.object({ entries: z.array(appointmentActivityEntry) });
