import { parseCandidate, type GatheredCandidate, type NetworkObservation, type RelayOutcome } from './networkCheck';

/**
 * The network half of the connection test (issue 9 §5), in this browser alone: no signaling and no
 * other person. Two things run side by side:
 *
 * 1. Gathering with every STUN and TURN server the server gave: which candidate types this network
 *    yields (a server-reflexive one means STUN got through the NAT).
 * 2. A loopback through TURN: two peer connections in this page, both `iceTransportPolicy: 'relay'`,
 *    so every packet goes to the relay and back; a data channel carries a few messages and their
 *    echoes, which proves the relay works end to end and gives a round-trip time. The relay's
 *    peer is itself, which is all the test credentials may reach on a self-only test relay.
 *
 * Descriptions are exchanged after gathering completes (no trickle): simpler, and a description
 * without a relay candidate already tells that the relay is out of reach.
 */
export interface NetworkProbeOptions {
  iceServers: RTCIceServer[];
  RTCPeerConnection: typeof RTCPeerConnection;
  now?: () => number;
  /** Longest wait for gathering (a STUN or TURN server that never answers). */
  gatherTimeoutMs?: number;
  /** Longest wait for the relayed data channel to open, and then for each echo. */
  connectTimeoutMs?: number;
  messages?: number;
}

export type NetworkProbeResult = Omit<NetworkObservation, 'callsRelayOnly'>;

const urlsOf = (server: RTCIceServer): string[] => (Array.isArray(server.urls) ? server.urls : [server.urls]);
const isTurn = (url: string) => /^turns?:/i.test(url);
const isStun = (url: string) => /^stuns?:/i.test(url);

/** Resolves with `value` when `promise` has not settled in time. */
function within<T>(promise: Promise<T>, ms: number, value: T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => resolve(value), ms);
    promise.then(
      (result) => {
        clearTimeout(timer);
        resolve(result);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** Sets the local description and waits until gathering is complete; the description then holds every candidate. */
async function describeGathered(pc: RTCPeerConnection, description: RTCSessionDescriptionInit, timeoutMs: number): Promise<RTCSessionDescriptionInit> {
  const complete = new Promise<true>((resolve) => {
    const check = () => {
      if (pc.iceGatheringState === 'complete') resolve(true);
    };
    pc.addEventListener('icegatheringstatechange', check);
    pc.addEventListener('icecandidate', (event) => {
      if (!event.candidate) resolve(true);
    });
    check();
  });
  await pc.setLocalDescription(description);
  await within(complete, timeoutMs, false);
  return pc.localDescription ?? description;
}

function candidatesIn(sdp: string | undefined): GatheredCandidate[] {
  return (sdp ?? '')
    .split(/\r?\n/)
    .filter((line) => line.startsWith('a=candidate:'))
    .map(parseCandidate)
    .filter((candidate): candidate is GatheredCandidate => candidate !== null);
}

async function gather(options: Required<Omit<NetworkProbeOptions, 'messages' | 'connectTimeoutMs' | 'now'>>): Promise<GatheredCandidate[]> {
  const pc = new options.RTCPeerConnection({ iceServers: options.iceServers, iceTransportPolicy: 'all' });
  const seen: GatheredCandidate[] = [];
  pc.addEventListener('icecandidate', (event) => {
    const parsed = event.candidate?.candidate ? parseCandidate(event.candidate.candidate) : null;
    if (parsed) seen.push(parsed);
  });
  try {
    pc.createDataChannel('gather');
    await describeGathered(pc, await pc.createOffer(), options.gatherTimeoutMs);
    return seen;
  } finally {
    pc.close();
  }
}

function opened(channel: RTCDataChannel, timeoutMs: number): Promise<boolean> {
  if (channel.readyState === 'open') return Promise.resolve(true);
  return within(new Promise<boolean>((resolve) => channel.addEventListener('open', () => resolve(true), { once: true })), timeoutMs, false);
}

async function relayLoopback(options: Required<NetworkProbeOptions>, turnServers: RTCIceServer[]): Promise<RelayOutcome> {
  const configuration: RTCConfiguration = { iceServers: turnServers, iceTransportPolicy: 'relay' };
  const caller = new options.RTCPeerConnection(configuration);
  const callee = new options.RTCPeerConnection(configuration);
  try {
    const channel = caller.createDataChannel('connection-test', { ordered: true });
    callee.addEventListener('datachannel', ({ channel: echo }) => {
      echo.addEventListener('message', (event: MessageEvent) => echo.send(event.data as string));
    });
    const offer = await describeGathered(caller, await caller.createOffer(), options.gatherTimeoutMs);
    if (!candidatesIn(offer.sdp).some((candidate) => candidate.type === 'relay')) return { ok: false, reason: 'no-relay-candidate' };
    await callee.setRemoteDescription(offer);
    const answer = await describeGathered(callee, await callee.createAnswer(), options.gatherTimeoutMs);
    if (!candidatesIn(answer.sdp).some((candidate) => candidate.type === 'relay')) return { ok: false, reason: 'no-relay-candidate' };
    await caller.setRemoteDescription(answer);
    if (!(await opened(channel, options.connectTimeoutMs))) return { ok: false, reason: 'no-connection' };

    const roundTrips: number[] = [];
    for (let index = 0; index < options.messages; index++) {
      const text = `connection-test ${index}`;
      const echoed = new Promise<boolean>((resolve) => {
        const onMessage = (event: MessageEvent) => {
          if (event.data !== text) return;
          channel.removeEventListener('message', onMessage);
          resolve(true);
        };
        channel.addEventListener('message', onMessage);
      });
      const sentAt = options.now();
      channel.send(text);
      if (!(await within(echoed, options.connectTimeoutMs, false))) return { ok: false, reason: 'no-echo' };
      roundTrips.push(options.now() - sentAt);
    }
    const sorted = [...roundTrips].sort((a, b) => a - b);
    return { ok: true, roundTripMs: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0), messages: roundTrips.length };
  } finally {
    caller.close();
    callee.close();
  }
}

export async function probeNetwork(options: NetworkProbeOptions): Promise<NetworkProbeResult> {
  const full: Required<NetworkProbeOptions> = {
    now: () => performance.now(),
    gatherTimeoutMs: 5000,
    connectTimeoutMs: 8000,
    messages: 5,
    ...options,
  };
  const turnServers = full.iceServers.filter((server) => urlsOf(server).some(isTurn));
  const [candidates, relay] = await Promise.all([
    // Also without servers: a host address reachable from the internet is a direct path too.
    gather(full),
    turnServers.length > 0 ? relayLoopback(full, turnServers) : Promise.resolve(null),
  ]);
  return {
    candidates,
    stunConfigured: full.iceServers.some((server) => urlsOf(server).some(isStun)),
    turnConfigured: turnServers.length > 0,
    relay,
  };
}
