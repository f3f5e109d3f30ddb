import type { TestSocket } from '../server/test-support/signaling';

/** Below the per-socket rate limit (50 messages a second), as a call's keep-alive and ICE traffic. */
export const PING_PACE_MS = 25;

/**
 * One signaling round trip as a call feels it: wait the pace, send a ping, time until its pong (ms).
 * The login benches sample the event loop's lag under their load with it.
 */
export async function pacedPing(socket: TestSocket): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, PING_PACE_MS));
  const started = performance.now();
  socket.send({ type: 'ping', ts: Date.now() });
  await socket.next('pong');
  return performance.now() - started;
}
