import { parsePresenceServerMessage, PRESENCE_PATH, type PresenceServerMessage } from '../../common/presence';
import type { ApiClient } from './app';
import { RecordingSocket } from './recording-socket';

function parseOrThrow(raw: string): PresenceServerMessage {
  const message = parsePresenceServerMessage(raw);
  if (!message) throw new Error('server sent an invalid presence message');
  return message;
}

/** A presence socket for tests: records what the server says and waits for what is asked for. */
export class PresenceSocket extends RecordingSocket<PresenceServerMessage> {
  constructor(url: string, headers: Record<string, string>) {
    super(url, headers, parseOrThrow);
  }
}

/** Opens the presence socket of a logged-in client; rejects with the status of a refused upgrade. */
export async function connectPresence(port: number, client: ApiClient, origin = 'http://localhost:3000'): Promise<PresenceSocket> {
  const socket = new PresenceSocket(`ws://127.0.0.1:${port}${PRESENCE_PATH}`, { cookie: client.cookieHeader(), origin });
  await socket.opened();
  // Once the colleague list is here (after the do-not-disturb state) the server counts us as online.
  socket.received.unshift(await socket.next('colleagues'));
  return socket;
}
