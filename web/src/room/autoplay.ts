/**
 * Safari's rules for playing the call's videos, by feature detection (no user-agent checks):
 *
 * - Every video plays inline (`playsinline`): without it iOS Safari opens a video full screen.
 * - Sound may start only after the person has tapped the page. A page that has not been tapped yet
 *   (`navigator.userActivation.hasBeenActive` false, or no such API) plays the others' videos muted
 *   — muted autoplay is always allowed — and unmutes them on the first tap. The guest's join flow
 *   is all taps, so usually the call starts audible.
 * - Should `play()` with sound still be refused (`NotAllowedError`), the video goes on muted and the
 *   gate turns `blocked`: the page shows a "tap to hear" button, whose tap unmutes again.
 *
 * One gate per call view; it holds the audible (remote) videos only. Muted ones (self view, screen
 * share) play through {@link playMuted}.
 */

export interface GateVideo {
  muted: boolean;
  playsInline: boolean;
  autoplay: boolean;
  setAttribute(name: string, value: string): void;
  play(): Promise<void>;
}

export interface ActivationSource {
  /** navigator.userActivation (Chrome 72, Firefox 120, Safari 16.4); missing in older browsers. */
  readonly userActivation?: { readonly hasBeenActive: boolean };
}

type TapTarget = Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;

/** `muted-until-tap`: sound waits for the first tap; `audible`: sound on; `blocked`: the browser refused sound. */
export type AutoplayState = 'muted-until-tap' | 'audible' | 'blocked';

/** Events that count as a user gesture for media in every engine (iOS: not touchstart or pointerdown). */
export const TAP_EVENTS = ['click', 'touchend', 'pointerup', 'keydown'] as const;

/** What every video element needs to play inline and by itself on iOS. */
export function prepareVideo(video: GateVideo): void {
  video.playsInline = true;
  video.setAttribute('playsinline', '');
  video.autoplay = true;
}

function refused(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'NotAllowedError';
}

/**
 * A newer stream replaced this one while it was starting: the browser aborted the old `play()`
 * (AbortError) and the new one runs. Nothing is lost, so nothing to show.
 */
function superseded(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

/** Plays a muted video (always allowed); resolves false if the browser still would not. */
export async function playMuted(video: GateVideo): Promise<boolean> {
  prepareVideo(video);
  video.muted = true;
  try {
    await video.play();
    return true;
  } catch (error) {
    if (superseded(error)) return true;
    return false;
  }
}

export class AutoplayGate {
  private current: AutoplayState;
  private readonly audible = new Set<GateVideo>();
  private readonly listeners = new Set<() => void>();
  private listening = false;

  constructor(
    navigator: ActivationSource,
    private readonly taps: TapTarget,
  ) {
    this.current = navigator.userActivation?.hasBeenActive ? 'audible' : 'muted-until-tap';
    if (this.current === 'muted-until-tap') this.listen();
  }

  get state(): AutoplayState {
    return this.current;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): AutoplayState => this.current;

  /** A video whose sound is to be heard (another participant). Returns what detaches it. */
  attach(video: GateVideo): () => void {
    prepareVideo(video);
    this.audible.add(video);
    void this.start(video);
    return () => {
      this.audible.delete(video);
    };
  }

  /** From a tap (the first one anywhere, or the "tap to hear" button): sound on for every video. */
  async unlock(): Promise<void> {
    this.set('audible');
    this.stopListening();
    await Promise.all([...this.audible].map((video) => this.start(video)));
  }

  /** Plays every video again as it is (iOS pauses media elements during a phone call). */
  async resume(): Promise<void> {
    await Promise.all([...this.audible].map((video) => this.start(video)));
  }

  stop(): void {
    this.stopListening();
    this.audible.clear();
    this.listeners.clear();
  }

  private async start(video: GateVideo): Promise<void> {
    if (this.current !== 'audible') {
      if (!(await playMuted(video))) this.set('blocked');
      return;
    }
    video.muted = false;
    try {
      await video.play();
    } catch (error) {
      if (superseded(error)) return;
      // Sound refused (NotAllowedError) or playing failed: keep the picture, muted, and ask for a tap.
      this.set('blocked');
      if (refused(error)) this.listen();
      await playMuted(video);
    }
  }

  private readonly onTap = (): void => void this.unlock();

  private listen(): void {
    if (this.listening) return;
    this.listening = true;
    for (const type of TAP_EVENTS) this.taps.addEventListener(type, this.onTap, { capture: true });
  }

  private stopListening(): void {
    if (!this.listening) return;
    this.listening = false;
    for (const type of TAP_EVENTS) this.taps.removeEventListener(type, this.onTap, { capture: true });
  }

  private set(state: AutoplayState): void {
    if (this.current === state) return;
    this.current = state;
    for (const listener of [...this.listeners]) listener();
  }
}
