import { RecordingSocket } from './recording-socket';
import { encodeClientMessage, parseServerMessage, SIGNALING_PROTOCOL_VERSION, type ClientMessageInput, type ServerMessage } from '../../common/signaling';

function parseOrThrow(raw: string): ServerMessage {
  const parsed = parseServerMessage(raw);
  if (!parsed.ok) throw new Error(`server sent an invalid message: ${parsed.code}`);
  return parsed.message;
}

/** A signaling client for tests: records every server message and waits for the ones asked for. */
export class TestSocket extends RecordingSocket<ServerMessage> {
  constructor(url: string, headers: Record<string, string>) {
    super(url, headers, parseOrThrow);
  }

  send(message: ClientMessageInput): void {
    this.socket.send(encodeClientMessage(message));
  }

  async hello(resumeToken?: string): Promise<Extract<ServerMessage, { type: 'welcome' }>> {
    this.send({ type: 'hello', protocol: SIGNALING_PROTOCOL_VERSION, ...(resumeToken ? { resumeToken } : {}) });
    return this.next('welcome');
  }
}
