import type { AnyPage } from './engines';
import { inboundStats, maxFramesDecoded, type InboundSample } from './probes';

/**
 * Expectations on media from getStats() (via the probes of e2e/support/probes.ts), each polled
 * for up to 15 s: remote video decodes and keeps decoding, audio arrives, audio energy stalls
 * when the remote microphone is muted.
 */

const EXPECT_MS = 15_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function key(sample: InboundSample): string {
  return `${sample.pc}/${sample.mid ?? sample.trackIdentifier ?? '?'}`;
}

async function poll<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = EXPECT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms${last ? ` (last error: ${String(last)})` : ''}`);
    await sleep(250);
  }
}

/**
 * Waits until `page` decodes at least `streams` inbound video streams (over all its peer
 * connections), then checks that each of them keeps decoding (framesDecoded grows over ~1 s).
 * Returns the frames decoded per stream at the second sample.
 */
export async function expectVideoDecoding(page: AnyPage, streams: number, label = 'page', timeoutMs = EXPECT_MS): Promise<Map<string, number>> {
  const first = await poll(
    `${label}: ${streams} remote video stream(s) decoding`,
    async () => {
      const decoding = (await inboundStats(page)).filter((s) => s.kind === 'video' && s.framesDecoded > 0);
      return decoding.length >= streams ? new Map(decoding.map((s) => [key(s), s.framesDecoded])) : undefined;
    },
    timeoutMs,
  );
  return poll(
    `${label}: every decoding video stream keeps decoding`,
    async () => {
      const now = new Map((await inboundStats(page)).filter((s) => s.kind === 'video').map((s) => [key(s), s.framesDecoded]));
      const growing = [...first].filter(([id, frames]) => (now.get(id) ?? 0) > frames).length;
      return growing >= streams ? now : undefined;
    },
    timeoutMs,
  );
}

/** Waits until `page` receives audio (`packetsReceived` > 0 and growing) on at least `streams` streams. */
export async function expectAudioReceived(page: AnyPage, streams = 1, label = 'page'): Promise<void> {
  const first = await poll(`${label}: audio packets received`, async () => {
    const audio = (await inboundStats(page)).filter((s) => s.kind === 'audio' && s.packetsReceived > 0);
    return audio.length >= streams ? new Map(audio.map((s) => [key(s), s.packetsReceived])) : undefined;
  });
  await poll(`${label}: audio packets keep arriving`, async () => {
    const now = (await inboundStats(page)).filter((s) => s.kind === 'audio');
    return now.filter((s) => s.packetsReceived > (first.get(key(s)) ?? Infinity)).length >= streams ? true : undefined;
  });
}

/** Summed totalAudioEnergy of the page's inbound audio (grows only while audible audio plays out). */
async function audioEnergy(page: AnyPage): Promise<number> {
  return (await inboundStats(page)).filter((s) => s.kind === 'audio').reduce((sum, s) => sum + s.totalAudioEnergy, 0);
}

/** How much audio energy `page` received over `ms` milliseconds. */
async function audioEnergyOver(page: AnyPage, ms = 1_500): Promise<number> {
  const before = await audioEnergy(page);
  await sleep(ms);
  return (await audioEnergy(page)) - before;
}

/** Waits until the received audio energy over a 1.5 s window satisfies `predicate`. */
export async function expectAudioEnergy(page: AnyPage, predicate: (delta: number) => boolean, what: string): Promise<number> {
  return poll(what, async () => {
    const delta = await audioEnergyOver(page);
    return predicate(delta) ? delta : undefined;
  });
}

const SAMPLE_MS = 500;
/** The shortest span a sampling covers: an event that is over in 300 ms (a fast reconnect) would
 * otherwise leave a single sample, and a single sample cannot show frames rising. */
const MINIMUM_SPAN_MS = 2_000;

/** Samples the highest framesDecoded of `page` every 500 ms until stopped, over at least 2 s, with
 * a last sample at the stop: a call's media across an event (a server restart, a process lost)
 * shows as rising counts. */
export function sampleFrames(page: AnyPage): { stop(): Promise<number[]> } {
  const samples: number[] = [];
  const startedAt = Date.now();
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = Date.now();
      samples.push(await maxFramesDecoded(page));
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, SAMPLE_MS - (Date.now() - started))));
    }
  })();
  return {
    async stop() {
      const rest = startedAt + MINIMUM_SPAN_MS - Date.now();
      if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
      running = false;
      await loop;
      samples.push(await maxFramesDecoded(page));
      return samples;
    },
  };
}

/**
 * An init script that gives the page a camera picture as costly to send as a real one. Firefox's
 * fake camera shows a plain colour that VP8 sends in ≈ 100 kbit/s, so on a 300 kbit/s link
 * whether its video needs to step down at all depended on how fast the other side backed off (a
 * CI run in which the Chromium side paused at once left the Firefox picture fitting, and nothing
 * to adapt). Blocks of fresh grey values every frame cannot be predicted from the frame before, so
 * the encoder asks for far more than such a link carries, as a moving person in a lit room does.
 * The microphone and everything else stay the browser's own.
 */
export const LIVELY_CAMERA = `(() => {
  // about:blank and other insecure documents have no media devices.
  const devices = navigator.mediaDevices;
  if (!devices) return;
  const original = devices.getUserMedia.bind(devices);
  devices.getUserMedia = async (constraints) => {
    const stream = await original(constraints);
    const camera = stream.getVideoTracks()[0];
    if (!camera) return stream;
    const { width = 640, height = 480, deviceId } = camera.getSettings();
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    const block = 16;
    const draw = () => {
      for (let y = 0; y < height; y += block) {
        for (let x = 0; x < width; x += block) {
          const grey = Math.floor(Math.random() * 256);
          context.fillStyle = 'rgb(' + grey + ',' + grey + ',' + grey + ')';
          context.fillRect(x, y, block, block);
        }
      }
    };
    draw();
    const timer = setInterval(draw, 1000 / 30);
    const lively = canvas.captureStream(30).getVideoTracks()[0];
    // The app reads the device from the track's settings (device choice, camera facing).
    const settings = lively.getSettings.bind(lively);
    lively.getSettings = () => ({ ...settings(), deviceId });
    const stop = lively.stop.bind(lively);
    lively.stop = () => {
      clearInterval(timer);
      stop();
    };
    camera.stop();
    stream.removeTrack(camera);
    stream.addTrack(lively);
    return stream;
  };
})();`;
