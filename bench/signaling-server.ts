import { mkdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { writeHeapSnapshot } from 'node:v8';
import type { AddressInfo } from 'node:net';
import { PeerServer } from 'peer';
import { WebSocketServer, type WebSocket } from 'ws';
import { MemoryMailer, startTestApp } from '../server/test-support/app';
import { hostWithConsultation, readyGuest } from '../server/test-support/consultations';

/**
 * The server side of `bench/signaling.ts`, in its own process so that its CPU time and heap are its
 * own: `app` is Sprechzimmer (test app on PGlite, listening on loopback), `bare` the reference, a
 * bare `ws` relay (parse, look up the peer, serialise, send), and `peer` the PeerJS server (the npm
 * package `peer`, a signaling server of the kind people deploy; its own protocol: OPEN on connect,
 * CANDIDATE frames with `dst`). The parent drives it over IPC.
 */

export interface SocketTicket {
  /** Path and query of the socket's URL. */
  path: string;
  /** The PeerJS server's: the id it knows the socket by (a frame names its receiver by it). */
  peerId?: string;
  headers: Record<string, string>;
}

export interface RoomTickets {
  host: SocketTicket;
  guest: SocketTicket;
}

export type ServerRequest = { kind: 'cpu' } | { kind: 'heap'; snapshotAs?: string } | { kind: 'profile'; stopAs?: string };
export type ServerAnswer =
  { kind: 'ready'; port: number; rooms: RoomTickets[] } | { kind: 'cpu'; micros: number } | { kind: 'heap'; bytes: number } | { kind: 'profile' };

const ORIGIN = 'http://localhost:3000';
const variant = process.argv[2] as 'app' | 'bare' | 'peer';
const roomCount = Number(process.argv[3]);

async function startApp(): Promise<{ port: number; rooms: RoomTickets[] }> {
  const mailer = new MemoryMailer();
  const testApp = await startTestApp({ mailer, env: { LOG_LEVEL: 'silent', MAX_SOCKETS_PER_CLIENT: '10000' } });
  await testApp.app.http.listen({ host: '127.0.0.1', port: 0 });
  const rooms: RoomTickets[] = [];
  for (let index = 0; index < roomCount; index += 1) {
    const { host, consultation, guests, tokenFor } = await hostWithConsultation(testApp, mailer, ['Bench Guest']);
    const guest = await readyGuest(testApp, tokenFor(guests[0]!.email), 'Bench Guest', `127.5.${Math.floor(index / 250)}.${(index % 250) + 1}`);
    rooms.push({
      host: { path: `/api/signaling?consultation=${consultation.id}`, headers: { cookie: host.client.cookieHeader(), origin: ORIGIN } },
      guest: { path: '/api/signaling', headers: { cookie: guest.client.cookieHeader(), origin: ORIGIN } },
    });
  }
  return { port: (testApp.app.http.server.address() as AddressInfo).port, rooms };
}

/** The reference relay: the same JSON frames, no authentication, no rules. */
async function startBare(): Promise<{ port: number; rooms: RoomTickets[] }> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 64 * 1024, perMessageDeflate: false });
  await new Promise((resolve) => server.once('listening', resolve));
  const sockets = new Map<string, WebSocket>();
  server.on('connection', (socket, request) => {
    const id = new URL(request.url ?? '/', 'http://localhost').searchParams.get('id') ?? '';
    sockets.set(id, socket);
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type: string; to?: string; payload?: unknown };
      if (message.type === 'hello') return socket.send(JSON.stringify({ type: 'welcome', participantId: id }));
      if (message.type === 'signal') sockets.get(message.to ?? '')?.send(JSON.stringify({ type: 'signal', from: id, payload: message.payload }));
    });
    socket.on('close', () => {
      if (sockets.get(id) === socket) sockets.delete(id);
    });
  });
  const rooms = Array.from({ length: roomCount }, (_, index) => ({
    host: { path: `/?id=h${index}`, headers: {} },
    guest: { path: `/?id=g${index}`, headers: {} },
  }));
  return { port: (server.address() as AddressInfo).port, rooms };
}

/** The PeerJS server on loopback; no heartbeats are sent by the bench's idle sockets, so none time out. */
async function startPeer(): Promise<{ port: number; rooms: RoomTickets[] }> {
  const port = await new Promise<number>((resolve) => {
    PeerServer({ host: '127.0.0.1', port: 0, path: '/', alive_timeout: 3_600_000, concurrent_limit: 100_000 }, (server) =>
      resolve((server.address() as AddressInfo).port),
    );
  });
  const ticket = (id: string): SocketTicket => ({ path: `/peerjs?key=peerjs&id=${id}&token=bench`, headers: {}, peerId: id });
  const rooms = Array.from({ length: roomCount }, (_, index) => ({ host: ticket(`h${index}`), guest: ticket(`g${index}`) }));
  return { port, rooms };
}

const gc = (globalThis as { gc?: () => void }).gc;
const send = (answer: ServerAnswer) => process.send?.(answer);

const started = variant === 'app' ? await startApp() : variant === 'peer' ? await startPeer() : await startBare();
const profiler = new Session();
profiler.connect();
/** A CPU profile of one phase alone (not of the set-up): started, then stopped into a file. */
async function profile(stopAs: string | undefined): Promise<void> {
  if (stopAs === undefined) {
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
    return;
  }
  const { profile: taken } = await profiler.post('Profiler.stop');
  // A fresh checkout has no such directory; without it the write failed and the parent waited forever.
  await mkdir('bench-profiles', { recursive: true });
  await writeFile(`bench-profiles/${variant}-${stopAs}.cpuprofile`, JSON.stringify(taken));
}

process.on('message', (request: ServerRequest) => {
  if (request.kind === 'profile') return void profile(request.stopAs).then(() => send({ kind: 'profile' }));
  if (request.kind === 'cpu') {
    const usage = process.cpuUsage();
    return send({ kind: 'cpu', micros: usage.user + usage.system });
  }
  // Twice: weak references and finalizers freed by the first collection go in the second.
  gc?.();
  gc?.();
  const bytes = process.memoryUsage().heapUsed;
  if (request.snapshotAs !== undefined) {
    mkdirSync('bench-profiles', { recursive: true });
    writeHeapSnapshot(`bench-profiles/${variant}-${request.snapshotAs}.heapsnapshot`);
  }
  send({ kind: 'heap', bytes });
});
process.on('disconnect', () => process.exit(0));
send({ kind: 'ready', ...started });
