import { levelFromRms, rms, smoothLevel, toneEnvelope } from './levels';
import { canChooseSpeaker } from './speakerChoice';

/**
 * Web Audio for the call UI: the microphone level meter, the speaker test tone and the waiting-room
 * chime. Every sound is generated here (no audio files, nothing fetched).
 */

type AudioContextConstructor = typeof AudioContext;

function audioContextClass(): AudioContextConstructor | null {
  const scope = window as unknown as { AudioContext?: AudioContextConstructor; webkitAudioContext?: AudioContextConstructor };
  return scope.AudioContext ?? scope.webkitAudioContext ?? null;
}

let shared: AudioContext | null = null;

/** One context for the whole page (browsers limit their number); resumed on use. */
function audioContext(): AudioContext | null {
  if (shared && shared.state !== 'closed') return shared;
  const Context = audioContextClass();
  if (!Context) return null;
  try {
    shared = new Context();
  } catch {
    return null;
  }
  return shared;
}

/**
 * A notification sound is a nicety: it may fail without the page noticing. Before the first user
 * gesture browsers refuse audio (NotAllowedError), which is expected and silent; anything else is
 * worth a warning for whoever debugs a silent ring.
 */
export function playNotification(sound: Promise<void>, what: string): void {
  sound.catch((error: unknown) => {
    if (error instanceof DOMException && error.name === 'NotAllowedError') return;
    // eslint-disable-next-line no-console -- no app logger in the browser; the console is where a silent ring is debugged
    console.warn(`${what} not played`, error instanceof DOMException ? error.name : error);
  });
}

/** Call from a click handler: browsers start audio only after a user gesture. */
export function unlockAudio(): void {
  const context = audioContext();
  if (context?.state === 'suspended') playNotification(context.resume(), 'audio unlock');
}

/**
 * Follows the level of the audio track of `stream` and calls `onLevel` (0–1) on every animation
 * frame. Returns a function that stops it. The track itself is not changed (muting it shows 0).
 */
export function watchLevel(track: MediaStreamTrack, onLevel: (level: number) => void): () => void {
  const context = audioContext();
  if (!context) return () => undefined;
  unlockAudio();
  const source = context.createMediaStreamSource(new MediaStream([track]));
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  source.connect(analyser);
  const samples = new Uint8Array(analyser.fftSize);
  let displayed = 0;
  let last = performance.now();
  let frame = 0;
  const tick = (now: number) => {
    analyser.getByteTimeDomainData(samples);
    const level = track.enabled && track.readyState === 'live' ? levelFromRms(rms(samples)) : 0;
    displayed = smoothLevel(displayed, level, now - last);
    last = now;
    onLevel(displayed);
    frame = requestAnimationFrame(tick);
  };
  frame = requestAnimationFrame(tick);
  return () => {
    cancelAnimationFrame(frame);
    source.disconnect();
    analyser.disconnect();
  };
}

type SinkElement = HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };

/**
 * Plays notes (frequency in Hz, duration in s) one after another. With `sinkId` (and support for
 * it) through an <audio> element on that loudspeaker, otherwise on the default output.
 * Resolves when the sound has finished.
 */
async function playNotes(notes: Array<[number, number]>, options: { sinkId?: string | null; peak?: number } = {}): Promise<void> {
  const context = audioContext();
  if (!context) throw new Error('Web Audio is not available');
  if (context.state === 'suspended') await context.resume();
  const output = context.createGain();
  let element: SinkElement | null = null;
  if (options.sinkId && canChooseSpeaker()) {
    const destination = context.createMediaStreamDestination();
    output.connect(destination);
    element = new Audio() as SinkElement;
    element.srcObject = destination.stream;
    await element.setSinkId?.(options.sinkId);
    await element.play();
  } else {
    output.connect(context.destination);
  }
  let start = context.currentTime + 0.05;
  const oscillators: OscillatorNode[] = [];
  for (const [frequency, duration] of notes) {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0, start);
    for (const [at, value] of toneEnvelope(duration, options.peak ?? 0.2)) gain.gain.linearRampToValueAtTime(value, start + at);
    oscillator.connect(gain).connect(output);
    oscillator.start(start);
    oscillator.stop(start + duration + 0.01);
    oscillators.push(oscillator);
    start += duration;
  }
  const total = (start - context.currentTime) * 1000;
  await new Promise((resolve) => setTimeout(resolve, total + 100));
  for (const oscillator of oscillators) oscillator.disconnect();
  output.disconnect();
  if (element) {
    element.pause();
    element.srcObject = null;
  }
}

/** The speaker test: a short rising three-note melody (about 1.5 s). */
export function playTestTone(sinkId?: string | null): Promise<void> {
  return playNotes(
    [
      [523.25, 0.45],
      [659.25, 0.45],
      [783.99, 0.6],
    ],
    { sinkId },
  );
}

/** One ring of an incoming colleague call: two short bursts, repeated by the caller of this. */
export function playRing(): Promise<void> {
  return playNotes(
    [
      [740, 0.25],
      [587, 0.25],
      [740, 0.25],
      [587, 0.25],
    ],
    { peak: 0.12 },
  );
}

/** The host's notice that someone entered the waiting room: a soft two-tone chime. */
export function playChime(sinkId?: string | null): Promise<void> {
  return playNotes(
    [
      [880, 0.18],
      [660, 0.32],
    ],
    { sinkId, peak: 0.15 },
  );
}
