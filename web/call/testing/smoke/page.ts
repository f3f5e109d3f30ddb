/**
 * Real-browser smoke check of the engine without the app server: two to three CallSessions in one
 * Chromium page, real RTCPeerConnection and fake camera/microphone, signaling through the in-memory
 * FakeSignalingServer. Bundled and driven by run.mjs; see there.
 */
import { CallSession } from '../../CallSession';
import { consoleLogger } from '../../logger';
import { FakeSignalingServer } from '../fakeSignaling';

type Result = Record<string, unknown>;
declare global {
  interface Window {
    runSmoke?: () => Promise<Result>;
  }
}

const server = new FakeSignalingServer();
server.register({ id: 'host', displayName: 'Dr. Weiß', role: 'host' });
server.register({ id: 'guest', displayName: 'Jürgen Groß', role: 'guest' });
server.register({ id: 'colleague', displayName: 'Dr. Kollegin', role: 'member', status: 'admitted' });

const make = (id: string) =>
  new CallSession({
    signalingUrl: 'ws://in-page',
    WebSocket: server.socketFor(id),
    RTCPeerConnection,
    mediaDevices: navigator.mediaDevices,
    createMediaStream: () => new MediaStream(),
    networkEvents: window,
    logger: consoleLogger('call', 'warn'),
    videoConstraints: { width: 320, height: 240 },
  });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(condition: () => boolean, ms = 15_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > ms) throw new Error(`timed out: ${condition.toString()}`);
    await sleep(50);
  }
}

async function framesDecoded(session: CallSession): Promise<number> {
  let frames = 0;
  for (const participant of session.getSnapshot().participants) {
    (await session.rtcStats(participant.id))?.forEach((entry: { type?: string; kind?: string; framesDecoded?: number }) => {
      if (entry.type === 'inbound-rtp' && entry.kind === 'video') frames += entry.framesDecoded ?? 0;
    });
  }
  return frames;
}

const connectedLinks = (session: CallSession) => session.getSnapshot().participants.filter((p) => p.link === 'connected').length;

async function sha256(data: ArrayBuffer | Uint8Array<ArrayBuffer>): Promise<string> {
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  return [...hash].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

window.runSmoke = async () => {
  const out: Result = {};
  const host = make('host');
  const guest = make('guest');
  await Promise.all([host.startMedia(), guest.startMedia()]);
  host.join();
  guest.join();
  await until(() => guest.getSnapshot().state === 'waiting');
  const admittedAt = performance.now();
  host.admit('guest');
  await until(() => connectedLinks(host) === 1 && connectedLinks(guest) === 1);
  out.admitToConnectedMs = Math.round(performance.now() - admittedAt);
  await sleep(1500);
  out.framesDecoded = [await framesDecoded(host), await framesDecoded(guest)];

  guest.setMicrophoneEnabled(false);
  await until(() => host.getSnapshot().participants[0]?.media.audio === false);

  host.sendChat('Guten Tag, Herr Groß');
  await until(() => guest.getSnapshot().chat.length === 1);

  const data = new Uint8Array(5 * 1024 * 1024);
  for (let offset = 0; offset < data.length; offset += 65_536) crypto.getRandomValues(data.subarray(offset, offset + 65_536));
  let started = performance.now();
  await guest.sendFile(new Blob([data]), 'Befund.bin');
  await until(() => host.getSnapshot().transfers[0]?.state === 'done', 30_000);
  out.file5MBms = Math.round(performance.now() - started);
  const received = await (host.getSnapshot().transfers[0]?.blob as Blob).arrayBuffer();
  out.fileIdentical = (await sha256(received)) === (await sha256(data));
  started = performance.now();
  await guest.sendFile(new Blob([new Uint8Array(20 * 1024 * 1024)]), 'warm.bin');
  await until(() => host.getSnapshot().transfers[1]?.state === 'done', 60_000);
  out.warmFile20MBms = Math.round(performance.now() - started);

  out.screenError = await guest.startScreenShare();
  await until(() => Boolean(host.getSnapshot().participants[0]?.screenStream));
  const seen = host.getSnapshot().participants[0];
  out.screenIsSecondStream = seen?.screenStream?.id !== seen?.cameraStream?.id;

  await guest.setCameraEnabled(false);
  await guest.setCameraEnabled(true);
  host.restartIce();
  await sleep(2000);
  out.afterIceRestart = [host.getSnapshot().state, guest.getSnapshot().state];

  server.restart();
  await sleep(1500);
  const framesBefore = await framesDecoded(host);
  server.up();
  await until(() => host.getSnapshot().signaling === 'open' && guest.getSnapshot().signaling === 'open');
  out.framesFlowedDuringSignalingRestart = (await framesDecoded(host)) > framesBefore;
  out.afterSignalingRestart = [host.getSnapshot().state, guest.getSnapshot().state];

  const colleague = make('colleague');
  await colleague.startMedia();
  colleague.join();
  await until(() => connectedLinks(colleague) === 2 && connectedLinks(guest) === 2);

  // The guest "reloads": its peer connections die without a goodbye; a new session takes its place.
  for (const participant of guest.getSnapshot().participants) guest.peerConnection(participant.id)?.close();
  const reloaded = make('guest');
  await reloaded.startMedia();
  started = performance.now();
  reloaded.join();
  await until(() => connectedLinks(reloaded) === 2 && connectedLinks(host) === 2 && connectedLinks(colleague) === 2, 20_000);
  out.reloadToConnectedMs = Math.round(performance.now() - started);

  out.stats = host.getSnapshot().participants[0]?.stats;
  const pdf = await reloaded.exportChatPdf({ title: 'Smoke' }).arrayBuffer();
  out.pdf = new TextDecoder().decode(pdf.slice(0, 8));
  host.end();
  await until(() => reloaded.getSnapshot().state === 'ended' && colleague.getSnapshot().state === 'ended');
  out.endReasons = [host, guest, reloaded, colleague].map((s) => s.getSnapshot().endReason);
  const frames = out.framesDecoded as number[];
  const connected = (pair: unknown) => JSON.stringify(pair) === '["connected","connected"]';
  out.ok =
    frames.every((count) => count > 0) &&
    out.fileIdentical === true &&
    out.screenError === null &&
    out.screenIsSecondStream === true &&
    connected(out.afterIceRestart) &&
    connected(out.afterSignalingRestart) &&
    out.framesFlowedDuringSignalingRestart === true &&
    out.pdf === '%PDF-1.4';
  return out;
};
