import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * The bench's reference: serves bench/reference/index.html and relays every text message from one
 * page of a room to the other (roles `host` and `guest`) over a WebSocket on loopback. Nothing else:
 * no validation, no admission, no database — the floor the app's call set-up is measured against.
 */
export interface ReferenceServer {
  origin: string;
  close(): Promise<void>;
}

export async function startReferenceServer(): Promise<ReferenceServer> {
  const html = await readFile(new URL('./index.html', import.meta.url));
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/') {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(html);
  });
  const rooms = new Map<string, Map<string, WebSocket>>();
  const relay = new WebSocketServer({ server, path: '/relay', perMessageDeflate: false });
  relay.on('connection', (socket, request) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const room = url.searchParams.get('room') ?? 'r';
    const role = url.searchParams.get('role') === 'host' ? 'host' : 'guest';
    const members = rooms.get(room) ?? new Map<string, WebSocket>();
    rooms.set(room, members);
    members.set(role, socket);
    socket.on('message', (data, isBinary) => {
      const other = members.get(role === 'host' ? 'guest' : 'host');
      if (other && other.readyState === other.OPEN) other.send(data, { binary: isBinary });
    });
    socket.on('close', () => {
      if (members.get(role) === socket) members.delete(role);
      if (members.size === 0) rooms.delete(room);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    async close() {
      for (const client of relay.clients) client.terminate();
      await new Promise<void>((resolve) => relay.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
