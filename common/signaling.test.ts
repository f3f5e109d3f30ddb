import { describe, expect, it } from 'vitest';
import {
  MAX_MESSAGE_BYTES,
  MAX_SDP_LENGTH,
  MAX_WAITING_MESSAGE_LENGTH,
  TERMINAL_CLOSE_CODES,
  CLOSE_CODES,
  TokenBucket,
  encodeClientMessage,
  encodeServerMessage,
  parseClientMessage,
  parseServerMessage,
  utf8ByteLength,
} from './signaling';

const raw = (value: unknown) => JSON.stringify(value);

describe('parseClientMessage', () => {
  it.each([
    { type: 'hello', protocol: 1 },
    { type: 'hello', protocol: 1, resumeToken: 'abcdefghijklmnop.qrs-tuv_w~x' },
    { type: 'hello', protocol: 1, media: { audio: true, video: false, screen: false } },
    { type: 'signal', to: 'p_1', payload: { kind: 'description', description: { type: 'offer', sdp: 'v=0\r\n' } } },
    { type: 'signal', to: 'p_1', payload: { kind: 'description', description: { type: 'answer', sdp: '' } } },
    {
      type: 'signal',
      to: 'p-2',
      payload: {
        kind: 'candidate',
        candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMid: '0', sdpMLineIndex: 0 },
      },
    },
    { type: 'signal', to: 'p-2', payload: { kind: 'candidate', candidate: null } },
    { type: 'admit', participantId: 'abc' },
    { type: 'decline', participantId: 'abc' },
    { type: 'remove', participantId: 'abc' },
    { type: 'waiting-message', to: 'abc', text: '5 Minuten, bitte' },
    { type: 'end' },
    {
      type: 'media-state',
      media: { audio: false, video: true, screen: true, cameraStreamId: '{a-b}', screenStreamId: 'x' },
    },
    { type: 'leave' },
    { type: 'ping' },
    { type: 'ping', ts: 12.5 },
  ])('accepts $type', (message) => {
    const result = parseClientMessage(raw(message));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.message.type).toBe(message.type);
  });

  it('fills media-state defaults and strips unknown keys (nothing smuggled through a relay)', () => {
    const result = parseClientMessage(
      raw({
        type: 'signal',
        to: 'p1',
        extra: 'x',
        payload: { kind: 'description', description: { type: 'offer', sdp: 's', email: 'a@b.de' } },
      }),
    );
    expect(result).toEqual({
      ok: true,
      message: { type: 'signal', to: 'p1', payload: { kind: 'description', description: { type: 'offer', sdp: 's' } } },
    });
    const media = parseClientMessage(raw({ type: 'media-state', media: { audio: true, video: true, screen: false } }));
    expect(media.ok && media.message).toEqual({
      type: 'media-state',
      media: { audio: true, video: true, screen: false, cameraStreamId: null, screenStreamId: null },
    });
    const weak = parseClientMessage(
      raw({ type: 'media-state', media: { audio: true, video: true, screen: false, bandwidth: 'small-video', videoPausedTo: ['p1'] } }),
    );
    expect(weak.ok && weak.message.type === 'media-state' && weak.message.media).toMatchObject({ bandwidth: 'small-video', videoPausedTo: ['p1'] });
    const paused = parseClientMessage(raw({ type: 'media-state', media: { audio: true, video: true, screen: false, cameraPaused: 'background' } }));
    expect(paused.ok && paused.message.type === 'media-state' && paused.message.media.cameraPaused).toBe('background');
  });

  it.each([
    ['unknown type', { type: 'shout' }],
    ['missing type', { to: 'x' }],
    ['wrong protocol', { type: 'hello', protocol: 2 }],
    ['short resume token', { type: 'hello', protocol: 1, resumeToken: 'short' }],
    ['bad participant id', { type: 'admit', participantId: 'a b' }],
    ['empty participant id', { type: 'admit', participantId: '' }],
    ['rollback description', { type: 'signal', to: 'a', payload: { kind: 'description', description: { type: 'rollback', sdp: '' } } }],
    ['unknown payload kind', { type: 'signal', to: 'a', payload: { kind: 'chat', text: 'hi' } }],
    ['sdp too long', { type: 'signal', to: 'a', payload: { kind: 'description', description: { type: 'offer', sdp: 'x'.repeat(MAX_SDP_LENGTH + 1) } } }],
    ['waiting text too long', { type: 'waiting-message', to: 'a', text: 'x'.repeat(MAX_WAITING_MESSAGE_LENGTH + 1) }],
    ['blank waiting text', { type: 'waiting-message', to: 'a', text: '   ' }],
    ['media flags not boolean', { type: 'media-state', media: { audio: 'yes', video: true, screen: false } }],
    ['unknown bandwidth mode', { type: 'media-state', media: { audio: true, video: true, screen: false, bandwidth: 'none' } }],
    ['video paused to a bad id', { type: 'media-state', media: { audio: true, video: true, screen: false, videoPausedTo: ['a b'] } }],
    ['video paused to too many', { type: 'media-state', media: { audio: true, video: true, screen: false, videoPausedTo: ['a', 'b', 'c', 'd', 'e', 'f'] } }],
    ['unknown camera pause', { type: 'media-state', media: { audio: true, video: true, screen: false, cameraPaused: 'asleep' } }],
    ['array', [{ type: 'ping' }]],
    ['null', null],
  ])('refuses %s as invalid_message', (_name, message) => {
    const result = parseClientMessage(raw(message));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.code).toBe('invalid_message');
  });

  it('does not echo values in the error detail', () => {
    const result = parseClientMessage(raw({ type: 'waiting-message', to: 'a', text: 'SECRET'.repeat(100) }));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.detail).toContain('text');
      expect(result.detail).not.toContain('SECRET');
    }
  });

  it('refuses broken JSON as invalid_json', () => {
    expect(parseClientMessage('{"type":')).toEqual({ ok: false, code: 'invalid_json' });
  });

  it('refuses messages above 64 KiB as message_too_large, counting UTF-8 bytes', () => {
    const padding = (n: number, char: string) => raw({ type: 'ping', pad: char.repeat(n) });
    const overhead = padding(0, 'a').length;
    expect(parseClientMessage(padding(MAX_MESSAGE_BYTES - overhead, 'a')).ok).toBe(true);
    expect(parseClientMessage(padding(MAX_MESSAGE_BYTES - overhead + 1, 'a'))).toEqual({
      ok: false,
      code: 'message_too_large',
    });
    // 'ü' is two bytes: fewer characters than the limit, more bytes.
    const umlauts = padding(Math.ceil(MAX_MESSAGE_BYTES / 2), 'ü');
    expect(umlauts.length).toBeLessThan(MAX_MESSAGE_BYTES);
    expect(parseClientMessage(umlauts)).toMatchObject({ ok: false, code: 'message_too_large' });
  });
});

describe('utf8ByteLength', () => {
  it('matches TextEncoder', () => {
    for (const text of ['', 'abc', 'Größe', '€', '😀 x', '\ud800', 'a\udc00b']) {
      expect(utf8ByteLength(text)).toBe(new TextEncoder().encode(text).length);
    }
  });
});

describe('parseServerMessage', () => {
  const host = { id: 'h1', displayName: 'Dr. Weiß', role: 'host', status: 'admitted' };
  it('accepts a welcome and fills participant defaults', () => {
    const result = parseServerMessage(
      raw({
        type: 'welcome',
        protocol: 1,
        participantId: 'g1',
        role: 'guest',
        status: 'waiting',
        resumeToken: 'r'.repeat(32),
        resumed: false,
        participants: [host],
      }),
    );
    expect(result.ok).toBe(true);
    if (result.ok && result.message.type === 'welcome') {
      expect(result.message.participants[0]).toEqual({
        ...host,
        online: true,
        media: { audio: false, video: false, screen: false, cameraStreamId: null, screenStreamId: null },
      });
    }
  });

  it('strips anything about a participant but the allowed fields (P-16)', () => {
    const result = parseServerMessage(raw({ type: 'participant-joined', participant: { ...host, email: 'doc@example.org', phone: '+49301234567' } }));
    expect(result.ok).toBe(true);
    if (result.ok && result.message.type === 'participant-joined') {
      expect(Object.keys(result.message.participant).sort()).toEqual(['displayName', 'id', 'media', 'online', 'role', 'status']);
    }
  });

  it.each([
    { type: 'roster', participants: [] },
    { type: 'participant-updated', participant: { ...host, online: false } },
    { type: 'participant-left', participantId: 'g1', reason: 'removed' },
    { type: 'participant-refused', displayName: 'Sechste Person', reason: 'room_full' },
    { type: 'admitted' },
    { type: 'declined' },
    { type: 'removed' },
    { type: 'waiting-message', from: 'h1', fromName: 'Dr. Weiß', text: 'Gleich!', sentAt: 1 },
    { type: 'signal', from: 'h1', payload: { kind: 'candidate', candidate: null } },
    { type: 'ended' },
    { type: 'error', code: 'room_full', message: 'The consultation is full.' },
    { type: 'pong', ts: 3 },
  ])('accepts $type', (message) => {
    expect(parseServerMessage(raw(message)).ok).toBe(true);
  });

  it.each([
    ['unknown error code', { type: 'error', code: 'oops', message: '' }],
    ['bad role', { type: 'participant-joined', participant: { ...host, role: 'admin' } }],
    ['bad status', { type: 'participant-joined', participant: { ...host, status: 'gone' } }],
    ['empty name', { type: 'participant-joined', participant: { ...host, displayName: '' } }],
  ])('refuses %s', (_name, message) => {
    expect(parseServerMessage(raw(message)).ok).toBe(false);
  });
});

describe('encode', () => {
  it('round-trips through the parser', () => {
    const text = encodeClientMessage({ type: 'media-state', media: { audio: true, video: false, screen: false } });
    expect(parseClientMessage(text).ok).toBe(true);
    const server = encodeServerMessage({ type: 'ended', reason: 'host' });
    expect(parseServerMessage(server)).toEqual({ ok: true, message: { type: 'ended', reason: 'host' } });
  });

  it('throws on a message that would be refused', () => {
    expect(() => encodeClientMessage({ type: 'admit', participantId: 'not valid!' })).toThrow();
  });
});

describe('limits', () => {
  it('rate limit: burst of 100, then 50 per second', () => {
    const bucket = new TokenBucket(50, 100, 0);
    let accepted = 0;
    for (let i = 0; i < 150; i++) if (bucket.take(0)) accepted++;
    expect(accepted).toBe(100);
    expect(bucket.take(10)).toBe(false); // 10 ms = half a token
    expect(bucket.take(30)).toBe(true); // 1.5 tokens - 1
    let later = 0;
    for (let i = 0; i < 100; i++) if (bucket.take(1030)) later++;
    expect(later).toBe(50);
  });

  it('rate limit: a paced backlog read at once after the reader stalled passes; a flood does not', () => {
    // 40 a second for 5 s, all read together because the reader was kept from reading for 5 s.
    const stalled = new TokenBucket(50, 100, 0);
    let backlog = 0;
    for (let i = 0; i < 200; i++) if (stalled.take(5000, 5000)) backlog++;
    expect(backlog).toBe(200);
    // The same 200 without a stall exceed the burst.
    const unstalled = new TokenBucket(50, 100, 0);
    let plain = 0;
    for (let i = 0; i < 200; i++) if (unstalled.take(5000, 0)) plain++;
    expect(plain).toBe(100);
    // Once the reader runs again the credit is gone: a flood gets the burst at most.
    let flood = 0;
    for (let i = 0; i < 1000; i++) if (stalled.take(6000, 5000)) flood++;
    expect(flood).toBeLessThanOrEqual(100);
  });

  it('terminal close codes do not include transient ones', () => {
    expect(TERMINAL_CLOSE_CODES.has(CLOSE_CODES.ended)).toBe(true);
    expect(TERMINAL_CLOSE_CODES.has(CLOSE_CODES.serviceRestart)).toBe(false);
    expect(TERMINAL_CLOSE_CODES.has(CLOSE_CODES.policyViolation)).toBe(false);
  });
});
