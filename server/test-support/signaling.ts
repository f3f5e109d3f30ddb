import { connect as netConnect, type Server, type Socket } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import type { ClientOptions } from 'ws';
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
  constructor(url: string, headers: Record<string, string>, options: Pick<ClientOptions, 'createConnection'> = {}) {
    super(url, headers, parseServerFrameStrictly, options);
  }

  send(message: ClientMessageInput): void {
    this.socket.send(encodeClientMessage(message));
  }

  async hello(resumeToken?: string): Promise<Extract<ServerMessage, { type: 'welcome' }>> {
    this.send({ type: 'hello', protocol: SIGNALING_PROTOCOL_VERSION, ...(resumeToken ? { resumeToken } : {}) });
    return this.next('welcome');
  }
}

/**
 * Connections whose upgrade requests are held back until `release`, then sent all at once: a server
 * in the same process reads them in one turn of its event loop (as after a restart's reconnects),
 * once it has accepted every connection (it accepts them one per turn).
 */
export function heldConnections(server: Server): { createConnection: NonNullable<ClientOptions['createConnection']>; release(): Promise<void> } {
  let accepted = 0;
  const counting = () => (accepted += 1);
  server.on('connection', counting);
  const held: Socket[] = [];
  return {
    createConnection: (options) => {
      const socket = netConnect({ ...(options as { host: string; port: number }) });
      socket.cork();
      held.push(socket);
      return socket;
    },
    async release() {
      await Promise.all(held.map((socket) => (socket.connecting ? new Promise((resolve) => socket.once('connect', resolve)) : undefined)));
      while (accepted < held.length) await new Promise((resolve) => server.once('connection', resolve));
      server.off('connection', counting);
      for (const socket of held) socket.uncork();
    },
  };
}
