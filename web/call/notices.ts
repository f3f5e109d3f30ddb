import type { ServerMessageOf } from '../../common/signaling';
import type { CallSnapshot } from './types';

/**
 * What the server tells us that the view shows as it came: the host's texts in the waiting room,
 * people turned away (host), the last non-fatal error and, after the end, the chat-mail ticket.
 */
export type ServerNotices = Pick<CallSnapshot, 'waitingMessages' | 'refused' | 'lastServerError' | 'chatMailAfterEnd'>;

export const noNotices: ServerNotices = { waitingMessages: [], refused: [], lastServerError: null, chatMailAfterEnd: null };

export type NoticeMessage = ServerMessageOf<'waiting-message' | 'participant-refused' | 'error' | 'ended'>;

/** The notices after one more message; `now` stamps a refusal. */
export function noticed(notices: ServerNotices, message: NoticeMessage, now: number): ServerNotices {
  switch (message.type) {
    case 'waiting-message': {
      const { fromName, text, sentAt } = message;
      return { ...notices, waitingMessages: [...notices.waitingMessages, { fromName, text, sentAt }] };
    }
    case 'participant-refused':
      return { ...notices, refused: [...notices.refused, { displayName: message.displayName, reason: message.reason, at: now }] };
    case 'error':
      return { ...notices, lastServerError: { code: message.code, ref: message.ref ?? null } };
    case 'ended':
      return { ...notices, chatMailAfterEnd: message.chatMail ?? null };
  }
}
