import * as z from 'zod';
import { email, locale, personName } from './fields';

/** The contact form (P-02) and the tickets it creates, shared by the server and the web app. */

const CONTACT_SUBJECT_MAX = 200;
export const CONTACT_MESSAGE_MAX = 5000;
export const REPLY_MAX = 10_000;

/**
 * A proof-of-work challenge: the browser finds a nonce so that SHA-256(`challenge:nonce`) starts with
 * `bits` zero bits. Signed by the server, valid for a few minutes, accepted once.
 */
export const contactChallenge = z.object({ challenge: z.string(), bits: z.number().int() });
export type ContactChallenge = z.infer<typeof contactChallenge>;

export const contactRequest = z.strictObject({
  name: personName,
  email,
  subject: z.string().trim().min(1).max(CONTACT_SUBJECT_MAX),
  message: z.string().trim().min(1).max(CONTACT_MESSAGE_MAX),
  locale: locale.default('de'),
  /** Hidden from people; a bot that fills every field fills this one too. */
  website: z.string().max(500).optional(),
  proof: z.strictObject({ challenge: z.string().min(1).max(300), nonce: z.string().regex(/^\d{1,16}$/) }),
});
export type ContactRequestInput = z.input<typeof contactRequest>;

const ticketStatus = z.enum(['open', 'closed']);

const ticketSummary = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  subject: z.string(),
  status: ticketStatus,
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  replies: z.number().int(),
});
export type TicketSummary = z.infer<typeof ticketSummary>;

const ticketReply = z.object({ id: z.string(), operatorName: z.string(), text: z.string(), sentAt: z.string() });

export const ticketDetail = ticketSummary.extend({
  message: z.string(),
  locale,
  thread: z.array(ticketReply),
});
export type TicketDetail = z.infer<typeof ticketDetail>;

export const ticketListQuery = z.strictObject({
  status: ticketStatus.default('open'),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const ticketList = z.object({ tickets: z.array(ticketSummary), total: z.number().int() });
export type TicketList = z.infer<typeof ticketList>;

export const ticketParams = z.strictObject({ ticketId: z.uuid() });

export const replyRequest = z.strictObject({ text: z.string().trim().min(1).max(REPLY_MAX) });
