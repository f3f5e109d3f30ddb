import * as z from 'zod';

/**
 * The presence socket of a professional of an organisation (P-07): who of the colleagues is online,
 * in a call or away, and the ring of a colleague call. One WebSocket per open app tab at
 * {@link PRESENCE_PATH}, authenticated at the upgrade by the session cookie; the server speaks,
 * the browser only pings. Starting, accepting and declining a call go through the REST API
 * (`/api/colleague-calls`), so every decision is an ordinary authorised, CSRF-checked request.
 *
 * P-16: colleagues learn each other's id, name and presence only — no e-mail, phone or role.
 */

export const PRESENCE_PATH = '/api/presence';
/** How long a colleague call rings before it counts as missed. */
export const RING_TIMEOUT_MS = 45_000;
export const PRESENCE_MAX_MESSAGE_BYTES = 4 * 1024;

/**
 * `in_call` and `do_not_disturb` are busy (Anlage 31b: an undisturbed consultation): a colleague call
 * to them is refused at once and they get a silent "missed while you were busy" notice instead.
 */
const presenceState = z.enum(['online', 'do_not_disturb', 'in_call', 'away']);
export type PresenceState = z.infer<typeof presenceState>;

export const colleague = z.object({
  id: z.uuid(),
  displayName: z.string().min(1).max(201),
  presence: presenceState,
});
export type Colleague = z.infer<typeof colleague>;

const callOutcome = z.enum(['accepted', 'declined', 'missed', 'cancelled']);
export type CallOutcome = z.infer<typeof callOutcome>;

const presenceServerMessage = z.discriminatedUnion('type', [
  /** The whole list, sent first and whenever the organisation's people change. */
  z.object({ type: z.literal('colleagues'), colleagues: z.array(colleague).max(10_000) }),
  z.object({ type: z.literal('presence'), id: z.uuid(), presence: presenceState }),
  /** A colleague calls you: ring until accepted, declined, cancelled or {@link RING_TIMEOUT_MS}. */
  z.object({
    type: z.literal('incoming-call'),
    callId: z.uuid(),
    consultationId: z.uuid(),
    fromName: z.string().min(1).max(201),
    expiresAt: z.number().int().nonnegative(),
  }),
  /**
   * How a ringing call ended. The caller learns the callee's answer; every tab of the callee stops
   * ringing (`accepted` there means: answered in another tab).
   */
  z.object({ type: z.literal('call-ended'), callId: z.uuid(), outcome: callOutcome }),
  /** Your own do-not-disturb switch, sent when the socket opens and whenever it changes (in any tab). */
  z.object({ type: z.literal('do-not-disturb'), on: z.boolean() }),
  /**
   * A colleague tried to call while you were busy (in a call or do not disturb). Never rings: the app
   * keeps it and shows it once the call is over, or on the dashboard.
   */
  z.object({ type: z.literal('missed-while-busy'), fromName: z.string().min(1).max(201), at: z.number().int().nonnegative() }),
  z.object({ type: z.literal('pong') }),
]);
export type PresenceServerMessage = z.infer<typeof presenceServerMessage>;

const presenceClientMessage = z.discriminatedUnion('type', [z.object({ type: z.literal('ping') })]);
export type PresenceClientMessage = z.infer<typeof presenceClientMessage>;

export function parsePresenceServerMessage(raw: string): PresenceServerMessage | undefined {
  try {
    const result = presenceServerMessage.safeParse(JSON.parse(raw));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

export function parsePresenceClientMessage(raw: string): PresenceClientMessage | undefined {
  if (raw.length > PRESENCE_MAX_MESSAGE_BYTES) return undefined;
  try {
    const result = presenceClientMessage.safeParse(JSON.parse(raw));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

export function encodePresenceMessage(message: PresenceServerMessage): string {
  return JSON.stringify(presenceServerMessage.parse(message));
}
