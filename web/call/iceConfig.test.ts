import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallSession } from './CallSession';
import { CallIceConfiguration, fetchIceConfiguration, resolveIceConfiguration } from './iceConfig';
import { silentLogger } from './logger';
import { createFakeMediaStream } from './testing/fakeMedia';
import { FakeNetwork } from './testing/fakeRtc';
import { FakeSignalingServer } from './testing/fakeSignaling';
import { run } from './testing/harness';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ICE configuration', () => {
  it('forces relay-only when asked, whatever the server said', async () => {
    const config = await resolveIceConfiguration({ iceServers: [{ urls: 'turn:x' }], iceTransportPolicy: 'all' }, { relayOnly: true, logger: silentLogger });
    expect(config.iceTransportPolicy).toBe('relay');
  });

  it('retries a failing loader with back-off', async () => {
    let calls = 0;
    const loader = async () => {
      calls += 1;
      if (calls < 3) throw new TypeError('network');
      return { iceServers: [] };
    };
    const promise = resolveIceConfiguration(loader, { logger: silentLogger });
    await vi.advanceTimersByTimeAsync(1600);
    await expect(promise).resolves.toEqual({ iceServers: [] });
    expect(calls).toBe(3);
  });

  it('fetches the server format with cookies and refuses errors', async () => {
    const fetchImpl = vi.fn(async (_url: string | URL | Request, init?: RequestInit) => {
      expect(init?.credentials).toBe('same-origin');
      return new Response(JSON.stringify({ iceServers: [{ urls: ['turn:127.0.0.1:3478'], username: '1:p', credential: 'c' }], iceTransportPolicy: 'relay' }));
    });
    const load = fetchIceConfiguration('/api/consultations/c1/ice', fetchImpl as typeof fetch);
    expect(await load()).toEqual({
      iceServers: [{ urls: ['turn:127.0.0.1:3478'], username: '1:p', credential: 'c' }],
      iceTransportPolicy: 'relay',
    });
    const failing = fetchIceConfiguration('/x', (async () => new Response('no', { status: 403 })) as typeof fetch);
    await expect(failing()).rejects.toThrow('HTTP 403');
  });

  it('a call whose ICE configuration cannot be loaded fails instead of connecting without the relay', async () => {
    const server = new FakeSignalingServer();
    server.register({ id: 'host', displayName: 'Host', role: 'host' });
    server.register({ id: 'guest', displayName: 'Gast', role: 'guest', status: 'admitted' });
    const network = new FakeNetwork();
    const common = { signalingUrl: 'ws://x', RTCPeerConnection: network.RTCPeerConnection, createMediaStream: () => createFakeMediaStream() };
    const host = new CallSession({ ...common, WebSocket: server.socketFor('host') });
    const guest = new CallSession({
      ...common,
      WebSocket: server.socketFor('guest'),
      relayOnly: true,
      iceConfiguration: async () => {
        throw new TypeError('offline');
      },
    });
    host.join();
    guest.join();
    await run(5000);
    expect(guest.getSnapshot()).toMatchObject({ state: 'failed', error: 'ice_configuration_failed' });
    expect(network.all()).toHaveLength(1); // the host's link; the guest opened no peer connection at all
  });
});

describe('CallIceConfiguration', () => {
  it('loads once, even when asked again while loading, and applies the relay policy to a renewal', async () => {
    const loader = vi.fn(async () => ({ iceServers: [{ urls: 'turn:x' }] }));
    const ice = new CallIceConfiguration({ source: loader, relayOnly: true, logger: silentLogger });
    expect(ice.current).toBeNull();
    const first = ice.load(() => false);
    await expect(ice.load(() => false)).resolves.toBe(false);
    await expect(first).resolves.toBe(true);
    await expect(ice.load(() => false)).resolves.toBe(false);
    expect(loader).toHaveBeenCalledTimes(1);
    expect(ice.current).toEqual({ iceServers: [{ urls: 'turn:x' }], iceTransportPolicy: 'relay' });
    expect(ice.replace({ iceServers: [] })).toEqual({ iceServers: [], iceTransportPolicy: 'relay' });
    expect(ice.current).toEqual({ iceServers: [], iceTransportPolicy: 'relay' });
  });

  it('rejects when loading failed and may be asked again', async () => {
    const ice = new CallIceConfiguration({ source: async () => Promise.reject(new TypeError('offline')), logger: silentLogger });
    const failing = expect(ice.load(() => false)).rejects.toThrow('offline');
    await vi.advanceTimersByTimeAsync(2000);
    await failing;
    expect(ice.current).toBeNull();
    const again = expect(ice.load(() => false)).rejects.toThrow('offline');
    await vi.advanceTimersByTimeAsync(2000);
    await again;
  });
});
