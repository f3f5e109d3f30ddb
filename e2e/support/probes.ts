import type { BrowserContext } from 'playwright-core';
import { ui, type AnyPage } from './engines';

/**
 * Test-owned probes installed in every page of a context before any page script runs:
 *
 * - every RTCPeerConnection the page creates is remembered, so a test can read `getStats()` even
 *   when the page's own test hook (`window.__sprechzimmerCall`) is missing or changes;
 * - `getUserMedia` video is asked at 320×240 (the fake camera gives 640×480 or the page's 1280×720
 *   otherwise), which keeps a 5-person mesh inside two cores; the device id a page chose stays;
 * - helpers that summarise the statistics as plain JSON (RTCStatsReport cannot cross evaluate()).
 *
 * A string, not a function: this project's Node tsconfig has no DOM types.
 */
export const probeScript = `(() => {
  if (window.__szProbe) return;
  const peerConnections = [];
  const Native = window.RTCPeerConnection;
  if (Native) {
    const Tracked = function RTCPeerConnection(...args) {
      const pc = new Native(...args);
      peerConnections.push(pc);
      return pc;
    };
    Tracked.prototype = Native.prototype;
    Object.setPrototypeOf(Tracked, Native);
    window.RTCPeerConnection = Tracked;
  }
  const devices = window.MediaDevices && window.MediaDevices.prototype;
  if (devices && devices.getUserMedia && !window.__szKeepCapture) {
    const original = devices.getUserMedia;
    devices.getUserMedia = function (constraints) {
      if (constraints && constraints.video) {
        const video = constraints.video === true ? {} : { ...constraints.video };
        video.width = { ideal: 320 };
        video.height = { ideal: 240 };
        video.frameRate = { ideal: 15 };
        constraints = { ...constraints, video };
      }
      return original.call(this, constraints);
    };
  }
  async function statsOf(pc) {
    const report = await pc.getStats();
    const all = new Map();
    for (const stat of report.values()) all.set(stat.id, stat);
    return all;
  }
  function live() {
    return peerConnections.filter((pc) => pc.connectionState !== 'closed');
  }
  window.__szProbe = {
    count: () => live().length,
    states: () => live().map((pc) => ({ connection: pc.connectionState, ice: pc.iceConnectionState, signaling: pc.signalingState })),
    /** Inbound RTP of every live peer connection (index = order of creation among live ones). */
    async inbound() {
      const out = [];
      const pcs = live();
      for (let index = 0; index < pcs.length; index++) {
        const stats = await statsOf(pcs[index]);
        for (const s of stats.values()) {
          if (s.type !== 'inbound-rtp') continue;
          out.push({
            pc: index,
            kind: s.kind,
            mid: s.mid ?? null,
            trackIdentifier: s.trackIdentifier ?? null,
            framesDecoded: s.framesDecoded ?? 0,
            frameWidth: s.frameWidth ?? null,
            packetsReceived: s.packetsReceived ?? 0,
            bytesReceived: s.bytesReceived ?? 0,
            totalAudioEnergy: s.totalAudioEnergy ?? 0,
            audioLevel: s.audioLevel ?? null,
          });
        }
      }
      return out;
    },
    /** Local and remote candidate types of each live connection's selected pair. */
    async selectedPairs() {
      const out = [];
      for (const pc of live()) {
        const stats = await statsOf(pc);
        let pairId = null;
        for (const s of stats.values()) if (s.type === 'transport' && s.selectedCandidatePairId) pairId = s.selectedCandidatePairId;
        // Reports without transport stats (older Firefox) flag the pair in use instead.
        if (!pairId) for (const s of stats.values()) if (s.type === 'candidate-pair' && s.selected === true) pairId = s.id;
        const pair = pairId ? stats.get(pairId) : undefined;
        const local = pair ? stats.get(pair.localCandidateId) : undefined;
        const remote = pair ? stats.get(pair.remoteCandidateId) : undefined;
        out.push({
          state: pair ? pair.state : null,
          local: local ? local.candidateType : null,
          remote: remote ? remote.candidateType : null,
          localProtocol: local ? local.protocol : null,
          relayProtocol: local ? local.relayProtocol ?? null : null,
        });
      }
      return out;
    },
    /** The highest framesDecoded of any inbound video, or 0. */
    async maxFramesDecoded() {
      let max = 0;
      for (const s of await window.__szProbe.inbound()) if (s.kind === 'video' && s.framesDecoded > max) max = s.framesDecoded;
      return max;
    },
  };
})();`;

export interface InboundSample {
  pc: number;
  kind: 'audio' | 'video';
  mid: string | null;
  trackIdentifier: string | null;
  framesDecoded: number;
  frameWidth: number | null;
  packetsReceived: number;
  bytesReceived: number;
  totalAudioEnergy: number;
  audioLevel: number | null;
}

export interface SelectedPair {
  state: string | null;
  local: string | null;
  remote: string | null;
  localProtocol: string | null;
  relayProtocol: string | null;
}

interface ProbeWindow {
  __szProbe: {
    count(): number;
    states(): { connection: string; ice: string; signaling: string }[];
    inbound(): Promise<InboundSample[]>;
    selectedPairs(): Promise<SelectedPair[]>;
    maxFramesDecoded(): Promise<number>;
  };
}
export async function installProbes(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: probeScript });
}

export function inboundStats(page: AnyPage): Promise<InboundSample[]> {
  return ui(page).evaluate(() => (globalThis as unknown as ProbeWindow).__szProbe.inbound());
}

export function selectedPairs(page: AnyPage): Promise<SelectedPair[]> {
  return ui(page).evaluate(() => (globalThis as unknown as ProbeWindow).__szProbe.selectedPairs());
}

export function maxFramesDecoded(page: AnyPage): Promise<number> {
  return ui(page).evaluate(() => (globalThis as unknown as ProbeWindow).__szProbe.maxFramesDecoded());
}

/** Number of peer connections in which at least `min` inbound video streams have decoded frames. */
export function connectionsDecodingVideo(samples: InboundSample[], min = 1): number {
  const perPc = new Map<number, number>();
  for (const s of samples) if (s.kind === 'video' && s.framesDecoded > 0) perPc.set(s.pc, (perPc.get(s.pc) ?? 0) + 1);
  return [...perPc.values()].filter((count) => count >= min).length;
}
