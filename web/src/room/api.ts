import { CHAT_TICKET_HEADER, type GuestTranscriptTarget, type JoinView } from '../../../common/api/consultations';
import type { ChatMailTicket } from '../../../common/signaling';
import { request } from '../api/client';

/**
 * Requests of the guest's join page and of the call room (see server/consultations/routes.ts); the
 * join page's first ones are in ../api/join.ts. The host's consultation requests (load, invite, end)
 * are in ../api/consultations.ts.
 */

/** Name shown to everyone and consent (Art. 9(2)(a) GDPR); the signaling socket needs both. */
export const saveGuestDetails = (displayName: string) => request<JoinView>('PUT', '/api/join/details', { displayName, consent: true });

const room = (id: string) => `/api/consultations/${encodeURIComponent(id)}`;

/** Mails the chat PDF (made in this browser) to the host's own address; the server keeps nothing. */
export const mailChatTranscript = (id: string, pdf: Blob) =>
  request<{ ok: true }>('POST', `${room(id)}/chat-transcript`, { raw: pdf, contentType: 'application/pdf' });

/** Whether this guest may have the chat mailed, and to which (masked) address: always their invitation's. */
export const guestTranscriptTarget = () => request<GuestTranscriptTarget>('GET', '/api/join/chat-transcript');

/** Mails the chat PDF to the guest's invitation address; the request names no address. */
export const mailGuestChatTranscript = (pdf: Blob, lang: 'de' | 'en') =>
  request<{ ok: true }>('POST', `/api/join/chat-transcript?lang=${lang}`, { raw: pdf, contentType: 'application/pdf' });

/** After the end: mails the chat PDF to where the ticket (from the end message) says; the answer holds the next ticket. */
export const mailGuestChatAfterEnd = (pdf: Blob, lang: 'de' | 'en', ticket: string) =>
  request<{ ok: true; chatMail: ChatMailTicket }>('POST', `/api/join/chat-transcript/after-end?lang=${lang}`, {
    raw: pdf,
    contentType: 'application/pdf',
    headers: { [CHAT_TICKET_HEADER]: ticket },
  });

/** URLs of the ICE configuration (TURN credentials only for admitted participants). */
export const guestIceUrl = '/api/join/ice';
export const hostIceUrl = (id: string) => `${room(id)}/ice`;
