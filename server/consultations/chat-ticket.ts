import * as z from 'zod';
import type { ChatMailTicket } from '../../common/signaling';
import type { Clock } from '../clock';
import { AppError } from '../http/errors';
import { FieldDecryptionError, type FieldCipher, type PurposeSealer } from '../security/field-crypto';
import { maskedAddress } from './policy';

/** The HKDF label of the ticket key: no other purpose, and no stored field, shares it. */
export const CHAT_TICKET_PURPOSE = 'guest chat mail ticket';
/** Long enough to save or mail the chat after the end, short enough that a copied ticket is soon worthless. */
export const CHAT_TICKET_LIFETIME_MS = 30 * 60_000;

const ticketContent = z.strictObject({
  invitationId: z.string().min(1).max(64),
  consultationId: z.string().min(1).max(64),
  address: z.string().min(3).max(320),
  /** The guest's name for the mail's greeting, as the chat mail during the call uses it. */
  name: z.string().max(200),
  /** ms since the epoch. */
  expiresAt: z.number().int(),
  /** Mails still allowed with this ticket; the per-invitation throttle bounds them as well. */
  remaining: z.number().int().min(0),
});
export type ChatTicketContent = z.infer<typeof ticketContent>;

function chatTicketInvalid(): AppError {
  return new AppError('chat_ticket_invalid', 'This page cannot send the chat by e-mail any more. Please save it as a PDF.');
}

/**
 * P-11 after the end: ending a consultation deletes the invitation and with it the address a guest's
 * chat may be mailed to. Instead of keeping the address, the server hands each admitted guest invited
 * by e-mail this ticket over their own signaling socket: AES-256-GCM under a key of its own (HKDF
 * from the data key, `CHAT_TICKET_PURPOSE`), holding the invitation, the address, an expiry and the
 * mails left. Only the server can read or change it; nothing about it is stored. A replayed older
 * ticket cannot exceed the limit: every mail also counts against `transcriptMailsPerInvitation`.
 */
export class ChatTickets {
  private readonly sealer: PurposeSealer;

  constructor(
    cipher: FieldCipher,
    private readonly clock: Clock,
  ) {
    this.sealer = cipher.forPurpose(CHAT_TICKET_PURPOSE);
  }

  issue(grant: Omit<ChatTicketContent, 'expiresAt'>): ChatMailTicket {
    return this.handOut({ ...grant, expiresAt: this.clock.now().getTime() + CHAT_TICKET_LIFETIME_MS });
  }

  /** After a mail: the same ticket with fewer left, and the same expiry (sending never extends it). */
  spent(ticket: ChatTicketContent, remaining: number): ChatMailTicket {
    return this.handOut({ ...ticket, remaining: Math.max(0, Math.min(ticket.remaining - 1, remaining)) });
  }

  /** The ticket's content; 400 `chat_ticket_invalid` for anything altered or sealed for another purpose, 410 once expired. */
  open(sealed: string | undefined): ChatTicketContent {
    if (!sealed) throw chatTicketInvalid();
    let content: ChatTicketContent;
    try {
      content = ticketContent.parse(JSON.parse(this.sealer.open(sealed)));
    } catch (error) {
      if (error instanceof FieldDecryptionError || error instanceof SyntaxError || error instanceof z.ZodError) throw chatTicketInvalid();
      throw error;
    }
    if (content.expiresAt <= this.clock.now().getTime()) {
      throw new AppError('chat_ticket_expired', 'The time to have the chat e-mailed after the consultation is over. Please save it as a PDF.');
    }
    return content;
  }

  private handOut(content: ChatTicketContent): ChatMailTicket {
    return {
      ticket: this.sealer.seal(JSON.stringify(content)),
      to: maskedAddress(content.address),
      remaining: content.remaining,
      expiresAt: content.expiresAt,
    };
  }
}
