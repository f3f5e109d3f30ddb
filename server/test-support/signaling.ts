import WebSocket from 'ws';
import { encodeClientMessage, parseServerMessage, SIGNALING_PROTOCOL_VERSION, type ClientMessageInput, type ServerMessage } from '../../common/signaling';

/** A signaling client for tests: records every server message and waits for the ones asked for. */
export class TestSocket {
  readonly received: ServerMessage[] = [];
  closeCode: number | undefined;
  private readonly socket: WebSocket;
  private waiters: { predicate: (message: ServerMessage) => boolean; resolve: (message: ServerMessage) => void }[] = [];
  private readonly closed: Promise<number>;

  constructor(url: string, headers: Record<string, string>) {
    this.socket = new WebSocket(url, { headers, perMessageDeflate: false });
    this.socket.on('message', (data) => {
      const parsed = parseServerMessage(String(data));
      if (!parsed.ok) throw new Error(`server sent an invalid message: ${parsed.code}`);
      this.received.push(parsed.message);
      this.waiters = this.waiters.filter((waiter) => {
        if (!waiter.predicate(parsed.message)) return true;
        waiter.resolve(parsed.message);
        return false;
      });
    });
    this.closed = new Promise((resolve) =>
      this.socket.on('close', (code) => {
        this.closeCode = code;
        resolve(code);
      }),
    );
  }

  /** Resolves when the socket is open, or rejects with the HTTP status of a refused upgrade. */
  opened(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('unexpected-response', (request, response) => {
        // With this listener ws leaves the refused request open; drop it so the server can shut down.
        request.destroy();
        reject(new Error(`upgrade refused: ${response.statusCode}`));
      });
      this.socket.once('error', reject);
    });
  }

  send(message: ClientMessageInput): void {
    this.socket.send(encodeClientMessage(message));
  }

  sendRaw(data: string | Buffer): void {
    this.socket.send(data);
  }

  async hello(resumeToken?: string): Promise<Extract<ServerMessage, { type: 'welcome' }>> {
    this.send({ type: 'hello', protocol: SIGNALING_PROTOCOL_VERSION, ...(resumeToken ? { resumeToken } : {}) });
    return this.next('welcome');
  }

  /** The first message of this type not yet taken (received earlier or arriving within the timeout). */
  next<T extends ServerMessage['type']>(
    type: T,
    predicate: (message: Extract<ServerMessage, { type: T }>) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<Extract<ServerMessage, { type: T }>> {
    const matches = (message: ServerMessage): message is Extract<ServerMessage, { type: T }> =>
      message.type === type && predicate(message as Extract<ServerMessage, { type: T }>);
    const index = this.received.findIndex(matches);
    if (index >= 0) return Promise.resolve(this.received.splice(index, 1)[0] as Extract<ServerMessage, { type: T }>);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${type} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        predicate: matches,
        resolve: (message) => {
          clearTimeout(timer);
          this.received.splice(this.received.indexOf(message), 1);
          resolve(message as Extract<ServerMessage, { type: T }>);
        },
      });
    });
  }

  has(type: ServerMessage['type']): boolean {
    return this.received.some((message) => message.type === type);
  }

  waitClosed(timeoutMs = 5000): Promise<number> {
    return Promise.race([
      this.closed,
      new Promise<number>((_, reject) => setTimeout(() => reject(new Error('socket did not close')), timeoutMs)),
    ]);
  }

  close(): void {
    this.socket.close();
  }

  terminate(): void {
    this.socket.terminate();
  }
}
