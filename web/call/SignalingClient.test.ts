import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLOSE_CODES, type ServerMessage } from '../../common/signaling';
import { SignalingClient, backoffDelay, signalingUrl, type SignalingState } from './SignalingClient';
import { FakeSignalingServer, type FakeWebSocket } from './testing/fakeSignaling';
import { recordingLogger, run } from './testing/harness';

function setup(options: { random?: () => number; id?: string } = {}) {
  const server = new FakeSignalingServer();
  server.register({ id: 'host', displayName: 'Dr. Weiß', role: 'host' });
  server.register({ id: 'guest', displayName: 'Erika Muster', role: 'guest' });
  const logger = recordingLogger();
  const client = new SignalingClient({
    url: 'ws://test/api/signaling',
    WebSocket: server.socketFor(options.id ?? 'host'),
    logger,
    random: options.random ?? (() => 0.5),
  });
  const states: SignalingState[] = [];
  const messages: ServerMessage[] = [];
  client.on('state', (state) => states.push(state));
  client.on('message', (message) => messages.push(message));
  return { server, client, states, messages, logger };
}

const hellos = (server: FakeSignalingServer, from = 'host') =>
  server.received.filter((r) => r.from === from && r.message.type === 'hello').map((r) => r.message);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('SignalingClient', () => {
  it('derives the URL from the page location', () => {
    expect(signalingUrl({ protocol: 'https:', host: 'praxis.example:8443' })).toBe('wss://praxis.example:8443/api/signaling');
    expect(signalingUrl({ protocol: 'http:', host: 'localhost:3000' })).toBe('ws://localhost:3000/api/signaling');
  });

  it('connects, says hello and becomes open on welcome', async () => {
    const { client, server, states } = setup();
    const welcomes: string[] = [];
    client.on('welcome', (welcome) => welcomes.push(welcome.participantId));
    expect(client.state).toBe('idle');
    client.connect();
    await run(10);
    expect(states).toEqual(['connecting', 'open']);
    expect(welcomes).toEqual(['host']);
    expect(hellos(server)).toEqual([{ type: 'hello', protocol: 1 }]);
    expect(client.participantId).toBe('host');
    expect(client.resumeToken).toMatch(/^resume-token-host/);
  });

  it('reconnects after a drop with the resume token and keeps its place (no ghost participant)', async () => {
    const { client, server, states } = setup();
    client.connect();
    await run(10);
    server.drop('host');
    await run(10);
    expect(client.state).toBe('reconnecting');
    await run(1000);
    expect(states).toEqual(['connecting', 'open', 'reconnecting', 'open']);
    const [first, second] = hellos(server);
    expect(first).not.toHaveProperty('resumeToken');
    expect(second).toMatchObject({ resumeToken: client.resumeToken });
    expect(server.entries.size).toBe(2);
    expect(server.status('host')).toMatchObject({ online: true, status: 'admitted' });
  });

  it('sends messages queued while reconnecting after the resumed welcome, in order', async () => {
    const { client, server } = setup();
    client.connect();
    expect(client.send({ type: 'media-state', media: { audio: true, video: false, screen: false } })).toBe('queued');
    await run(10);
    server.drop('host');
    await run(1);
    expect(client.send({ type: 'media-state', media: { audio: false, video: false, screen: false } })).toBe('queued');
    expect(client.send({ type: 'ping' })).toBe('dropped');
    await run(2000);
    const sent = server.received.filter((r) => r.message.type !== 'ping').map((r) => r.message.type);
    expect(sent).toEqual(['hello', 'media-state', 'hello', 'media-state']);
    expect(server.status('host')?.media.audio).toBe(false);
  });

  it('drops the queue when the server did not resume it (its peers see a new participant)', async () => {
    const { client, server, logger } = setup();
    client.connect();
    await run(10);
    server.restart();
    server.forgetSessions();
    await run(1);
    client.send({ type: 'signal', to: 'guest', payload: { kind: 'candidate', candidate: null } });
    server.up();
    await run(2000);
    expect(client.state).toBe('open');
    expect(server.received.some((r) => r.message.type === 'signal')).toBe(false);
    expect(logger.lines.some((l) => l.message.includes('dropped queued'))).toBe(true);
  });

  it('backs off exponentially with jitter, capped at 10 s, while the server is down', async () => {
    const { client, server } = setup({ random: () => 1 });
    client.connect();
    await run(10);
    server.restart();
    const start = Date.now();
    const before = server.sockets.length;
    await run(60_000);
    const attemptsAt = server.sockets.slice(before).map((socket) => socket.createdAt - start);
    // (each failed attempt adds a few ms of fake socket hops)
    const gaps = attemptsAt.map((at, index) => Math.round((at - (attemptsAt[index - 1] ?? 0)) / 100) * 100);
    expect(gaps.slice(0, 7)).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
    server.up();
    await run(11_000);
    expect(client.state).toBe('open');
    expect(client.attempts).toBe(0);
  });

  it('computes equal-jitter delays between half and the full step', () => {
    const options = { initialMs: 500, maxMs: 10_000, factor: 2 };
    expect(backoffDelay(0, options, () => 0)).toBe(250);
    expect(backoffDelay(3, options, () => 0.5)).toBe(3000);
    expect(backoffDelay(20, options, () => 0.999)).toBeLessThanOrEqual(10_000);
  });

  it('pings, and reconnects when the server stops answering', async () => {
    const { client, server } = setup();
    client.connect();
    await run(10);
    await run(10_000);
    expect(server.received.some((r) => r.message.type === 'ping')).toBe(true);
    server.blackhole = true;
    await run(30_000);
    const heartbeatClosed = server.sockets.filter((s: FakeWebSocket) => s.readyState === 3).length;
    expect(heartbeatClosed).toBeGreaterThanOrEqual(1);
    expect(client.state).toBe('reconnecting');
    server.blackhole = false;
    await run(11_000);
    expect(client.state).toBe('open');
  });

  it('stops for good when the consultation ends', async () => {
    const { client, server } = setup();
    const closed: unknown[] = [];
    client.on('closed', (info) => closed.push(info));
    client.connect();
    await run(10);
    client.send({ type: 'end' });
    await run(10);
    expect(client.state).toBe('closed');
    expect(closed).toEqual([{ code: CLOSE_CODES.normal, reason: 'ended', cause: 'ended', local: false }]);
    const sockets = server.sockets.length;
    await run(30_000);
    expect(server.sockets.length).toBe(sockets);
  });

  it('does not reconnect after a terminal close code', async () => {
    const server = new FakeSignalingServer();
    const client = new SignalingClient({ url: 'ws://x', WebSocket: server.socketFor('stranger') });
    client.connect();
    await run(10);
    expect(client.state).toBe('closed');
    expect(client.closeInfo?.code).toBe(CLOSE_CODES.unauthenticated);
    await run(20_000);
    expect(server.sockets.length).toBe(1);
  });

  it('reconnects at once on reconnectNow() (the browser came back online)', async () => {
    const { client, server } = setup();
    client.connect();
    await run(10);
    server.restart();
    await run(2000); // a few attempts fail
    server.up();
    client.reconnectNow();
    await run(10);
    expect(client.state).toBe('open');
  });

  it('ignores invalid server messages', async () => {
    const { client, server, messages, logger } = setup();
    client.connect();
    await run(10);
    const socket = server.sockets[0] as FakeWebSocket;
    socket.onmessage?.({ data: '{"type":"welcome"}' } as MessageEvent);
    socket.onmessage?.({ data: 'not json' } as MessageEvent);
    expect(messages.map((m) => m.type)).toEqual(['welcome']);
    expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(2);
  });

  it('says leave on close({ leave: true })', async () => {
    const { client, server } = setup();
    client.connect();
    await run(10);
    client.close({ leave: true });
    await run(10);
    expect(server.received.at(-1)?.message).toEqual({ type: 'leave' });
    expect(server.entries.has('host')).toBe(false);
    expect(client.state).toBe('closed');
  });
});
