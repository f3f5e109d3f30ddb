import { describe, expect, it } from 'vitest';
import type { ChatMessage, FileTransfer, ParticipantView } from '../../call';
import { emptyMediaState } from '../../../common/signaling';
import {
  browserHelpOrder,
  detectBrowser,
  deviceProblemKey,
  deviceSummary,
  endKind,
  formatBitrate,
  formatBytes,
  formatElapsed,
  formatOpensAt,
  formatPercent,
  formatRtt,
  initials,
  inCall,
  invitedNameNote,
  isPreviewableImage,
  millisecondsUntil,
  newArrivals,
  pdfFileName,
  roomScreen,
  screenSharer,
  statusKey,
  timeline,
  transferActive,
  transferPercent,
  waitingRoom,
} from './model';

const UA = {
  chromeWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  edge: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51',
  firefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
  safariMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  iphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  chromeIos: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1',
  android: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36',
  headless: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0.0.0 Safari/537.36',
};

function participant(id: string, overrides: Partial<ParticipantView> = {}): ParticipantView {
  return {
    id,
    displayName: `Person ${id}`,
    role: 'guest',
    status: 'admitted',
    online: true,
    media: emptyMediaState,
    link: 'connected',
    cameraStream: null,
    screenStream: null,
    stats: null,
    safetyCode: null,
    ...overrides,
  };
}

function transfer(overrides: Partial<FileTransfer>): FileTransfer {
  return {
    id: 'out:p1:f1',
    fileId: 'f1',
    direction: 'outgoing',
    peerId: 'p1',
    name: 'befund.pdf',
    size: 1000,
    mime: 'application/pdf',
    sha256: null,
    bytes: 0,
    state: 'transferring',
    error: null,
    blob: null,
    startedAt: 100,
    ...overrides,
  };
}

describe('detectBrowser', () => {
  it.each([
    [UA.chromeWindows, 0, 'chrome'],
    [UA.headless, 0, 'chrome'],
    [UA.edge, 0, 'edge'],
    [UA.firefox, 0, 'firefox'],
    [UA.safariMac, 0, 'safari'],
    [UA.iphone, 5, 'ios'],
    [UA.chromeIos, 5, 'ios'],
    [UA.android, 5, 'android'],
    // iPadOS reports a Mac; only the touch screen gives it away.
    [UA.safariMac, 5, 'ios'],
    ['curl/8.0', 0, 'other'],
  ] as const)('%s (%i touch points) → %s', (ua, touch, family) => {
    expect(detectBrowser(ua, touch)).toBe(family);
  });

  it('puts the detected browser first and lists the others', () => {
    expect(browserHelpOrder('firefox')).toEqual(['firefox', 'chrome', 'edge', 'safari', 'ios', 'android']);
    expect(browserHelpOrder('other')).toHaveLength(6);
  });
});

describe('device problems', () => {
  it('maps every engine error kind to an explanation', () => {
    expect(deviceProblemKey('permission-denied')).toBe('denied');
    expect(deviceProblemKey('no-device')).toBe('missing');
    expect(deviceProblemKey('device-busy')).toBe('busy');
    expect(deviceProblemKey('overconstrained')).toBe('gone');
    expect(deviceProblemKey('blocked')).toBe('insecure');
    expect(deviceProblemKey('unsupported')).toBe('unsupported');
    expect(deviceProblemKey('aborted')).toBe('other');
    expect(deviceProblemKey('unknown')).toBe('other');
  });

  it('summarises what the guest can use', () => {
    const base = { acquiring: false, audioTrack: null, videoTrack: null, audioError: null, videoError: null };
    expect(deviceSummary({ ...base, acquiring: true })).toBe('checking');
    expect(deviceSummary({ ...base, audioTrack: {}, videoTrack: {} })).toBe('ok');
    expect(deviceSummary({ ...base, audioTrack: {}, videoError: 'no-device' })).toBe('audio-only');
    expect(deviceSummary({ ...base, videoTrack: {}, audioError: 'permission-denied' })).toBe('video-only');
    expect(deviceSummary({ ...base, audioError: 'permission-denied', videoError: 'permission-denied' })).toBe('none');
  });
});

describe('screens and texts for call states', () => {
  const admitted = { id: 'me', displayName: 'Me', role: 'guest' as const, status: 'admitted' as const };
  const waiting = { ...admitted, status: 'waiting' as const };

  it('shows the waiting room, the call or the end', () => {
    expect(roomScreen({ state: 'idle', self: null })).toBe('connecting');
    expect(roomScreen({ state: 'joining', self: null })).toBe('connecting');
    expect(roomScreen({ state: 'joining', self: admitted })).toBe('call');
    expect(roomScreen({ state: 'waiting', self: waiting })).toBe('waiting');
    expect(roomScreen({ state: 'reconnecting', self: waiting })).toBe('waiting');
    expect(roomScreen({ state: 'reconnecting', self: admitted })).toBe('call');
    expect(roomScreen({ state: 'connected', self: admitted })).toBe('call');
    expect(roomScreen({ state: 'ended', self: admitted })).toBe('ended');
    // All links failed: the call stays (with a banner) because it can recover.
    expect(roomScreen({ state: 'failed', self: admitted })).toBe('call');
    expect(roomScreen({ state: 'failed', self: null })).toBe('failed');
  });

  it('names why a call ended', () => {
    expect(endKind('ended', null)).toBe('ended');
    expect(endKind('declined', null)).toBe('declined');
    expect(endKind('removed', null)).toBe('removed');
    expect(endKind('revoked', null)).toBe('revoked');
    expect(endKind('replaced', null)).toBe('replaced');
    expect(endKind('left', null)).toBe('left');
    expect(endKind(null, 'room_full')).toBe('roomFull');
    expect(endKind(null, 'unauthenticated')).toBe('unauthenticated');
    expect(endKind(null, 'ice_configuration_failed')).toBe('iceFailed');
    expect(endKind(null, 'connection_failed')).toBe('connectionFailed');
  });

  it('gives a status line for each state', () => {
    expect(statusKey({ state: 'connected', self: admitted, participants: [] })).toBe('alone');
    expect(statusKey({ state: 'connected', self: admitted, participants: [participant('a')] })).toBe('connected');
    expect(statusKey({ state: 'connected', self: admitted, participants: [participant('a', { status: 'waiting' })] })).toBe('alone');
    expect(statusKey({ state: 'joining', self: admitted, participants: [] })).toBe('connectingPeers');
    expect(statusKey({ state: 'reconnecting', self: admitted, participants: [] })).toBe('reconnecting');
  });
});

describe('participants', () => {
  it('makes initials from names only', () => {
    expect(initials('Dr. Anna Weiß')).toBe('DW');
    expect(initials('jürgen')).toBe('J');
    expect(initials('Özlem Yılmaz-Schmidt')).toBe('ÖY');
    expect(initials('  ')).toBe('?');
    expect(initials('(Ärztin) Berg')).toBe('ÄB');
  });

  it('orders the call host first, then by name, and keeps the waiting room apart', () => {
    const list = [
      participant('c', { displayName: 'Zoe' }),
      participant('w', { displayName: 'Wartend', status: 'waiting' }),
      participant('a', { displayName: 'Anna' }),
      participant('h', { displayName: 'Praxis', role: 'host' }),
    ];
    expect(inCall(list).map((p) => p.id)).toEqual(['h', 'a', 'c']);
    expect(waitingRoom(list).map((p) => p.id)).toEqual(['w']);
  });

  it('finds who arrived in the waiting room since last time', () => {
    const list = [participant('w1', { status: 'waiting' }), participant('w2', { status: 'waiting' }), participant('a')];
    expect(newArrivals(new Set(['w1']), list)).toEqual(['w2']);
    expect(newArrivals(new Set(['w1', 'w2']), list)).toEqual([]);
  });

  it('puts a screen share on the stage', () => {
    const screen = {} as MediaStream;
    expect(screenSharer([participant('a'), participant('b', { screenStream: screen })])?.id).toBe('b');
    expect(screenSharer([participant('a')])).toBeNull();
  });
});

describe('formatting', () => {
  it('formats file sizes with the limit reading 100 MB', () => {
    expect(formatBytes(0, 'de-DE')).toBe('0 B');
    expect(formatBytes(1536, 'de-DE')).toBe('1,5 KB');
    expect(formatBytes(5 * 1024 * 1024, 'en-GB')).toBe('5 MB');
    expect(formatBytes(100 * 1024 * 1024, 'de-DE')).toBe('100 MB');
    expect(formatBytes(1.25 * 1024 ** 3, 'en-GB')).toBe('1.3 GB');
  });

  it('formats statistics or says nothing when unknown', () => {
    expect(formatBitrate(1_500_000, 'de-DE')).toBe('1,5 Mbit/s');
    expect(formatBitrate(320_400, 'en-GB')).toBe('320 kbit/s');
    expect(formatBitrate(null, 'en-GB')).toBeNull();
    expect(formatPercent(0.0125, 'en-GB')).toBe('1.3%');
    expect(formatPercent(null, 'en-GB')).toBeNull();
    expect(formatRtt(42.4, 'de-DE')).toBe('42 ms');
    expect(formatRtt(null, 'de-DE')).toBeNull();
  });

  it('formats the call duration', () => {
    expect(formatElapsed(0)).toBe('0:00');
    expect(formatElapsed(65_000)).toBe('1:05');
    expect(formatElapsed(3_725_000)).toBe('1:02:05');
    expect(formatElapsed(-5)).toBe('0:00');
  });

  it('names the PDF by date and time', () => {
    expect(pdfFileName(new Date(2026, 0, 5, 9, 7))).toBe('Sprechzimmer-Chat-2026-01-05-0907.pdf');
  });

  it('counts down to the opening of a link', () => {
    expect(millisecondsUntil('2026-01-01T10:00:00Z', Date.parse('2026-01-01T09:59:00Z'))).toBe(60_000);
    expect(millisecondsUntil('2026-01-01T10:00:00Z', Date.parse('2026-01-01T11:00:00Z'))).toBe(0);
    expect(millisecondsUntil(undefined, 0)).toBeNull();
    expect(millisecondsUntil('not a date', 0)).toBeNull();
  });

  it('shows the date of an opening time only when it is not today', () => {
    const now = new Date(2026, 4, 4, 8, 0);
    expect(formatOpensAt(new Date(2026, 4, 4, 14, 30).toISOString(), 'de-DE', now)).toBe('14:30');
    expect(formatOpensAt(new Date(2026, 4, 5, 14, 30).toISOString(), 'de-DE', now)).toContain('5. Mai 2026');
  });
});

describe('files in the chat', () => {
  it('reports whole percents and which transfers still run', () => {
    expect(transferPercent(transfer({ bytes: 333, size: 1000 }))).toBe(33);
    expect(transferPercent(transfer({ bytes: 0, size: 0, state: 'queued' }))).toBe(0);
    expect(transferPercent(transfer({ bytes: 1000, size: 1000, state: 'done' }))).toBe(100);
    expect(transferActive(transfer({ state: 'hashing' }))).toBe(true);
    expect(transferActive(transfer({ state: 'verifying' }))).toBe(true);
    expect(transferActive(transfer({ state: 'done' }))).toBe(false);
    expect(transferActive(transfer({ state: 'error' }))).toBe(false);
  });

  it('merges messages and files by time, one entry per outgoing file', () => {
    const messages: ChatMessage[] = [
      { id: 'm1', from: 'me', fromName: 'Me', text: 'Hallo', sentAt: 50 },
      { id: 'm2', from: 'p1', fromName: 'P1', text: 'Danke', sentAt: 300 },
    ];
    const transfers = [
      transfer({ id: 'out:p1:f1', peerId: 'p1', startedAt: 100 }),
      transfer({ id: 'out:p2:f1', peerId: 'p2', startedAt: 100 }),
      transfer({ id: 'in:p2:f9', fileId: 'f9', direction: 'incoming', peerId: 'p2', startedAt: 200 }),
    ];
    const entries = timeline(messages, transfers);
    expect(entries.map((entry) => entry.key)).toEqual(['m:me:m1', 'out:f1', 'in:in:p2:f9', 'm:p1:m2']);
    const outgoing = entries[1];
    expect(outgoing?.kind === 'file' && outgoing.transfers.map((t) => t.peerId)).toEqual(['p1', 'p2']);
  });

  it('previews only plain image types', () => {
    expect(isPreviewableImage(new Blob(['x'], { type: 'image/png' }))).toBe(true);
    expect(isPreviewableImage(new Blob(['x'], { type: 'image/svg+xml' }))).toBe(false);
    expect(isPreviewableImage(new Blob(['x'], { type: 'application/octet-stream' }))).toBe(false);
    expect(isPreviewableImage(null)).toBe(false);
  });
});

describe('the name a guest was invited under', () => {
  it('is shown only when the guest typed another name', () => {
    expect(invitedNameNote({ displayName: 'Alice Tester (Praxis)', invitedName: 'Max Muster' })).toBe('Max Muster');
    expect(invitedNameNote({ displayName: 'Max Muster', invitedName: ' Max Muster ' })).toBeUndefined();
    // Guests and hosts never get an invited name from the server.
    expect(invitedNameNote({ displayName: 'Dr. Weiß' })).toBeUndefined();
  });
});
