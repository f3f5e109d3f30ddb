import * as z from 'zod';
import { callMode, chatMailTicket, iceConfiguration } from '../signaling';
import { personName } from './fields';

/** Invitation windows (issue #3): 15 minutes to 24 hours, 60 minutes unless the host chooses. */
export const MIN_WINDOW_MINUTES = 15;
export const MAX_WINDOW_MINUTES = 24 * 60;
export const DEFAULT_WINDOW_MINUTES = 60;
/** A start up to this long ago still counts as "now" (a form filled in slowly is not refused). */
export const PAST_START_TOLERANCE_MINUTES = 5;
/** P-13: a consultation holds at most this many participants, host included. */
export const MAX_PARTICIPANTS = 5;
/** Guests invited per consultation: the call limit plus some who may not come. */
export const MAX_INVITATIONS = 10;

export const waitingRoomParams = z.strictObject({ id: z.uuid(), participantId: z.uuid() });
export const waitingRoomMessage = z.strictObject({ text: z.string().trim().min(1).max(280) });

export const idParams = z.strictObject({ id: z.uuid() });
export const invitationParams = z.strictObject({ id: z.uuid(), invitationId: z.uuid() });

const deliveryState = z.enum(['sent', 'failed']).nullable();

/** What the host sees of one invitation. */
const invitationView = z.object({
  id: z.string(),
  guestName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  status: z.enum(['active', 'revoked']),
  emailDelivery: deliveryState,
  smsDelivery: deliveryState,
  deliveryError: z.string().nullable(),
  lastSentAt: z.string().nullable(),
  /** Where the guest is: not opened yet, in the waiting room, in the call, … */
  participantStatus: z.enum(['invited', 'waiting', 'admitted', 'declined', 'removed']).nullable(),
  /** For the waiting-room actions of practice staff. */
  participantId: z.string().nullable(),
});
export type InvitationView = z.infer<typeof invitationView>;

export const consultationView = z.object({
  id: z.string(),
  /** Name of the professional holding it (practice staff see several). */
  hostName: z.string(),
  status: z.enum(['open', 'ended']),
  validFrom: z.string(),
  validUntil: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  mode: callMode,
  invitations: z.array(invitationView),
});
export type ConsultationView = z.infer<typeof consultationView>;

export const consultationList = z.object({ consultations: z.array(consultationView) });

/** An activity entry (P-14): who, when, how long; never content. */
const activityEntry = z.object({
  id: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  endedAt: z.string(),
  durationSeconds: z.number().nullable(),
  participantNames: z.array(z.string()),
  invitationChannels: z.array(z.enum(['email', 'sms'])),
  /** Who hosted it; the representative sees the whole organisation's entries (P-14). */
  hostName: z.string(),
});
export type ActivityEntry = z.infer<typeof activityEntry>;

/**
 * `from` (inclusive) and `to` (exclusive) are instants, so that the browser can ask for the user's
 * own days: a day in Berlin starts at 23:00 or 22:00 UTC, which a bare date cannot say.
 */
export const activityQuery = z.strictObject({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** Representative only: one member's entries. */
  member: z.uuid().optional(),
});
export const activityList = z.object({ entries: z.array(activityEntry) });

/** Guests: the link token is exchanged for a cookie bound to this one consultation. */
export const joinRequest = z.strictObject({ token: z.string().min(16).max(128) });

export const joinView = z.object({
  consultationId: z.string(),
  participantId: z.string(),
  /** Name of the practice or professional, shown before anything else. */
  hostName: z.string(),
  /** Prefilled from the invitation; the guest may correct it. */
  suggestedName: z.string(),
  displayName: z.string().nullable(),
  consented: z.boolean(),
  validUntil: z.string(),
  status: z.enum(['invited', 'waiting', 'admitted', 'declined', 'removed']),
  /** P-28: in an audio-only consultation the device check asks for the microphone only. */
  mode: callMode,
});
export type JoinView = z.infer<typeof joinView>;

/**
 * Where a guest's chat PDF would be mailed (P-11): only to the address the invitation went to,
 * shown masked. `smsOnly`: invited by SMS alone, so only the download is offered; `notAdmitted`:
 * not (yet) in the call.
 */
export const guestTranscriptTarget = z.object({
  mail: z.enum(['available', 'smsOnly', 'notAdmitted']),
  /** The invitation's address, masked ("d***@example.org"); null unless `available`. */
  to: z.string().nullable(),
});
export type GuestTranscriptTarget = z.infer<typeof guestTranscriptTarget>;

/** The language of the mail; the address is never a parameter. */
export const guestTranscriptQuery = z.strictObject({ lang: z.enum(['de', 'en']).default('de') });

/** After the end (P-11): the request carries its ticket in this header, never in the URL. */
export const CHAT_TICKET_HEADER = 'x-chat-ticket';
/** The mail went out; the ticket to use next (fewer left, the same expiry). */
export const guestTranscriptAfterEndResponse = z.object({ ok: z.literal(true), chatMail: chatMailTicket });

export const guestDetailsRequest = z.strictObject({
  displayName: personName,
  /** Art. 9(2)(a) GDPR: explicit consent to the processing of health data in the consultation. */
  consent: z.literal(true, { message: 'Please agree to continue.' }),
});

// Defined beside the signaling messages, which carry it at admission too.
export { iceConfiguration };
export type IceConfiguration = z.infer<typeof iceConfiguration>;
