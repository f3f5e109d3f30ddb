import * as z from 'zod';

/**
 * The signaling wire protocol between the browser call engine (web/call) and the server.
 *
 * One WebSocket per participant at {@link SIGNALING_PATH}, authenticated at the upgrade by the host
 * session cookie or the guest cookie. Every frame is one UTF-8 JSON text message whose `type` picks a
 * variant of {@link clientMessage} (browser → server) or {@link serverMessage} (server → browser).
 *
 * Rules both sides rely on (the server is authoritative and validates every message):
 * - The first client message is `hello`; the server answers `welcome` (or `error` + close). Anything
 *   else before `hello` is refused with `hello_required`.
 * - A reconnecting client sends `hello` with the `resumeToken` of its last `welcome`; a valid token gives
 *   the same participant id, role and status back (no second admission, no ghost participant). An
 *   unknown/expired token is not an error: the server treats the client as new (`welcome.resumed`
 *   false) and the client drops its old peer connections.
 * - `signal` is relayed only between admitted participants of the same consultation, never to or from
 *   a waiting one, and the payload is re-serialised from the parsed message (unknown keys stripped).
 *   Before relaying anything from a participant the server has sent the recipient a roster entry for
 *   them (`welcome`, `roster`, `participant-joined` or `participant-updated`).
 * - Host-only: `admit`, `decline`, `remove`, `waiting-message`, `end` (`host_only` otherwise).
 * - Limits: {@link MAX_MESSAGE_BYTES} per message (close 1009 above), {@link RATE_LIMIT} per connection
 *   (close 1008 above), {@link MAX_PARTICIPANTS} admitted at once (P-13; `room_full`).
 * - P-16: participants only ever learn each other's id, display name, role, status and media flags.
 * - Never log SDP, ICE candidates, display names or waiting-room texts (server and browser).
 */

/** The ICE servers (with TURN credentials) and the policy one participant's links are made with. */
export const iceConfiguration = z.object({
  iceServers: z.array(z.object({ urls: z.array(z.string()), username: z.string().optional(), credential: z.string().optional() })),
  iceTransportPolicy: z.enum(['all', 'relay']),
});

export const SIGNALING_PATH = '/api/signaling';
export const SIGNALING_PROTOCOL_VERSION = 1;

/** Largest accepted message, in UTF-8 bytes; the server closes with {@link CLOSE_CODES.messageTooBig} above it. */
export const MAX_MESSAGE_BYTES = 64 * 1024;
/** Longest SDP (characters) inside a `signal` description. */
export const MAX_SDP_LENGTH = 32 * 1024;
/** Longest ICE candidate line (characters). */
const MAX_CANDIDATE_LENGTH = 2048;
/** Admitted participants of one consultation, host included (P-13). */
export const MAX_PARTICIPANTS = 5;
/** Longest text the host may send to a waiting participant. */
export const MAX_WAITING_MESSAGE_LENGTH = 280;
const MAX_DISPLAY_NAME_LENGTH = 100;
/** Token bucket per connection: sustained rate and burst; the server closes with 1008 when it runs dry. */
export const RATE_LIMIT = { messagesPerSecond: 50, burst: 100 } as const;
/** The client sends `ping` this often; the server answers `pong`. */
export const HEARTBEAT_INTERVAL_MS = 10_000;
/** Silence after which either side considers the connection dead (client reconnects, server closes). */
export const HEARTBEAT_TIMEOUT_MS = 25_000;
/** How long the server keeps the place of a participant whose socket dropped, waiting for a resume. */
export const RESUME_GRACE_MS = 60_000;

/** WebSocket close codes. 4xxx are ours; the client does not reconnect after a {@link TERMINAL_CLOSE_CODES} one. */
export const CLOSE_CODES = {
  normal: 1000,
  goingAway: 1001,
  /** Rate limit exceeded or protocol violated. */
  policyViolation: 1008,
  messageTooBig: 1009,
  internalError: 1011,
  serviceRestart: 1012,
  tryAgainLater: 1013,
  /** No valid session or guest cookie (or the Origin check failed). */
  unauthenticated: 4001,
  /** The host ended the consultation. */
  ended: 4002,
  /** The host removed this participant. */
  removed: 4003,
  /** The host declined this waiting participant. */
  declined: 4004,
  /** The invitation was revoked or expired. */
  revoked: 4005,
  /** The same participant connected again elsewhere (another tab); this socket is obsolete. */
  replaced: 4006,
  /** {@link MAX_PARTICIPANTS} are already admitted. */
  roomFull: 4007,
  /** Client closes its own socket after a missed heartbeat (never sent by the server). */
  heartbeatTimeout: 4008,
} as const;

export const TERMINAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  CLOSE_CODES.unauthenticated,
  CLOSE_CODES.ended,
  CLOSE_CODES.removed,
  CLOSE_CODES.declined,
  CLOSE_CODES.revoked,
  CLOSE_CODES.replaced,
  CLOSE_CODES.roomFull,
]);

/** Stable codes of `error` messages (and of parse failures). Never rename one, only add. */
const signalingErrorCodes = [
  'invalid_json',
  'invalid_message',
  'message_too_large',
  'rate_limited',
  'unsupported_protocol',
  'hello_required',
  'unauthenticated',
  'not_admitted',
  'host_only',
  'unknown_participant',
  'room_full',
  'consultation_ended',
  'internal_error',
] as const;
export type SignalingErrorCode = (typeof signalingErrorCodes)[number];

// ---------------------------------------------------------------------------------------------------
// Building blocks

/** Opaque id the server assigns; safe in URLs and logs (it is no personal data). */
const participantId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const resumeToken = z.string().regex(/^[A-Za-z0-9_.~-]{16,512}$/);
/** A MediaStream id as it appears in SDP `a=msid` (lets the remote side tell screen from camera). */
const streamId = z.string().regex(/^[\x21-\x7e]{1,100}$/);

/**
 * host: the customer who runs the consultation (individual customer or organisation member).
 * member: a registered colleague of the host's organisation taking part (P-07); admitted like the
 *   server decides (directly or through the waiting room).
 * guest: an unregistered invitee (P-08).
 */
const participantRole = z.enum(['host', 'member', 'guest']);
export type ParticipantRole = z.infer<typeof participantRole>;
const participantStatus = z.enum(['waiting', 'admitted']);
export type ParticipantStatus = z.infer<typeof participantStatus>;

/**
 * P-28: how the call was started. `audio` opens no camera anywhere; only the host switches it to
 * `video`, and then every guest is asked before their camera opens (declining keeps them audio-only).
 */
export const callMode = z.enum(['video', 'audio']);
export type CallMode = z.infer<typeof callMode>;

/** What a participant sends, so others can show muted/camera-off icons and find the screen share. */
/** web/call/adaptation.ts: automatic, at most a small picture, or sound only. */
export const bandwidthMode = z.enum(['auto', 'small-video', 'audio-only']);
export type BandwidthMode = z.infer<typeof bandwidthMode>;

/**
 * Why a camera that is on sends no picture (web/call/interruptions.ts): the phone put the page in the
 * background, or the system took the camera away while the page was visible.
 */
const cameraPause = z.enum(['background', 'interrupted']);
export type CameraPause = z.infer<typeof cameraPause>;

const mediaState = z.object({
  audio: z.boolean(),
  video: z.boolean(),
  screen: z.boolean(),
  /** Stream id of the camera + microphone tracks. */
  cameraStreamId: streamId.nullable().default(null),
  /** Stream id of the screen-share track; a remote track in this stream is the screen. */
  screenStreamId: streamId.nullable().default(null),
  /** The participant's low-bandwidth switch: the others send them no more than it allows (A31b-8). */
  bandwidth: bandwidthMode.optional(),
  /** Those to whom this participant's video is paused because the link to them is weak (A31b-8). */
  videoPausedTo: z.array(participantId).max(MAX_PARTICIPANTS).optional(),
  /** The camera is on but its picture is paused (the others show "camera paused", not a frozen frame). */
  cameraPaused: cameraPause.optional(),
});
export type MediaState = z.infer<typeof mediaState>;
export const emptyMediaState: MediaState = {
  audio: false,
  video: false,
  screen: false,
  cameraStreamId: null,
  screenStreamId: null,
};

/** All a participant learns about another (P-16): no e-mail, phone or organisation data. */
const participant = z.object({
  id: participantId,
  displayName: z.string().min(1).max(MAX_DISPLAY_NAME_LENGTH),
  role: participantRole,
  status: participantStatus,
  /** False while the participant's socket is gone but its place is kept for a resume. */
  online: z.boolean().default(true),
  media: mediaState.default(emptyMediaState),
  /**
   * The name the host invited this guest under, sent to the host alone and only when the guest typed
   * another name: "Alice Tester (Praxis)" cannot pass for someone the host knows. Other guests never
   * get it (P-16).
   */
  invitedName: z
    .string()
    .max(MAX_DISPLAY_NAME_LENGTH * 2)
    .optional(),
});
export type Participant = z.infer<typeof participant>;

const sessionDescription = z.object({
  type: z.enum(['offer', 'answer']),
  sdp: z.string().max(MAX_SDP_LENGTH),
});
const iceCandidate = z.object({
  candidate: z.string().max(MAX_CANDIDATE_LENGTH),
  sdpMid: z.string().max(64).nullable().optional(),
  sdpMLineIndex: z.number().int().min(0).max(1023).nullable().optional(),
  usernameFragment: z.string().max(256).nullable().optional(),
});
const signalPayload = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('description'), description: sessionDescription }),
  /** `candidate: null` marks the end of candidates. */
  z.object({ kind: z.literal('candidate'), candidate: iceCandidate.nullable() }),
]);
export type SignalPayload = z.infer<typeof signalPayload>;

// ---------------------------------------------------------------------------------------------------
// Client → server

const waitingText = z.string().trim().min(1).max(MAX_WAITING_MESSAGE_LENGTH);

export const clientMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hello'),
    protocol: z.literal(SIGNALING_PROTOCOL_VERSION),
    resumeToken: resumeToken.optional(),
    media: mediaState.optional(),
  }),
  z.object({ type: z.literal('signal'), to: participantId, payload: signalPayload }),
  z.object({ type: z.literal('admit'), participantId }),
  z.object({ type: z.literal('decline'), participantId }),
  z.object({ type: z.literal('remove'), participantId }),
  z.object({ type: z.literal('waiting-message'), to: participantId, text: waitingText }),
  z.object({ type: z.literal('end') }),
  z.object({ type: z.literal('media-state'), media: mediaState }),
  /** Host only: switch the call between audio-only and video (stored with the consultation). */
  z.object({ type: z.literal('set-mode'), mode: callMode }),
  z.object({ type: z.literal('leave') }),
  z.object({ type: z.literal('ping'), ts: z.number().finite().optional() }),
]);
export type ClientMessage = z.infer<typeof clientMessage>;
/** What a client passes to send(): defaults (e.g. media stream ids) may be left out. */
export type ClientMessageInput = z.input<typeof clientMessage>;
export type ClientMessageType = ClientMessage['type'];
export type ClientMessageOf<T extends ClientMessageType> = Extract<ClientMessage, { type: T }>;

// ---------------------------------------------------------------------------------------------------
// Server → client

/**
 * P-11 after the end: ending a consultation deletes the invitation and its address, so each admitted
 * guest invited by e-mail is handed a sealed ticket (opened only by the server) to have the chat
 * mailed there for a short while. `to` is the address masked, `remaining` how many mails are left.
 */
export const chatMailTicket = z.object({
  ticket: z.string().min(1).max(4096),
  to: z.string().max(320),
  remaining: z.number().int().min(0).max(100),
  /** ms since the epoch. */
  expiresAt: z.number().int().nonnegative(),
});
export type ChatMailTicket = z.infer<typeof chatMailTicket>;

const leaveReason = z.enum(['left', 'removed', 'declined', 'timeout', 'ended']);

const serverMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('welcome'),
    protocol: z.literal(SIGNALING_PROTOCOL_VERSION),
    participantId,
    role: participantRole,
    status: participantStatus,
    resumeToken,
    /** True when the hello's resume token gave this participant its previous place back. */
    resumed: z.boolean(),
    /** Everyone this participant may see, itself included. A waiting guest sees at most the host(s). */
    participants: z.array(participant).max(64),
    /** The call's mode (P-28); servers before it sent none, which meant video. */
    mode: callMode.default('video'),
  }),
  /** The host switched the call's mode: on `video` a guest is asked before the camera opens. */
  z.object({ type: z.literal('mode'), mode: callMode }),
  z.object({ type: z.literal('roster'), participants: z.array(participant).max(64) }),
  z.object({ type: z.literal('participant-joined'), participant }),
  /** Status, online flag or media state of a participant changed. */
  z.object({ type: z.literal('participant-updated'), participant }),
  z.object({ type: z.literal('participant-left'), participantId, reason: leaveReason }),
  /** Sent to the host when someone could not join, e.g. because the room is full. */
  z.object({
    type: z.literal('participant-refused'),
    displayName: z.string().min(1).max(MAX_DISPLAY_NAME_LENGTH),
    reason: z.enum(['room_full']),
  }),
  /**
   * You (a waiting participant) were admitted. With it your ICE configuration (TURN credentials are
   * for admitted participants only) and who is in the call, so the first links need not wait for a
   * request or for the roster that follows (a page loaded before `participants` existed needs it):
   * each message is a task of the page's own, and the call view renders in between.
   */
  z.object({ type: z.literal('admitted'), ice: iceConfiguration.optional(), participants: z.array(participant).max(64).optional() }),
  z.object({ type: z.literal('declined') }),
  z.object({ type: z.literal('removed') }),
  z.object({
    type: z.literal('waiting-message'),
    from: participantId,
    fromName: z.string().min(1).max(MAX_DISPLAY_NAME_LENGTH),
    text: z.string().min(1).max(MAX_WAITING_MESSAGE_LENGTH),
    sentAt: z.number().int().nonnegative(),
  }),
  z.object({ type: z.literal('signal'), from: participantId, payload: signalPayload }),
  z.object({
    type: z.literal('ended'),
    reason: z.enum(['host', 'expired', 'revoked']).default('host'),
    /** Only to an admitted guest invited by e-mail: how to have the chat mailed once the invitation is deleted (P-11). */
    chatMail: chatMailTicket.optional(),
  }),
  z.object({
    type: z.literal('error'),
    code: z.enum(signalingErrorCodes),
    message: z.string().max(500),
    /** `type` of the client message that caused it, if any. */
    ref: z.string().max(40).optional(),
  }),
  z.object({ type: z.literal('pong'), ts: z.number().finite().optional() }),
]);
export type ServerMessage = z.infer<typeof serverMessage>;
export type ServerMessageInput = z.input<typeof serverMessage>;
export type ServerMessageType = ServerMessage['type'];
export type ServerMessageOf<T extends ServerMessageType> = Extract<ServerMessage, { type: T }>;

// ---------------------------------------------------------------------------------------------------
// Parsing

export type ParseResult<T> = { ok: true; message: T } | { ok: false; code: 'invalid_json' | 'invalid_message' | 'message_too_large'; detail?: string };

/** UTF-8 length without TextEncoder/Buffer (works in Node and browsers alike). */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        index++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

function exceedsMessageLimit(raw: string): boolean {
  if (raw.length > MAX_MESSAGE_BYTES) return true;
  if (raw.length * 3 <= MAX_MESSAGE_BYTES) return false;
  return utf8ByteLength(raw) > MAX_MESSAGE_BYTES;
}

function parseWith<T>(schema: z.ZodType<T>, raw: string): ParseResult<T> {
  if (typeof raw !== 'string') return { ok: false, code: 'invalid_message', detail: 'not a text frame' };
  if (exceedsMessageLimit(raw)) return { ok: false, code: 'message_too_large' };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { ok: false, code: 'invalid_json' };
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    // Paths and issue codes only: never echo values (they may hold SDP or names).
    const detail = result.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code}`)
      .join('; ');
    return { ok: false, code: 'invalid_message', detail };
  }
  return { ok: true, message: result.data };
}

/** Validates one text frame from a browser. The server must call this for every frame. */
export function parseClientMessage(raw: string): ParseResult<ClientMessage> {
  return parseWith(clientMessage, raw);
}

/** Validates one text frame from the server (the browser ignores frames that fail). */
export function parseServerMessage(raw: string): ParseResult<ServerMessage> {
  return parseWith(serverMessage, raw);
}

/** Serialises a message after checking it against the schema (throws on a programming error). */
export function encodeClientMessage(message: ClientMessageInput): string {
  return JSON.stringify(clientMessage.parse(message));
}

/**
 * Serialises a message the server built. It is typed as the parsed form (every default filled in),
 * so it is not validated again per message: the server's tests check every frame they receive
 * against {@link serverMessage}, strictly (server/test-support/signaling.ts).
 */
export function encodeServerMessage(message: ServerMessage): string {
  return JSON.stringify(message);
}

/** Messages the server refuses from a participant who is still in the waiting room. */
export const ADMITTED_ONLY_MESSAGES: ReadonlySet<ClientMessageType> = new Set(['signal', 'media-state']);
/** Messages only the host may send. */
export const HOST_ONLY_MESSAGES: ReadonlySet<ClientMessageType> = new Set(['set-mode', 'admit', 'decline', 'remove', 'waiting-message', 'end']);

/**
 * Token bucket for the per-connection rate limit ({@link RATE_LIMIT}); pure, the caller passes the time.
 * `take(now)` returns false when the message must be refused (the server then closes with 1008).
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private stalledMs = 0;

  constructor(
    private readonly ratePerSecond: number = RATE_LIMIT.messagesPerSecond,
    private readonly burst: number = RATE_LIMIT.burst,
    now = 0,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  /**
   * `stalledMs`: the reader's total time kept from reading (a lagging event loop), if it knows it.
   * What a client sent at the allowed rate during such a stall arrives at once, so the bucket may
   * hold that much more than the burst; it still refills at the rate alone, so a flood is stopped.
   * Tokens above the burst fade as the reader runs on without a stall (the backlog is read by then),
   * not at once: a backlog is often read in several parts.
   */
  take(now: number, stalledMs = 0): boolean {
    const elapsed = Math.max(0, now - this.last);
    const stall = Math.min(elapsed, Math.max(0, stalledMs - this.stalledMs));
    this.last = now;
    this.stalledMs = stalledMs;
    const perMs = this.ratePerSecond / 1000;
    const refilled = Math.min(this.burst + stall * perMs, this.tokens + elapsed * perMs);
    const kept = this.tokens - (elapsed - stall) * perMs;
    this.tokens = Math.max(refilled, kept);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
