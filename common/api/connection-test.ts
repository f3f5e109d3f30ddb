import * as z from 'zod';
import { callMode } from '../signaling';
import { iceConfiguration } from './consultations';

/**
 * The connection test before an appointment (issue 9 §5): the browser tries camera, microphone and
 * speaker, gathers ICE candidates with these servers and relays a few messages to itself through
 * TURN. The credentials are for the test only: short-lived, and rate limited per invitation.
 */
export const connectionTestConfiguration = z.object({
  iceServers: iceConfiguration.shape.iceServers,
  /** When the TURN credentials stop working (at most two minutes after they were issued). */
  expiresAt: z.string(),
  /** This installation relays every call (ICE_RELAY_ONLY): a working relay is all a call needs. */
  callsRelayOnly: z.boolean(),
  /** The consultation's mode: an audio-only one never opens the camera, not even for the test. */
  mode: callMode,
});
export type ConnectionTestConfiguration = z.infer<typeof connectionTestConfiguration>;
