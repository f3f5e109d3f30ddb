import { describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../../common/signaling';
import { closeOutcome } from './callState';
import { noNotices, noticed } from './notices';

describe('server notices', () => {
  it('collects waiting-room texts and refusals in order, keeps the last error and the chat-mail ticket', () => {
    let notices = noticed(noNotices, { type: 'waiting-message', from: 'host', fromName: 'Dr. Weiß', text: 'Gleich', sentAt: 1 }, 10);
    notices = noticed(notices, { type: 'waiting-message', from: 'host', fromName: 'Dr. Weiß', text: 'Jetzt', sentAt: 2 }, 20);
    notices = noticed(notices, { type: 'participant-refused', displayName: 'Zoë', reason: 'room_full' }, 30);
    notices = noticed(notices, { type: 'error', code: 'host_only', message: 'no', ref: 'admit' }, 40);
    notices = noticed(notices, { type: 'error', code: 'room_full', message: 'full' }, 50);
    expect(notices).toEqual({
      waitingMessages: [
        { fromName: 'Dr. Weiß', text: 'Gleich', sentAt: 1 },
        { fromName: 'Dr. Weiß', text: 'Jetzt', sentAt: 2 },
      ],
      refused: [{ displayName: 'Zoë', reason: 'room_full', at: 30 }],
      lastServerError: { code: 'room_full', ref: null },
      chatMailAfterEnd: null,
    });
    expect(noticed(notices, { type: 'ended', reason: 'host' }, 60).chatMailAfterEnd).toBeNull();
    expect(noNotices.waitingMessages).toEqual([]);
  });
});

describe('closeOutcome', () => {
  it('ends the call with the reason the server gave, else the one its close code means', () => {
    expect(closeOutcome({ code: CLOSE_CODES.normal, cause: 'removed' })).toEqual({ end: 'removed' });
    expect(closeOutcome({ code: CLOSE_CODES.ended, cause: null })).toEqual({ end: 'ended' });
    expect(closeOutcome({ code: CLOSE_CODES.revoked, cause: null })).toEqual({ end: 'revoked' });
    expect(closeOutcome({ code: CLOSE_CODES.replaced, cause: null })).toEqual({ end: 'replaced' });
  });

  it('fails on authentication and a full room, and is neither for any other close', () => {
    expect(closeOutcome({ code: CLOSE_CODES.unauthenticated, cause: null })).toEqual({ fatal: 'unauthenticated' });
    expect(closeOutcome({ code: CLOSE_CODES.roomFull, cause: null })).toEqual({ fatal: 'room_full' });
    expect(closeOutcome({ code: CLOSE_CODES.normal, cause: null })).toEqual({ fatal: null });
  });
});
