import { isDeepStrictEqual } from 'node:util';
import { RecordingSocket } from './recording-socket';
import { encodeClientMessage, parseServerMessage, SIGNALING_PROTOCOL_VERSION, type ClientMessageInput, type ServerMessage } from '../../common/signaling';

/**
 * The server encodes its messages without validating them (they are typed), so every frame a test
 * receives is checked here, strictly: it must pass the schema as sent, with no default left for the
 * parser to fill in and no key the schema would strip.
 */
function parseServerFrameStrictly(raw: string): ServerMessage {
  const parsed = parseServerMessage(raw);
  if (!parsed.ok) throw new Error(`server sent an invalid message: ${parsed.code} ${parsed.detail ?? ''}`);
  if (!isDeepStrictEqual(JSON.parse(raw), parsed.message)) throw new Error(`server sent a message the schema changes: ${parsed.message.type}`);
  return parsed.message;
}

/** A signaling client for tests: records every server message and waits for the ones asked for. */
export class TestSocket extends RecordingSocket<ServerMessage> {
  constructor(url: string, headers: Record<string, string>) {
    super(url, headers, parseServerFrameStrictly);
  }

  send(message: ClientMessageInput): void {
    this.socket.send(encodeClientMessage(message));
  }

  async hello(resumeToken?: string): Promise<Extract<ServerMessage, { type: 'welcome' }>> {
    this.send({ type: 'hello', protocol: SIGNALING_PROTOCOL_VERSION, ...(resumeToken ? { resumeToken } : {}) });
    return this.next('welcome');
  }
}
