import { afterEach, beforeEach, vi } from 'vitest';
import type { SignalPayload } from '../../../common/signaling';
import { CallSession, type CallSessionOptions } from '../CallSession';
import type { Logger } from '../logger';
import { PeerLink, type PeerLinkOptions } from '../PeerLink';
import { FakeMediaDevices, createFakeMediaStream } from './fakeMedia';
import { FakeNetwork, type FakePeerConnection } from './fakeRtc';
import { FakeSignalingServer } from './fakeSignaling';

/** Every test of the calling file runs on fake timers (call at the file's top level). */
export function fakeTimersInEachTest(): void {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

/** Lets fake timers (and the microtasks between them) run. */
export async function run(ms = 0): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
  for (let index = 0; index < 20; index++) await vi.advanceTimersByTimeAsync(1);
}

/** Collects log lines, to assert what is (not) logged. */
export function recordingLogger(): Logger & { lines: { level: string; message: string; fields?: unknown }[] } {
  const lines: { level: string; message: string; fields?: unknown }[] = [];
  const make = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    lines.push({ level, message, fields });
  };
  return { lines, debug: make('debug'), info: make('info'), warn: make('warn'), error: make('error') };
}

/** A signaling wire between two links: delivers in order after a tick, or holds messages when asked. */
export class Wire {
  held: { to: PeerLink; payload: SignalPayload }[] = [];
  hold = false;
  readonly sent: { from: string; payload: SignalPayload }[] = [];

  deliver(from: string, to: () => PeerLink, payload: SignalPayload): void {
    this.sent.push({ from, payload });
    if (this.hold) {
      this.held.push({ to: to(), payload });
      return;
    }
    setTimeout(() => void to().handleSignal(payload), 0);
  }

  /** Releases held messages, optionally reordered. */
  release(order: (items: Wire['held']) => Wire['held'] = (items) => items): void {
    const items = order(this.held);
    this.held = [];
    this.hold = false;
    for (const item of items) void item.to.handleSignal(item.payload);
  }
}

export function linkPair(
  network: FakeNetwork,
  options: { logger?: Logger; extra?: Partial<PeerLinkOptions>; ids?: [string, string] } = {},
): { a: PeerLink; b: PeerLink; wire: Wire; pcA: FakePeerConnection; pcB: FakePeerConnection } {
  const wire = new Wire();
  const [idA, idB] = options.ids ?? ['alice', 'bob'];
  const links: { a?: PeerLink; b?: PeerLink } = {};
  const common = {
    configuration: {},
    RTCPeerConnection: network.RTCPeerConnection,
    logger: options.logger,
    ...options.extra,
  };
  links.a = new PeerLink({
    ...common,
    localId: idA,
    remoteId: idB,
    sendSignal: (payload) => wire.deliver(idA, () => links.b as PeerLink, payload),
  });
  links.b = new PeerLink({
    ...common,
    localId: idB,
    remoteId: idA,
    sendSignal: (payload) => wire.deliver(idB, () => links.a as PeerLink, payload),
  });
  return {
    a: links.a,
    b: links.b,
    wire,
    pcA: links.a.connection as unknown as FakePeerConnection,
    pcB: links.b.connection as unknown as FakePeerConnection,
  };
}

/**
 * A stand-in for SHA-256 that needs no thread pool (crypto.subtle does not resolve under fake timers).
 * Only for wiring tests; the data channel tests use the real digest.
 */
async function checksumDigest(data: ArrayBuffer): Promise<ArrayBuffer> {
  const bytes = new Uint8Array(data);
  const out = new Uint32Array(8);
  for (let index = 0; index < bytes.length; index++) {
    const lane = index % 8;
    out[lane] = (Math.imul(out[lane] ?? 0, 31) + (bytes[index] ?? 0) + index) >>> 0;
  }
  return out.buffer;
}

/**
 * A signaling server and a network, and sessions on them: each with fake devices of its own (kept in
 * `devices` by id), all writing to one `logger`. `defaults` apply to every session, `options` to one.
 */
export function callWorld(defaults: Partial<CallSessionOptions> = {}) {
  const server = new FakeSignalingServer();
  const network = new FakeNetwork();
  const logger = recordingLogger();
  const devices = new Map<string, FakeMediaDevices>();
  const session = (id: string, options: Partial<CallSessionOptions> = {}) => {
    const mediaDevices = new FakeMediaDevices();
    devices.set(id, mediaDevices);
    return new CallSession({
      signalingUrl: 'ws://test/api/signaling',
      WebSocket: server.socketFor(id),
      RTCPeerConnection: network.RTCPeerConnection,
      mediaDevices: mediaDevices.asMediaDevices(),
      createMediaStream: () => createFakeMediaStream(),
      iceConfiguration: { iceServers: [] },
      logger,
      digest: checksumDigest,
      ...defaults,
      ...options,
    });
  };
  return { server, network, logger, devices, session };
}

/** Host and a guest it admitted, connected, both with camera and microphone (on fake timers). */
export async function hostWithAdmittedGuest(
  world: ReturnType<typeof callWorld>,
  options: { host?: Partial<CallSessionOptions>; guest?: Partial<CallSessionOptions> } = {},
) {
  world.server.register({ id: 'host', displayName: 'Dr. Weiß', role: 'host' });
  world.server.register({ id: 'guest', displayName: 'Jürgen Groß', role: 'guest' });
  const host = world.session('host', options.host);
  const guest = world.session('guest', options.guest);
  await Promise.all([host.startMedia(), guest.startMedia()]);
  host.join();
  guest.join();
  await run(50);
  host.admit('guest');
  await run(200);
  return { host, guest };
}
