import type { InvitationRow, ParticipantRow } from './store';

/**
 * Who may have the chat of a consultation mailed, and where to (P-11). The host's rule is
 * ownership (ConsultationService.owned) and their own account address; a guest's is this one.
 */
export type GuestTranscriptMail = { mail: 'available'; address: string } | { mail: 'smsOnly'; address: null } | { mail: 'notAdmitted'; address: null };

/**
 * `mailsChatToInvitation`: a guest who has been admitted to the call, and whose invitation went
 * out by e-mail, may have the chat sent to that invitation's address — never to one the client
 * names, so the feature cannot mail strangers. An admitted guest who left keeps the right while
 * the consultation is open; ending it deletes the invitation and with it the address.
 */
export function mailsChatToInvitation(participant: ParticipantRow, invitation: InvitationRow | undefined): GuestTranscriptMail {
  if (participant.role !== 'guest' || participant.admittedAt === null) return { mail: 'notAdmitted', address: null };
  if (!invitation?.guestEmail || invitation.status !== 'active') return { mail: 'smsOnly', address: null };
  return { mail: 'available', address: invitation.guestEmail };
}

/** "dora.gast@example.org" → "d***@example.org": enough to recognise one's own address, not to learn it. */
export function maskedAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${address[0]}***${address.slice(at)}`;
}
