import WebSocket from 'ws';
import { parsePresenceServerMessage, PRESENCE_PATH, type PresenceServerMessage } from '../../common/presence';
import type { ApiClient } from './app';

type Of<T extends PresenceServerMessage['type']> = Extract<PresenceServerMessage, { type: T }>;

/** A presence socket for tests: records what the server says and waits for what is asked for. */
export class PresenceSocket {
  readonly received: PresenceServerMessage[] = [];
  closeCode: number | undefined;
  private readonly socket: WebSocket;
  private waiters: { predicate: (message: PresenceServerMessage) => boolean; resolve: (message: PresenceServerMessage) => void }[] = [];
  readonly closed: Promise<number>;

  constructor(url: string, headers: Record<string, string>) {
    this.socket = new WebSocket(url, { headers, perMessageDeflate: false });
    this.socket.on('message', (data) => {
      const message = parsePresenceServerMessage(String(data));
      if (!message) throw new Error('server sent an invalid presence message');
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

  sendRaw(data: string): void {
    this.socket.send(data);
  }

  /** The first message of this type not yet taken (received earlier or arriving within the timeout). */
  next<T extends PresenceServerMessage['type']>(type: T, predicate: (message: Of<T>) => boolean = () => true, timeoutMs = 5000): Promise<Of<T>> {
    const matches = (message: PresenceServerMessage): message is Of<T> => message.type === type && predicate(message as Of<T>);
    const index = this.received.findIndex(matches);
    if (index >= 0) return Promise.resolve(this.received.splice(index, 1)[0] as Of<T>);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${type} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        predicate: matches,
        resolve: (message) => {
          clearTimeout(timer);
          this.received.splice(this.received.indexOf(message), 1);
          resolve(message as Of<T>);
        },
      });
    });
  }

  close(): void {
    this.socket.close();
  }
}

/** Opens the presence socket of a logged-in client; rejects with the status of a refused upgrade. */
export async function connectPresence(port: number, client: ApiClient, origin = 'http://localhost:3000'): Promise<PresenceSocket> {
  const socket = new PresenceSocket(`ws://127.0.0.1:${port}${PRESENCE_PATH}`, { cookie: client.cookieHeader(), origin });
  await socket.opened();
  // The first message is always the colleague list; once it is here the server counts us as online.
  socket.received.unshift(await socket.next('colleagues'));
  return socket;
}
