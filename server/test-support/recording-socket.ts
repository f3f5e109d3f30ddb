import WebSocket, { type ClientOptions } from 'ws';

/**
 * A WebSocket client for tests of our sockets (signaling, presence): records every message the
 * server sends, parsed by the protocol's own parser, and waits for the ones asked for.
 */
export class RecordingSocket<M extends { type: string }> {
  readonly received: M[] = [];
  closeCode: number | undefined;
  protected readonly socket: WebSocket;
  private waiters: { predicate: (message: M) => boolean; resolve: (message: M) => void }[] = [];
  readonly closed: Promise<number>;

  constructor(url: string, headers: Record<string, string>, parse: (raw: string) => M, options: Pick<ClientOptions, 'createConnection'> = {}) {
    this.socket = new WebSocket(url, { headers, perMessageDeflate: false, ...options });
    this.socket.on('message', (data) => {
      const message = parse(String(data));
      this.received.push(message);
      this.waiters = this.waiters.filter((waiter) => {
        if (!waiter.predicate(message)) return true;
        waiter.resolve(message);
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

  sendRaw(data: string | Buffer): void {
    this.socket.send(data);
  }

  /** The first message of this type not yet taken (received earlier or arriving within the timeout). */
  next<T extends M['type']>(
    type: T,
    predicate: (message: Extract<M, { type: T }>) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<Extract<M, { type: T }>> {
    const matches = (message: M): message is Extract<M, { type: T }> => message.type === type && predicate(message as Extract<M, { type: T }>);
    const index = this.received.findIndex(matches);
    if (index >= 0) return Promise.resolve(this.received.splice(index, 1)[0] as Extract<M, { type: T }>);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${type} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        predicate: matches,
        resolve: (message) => {
          clearTimeout(timer);
          this.received.splice(this.received.indexOf(message), 1);
          resolve(message as Extract<M, { type: T }>);
        },
      });
    });
  }

  has(type: M['type']): boolean {
    return this.received.some((message) => message.type === type);
  }

  waitClosed(timeoutMs = 5000): Promise<number> {
    return Promise.race([this.closed, new Promise<number>((_, reject) => setTimeout(() => reject(new Error('socket did not close')), timeoutMs))]);
  }

  close(): void {
    this.socket.close();
  }

  terminate(): void {
    this.socket.terminate();
  }
}
