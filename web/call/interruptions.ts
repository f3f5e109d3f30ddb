import type { CameraPause } from '../../common/signaling';
import { Emitter } from './emitter';

/**
 * What the operating system does to a phone's camera and microphone behind the page's back, found
 * from events rather than from the user agent:
 *
 * - **Camera paused.** iOS stops the camera while Safari is in the background (the page turns
 *   `hidden`, the camera track fires `mute`), as Android does; the other side would see the last
 *   frame frozen. Desktop browsers keep capturing in a hidden tab, so `hidden` alone counts only on
 *   touch-first devices (`hiddenPausesCamera`, from `(hover: none) and (pointer: coarse)`). A camera
 *   muted while the page is visible (another app took it) is `interrupted`.
 * - **Microphone interrupted.** A phone call takes the audio session: the microphone track fires
 *   `mute` (and `unmute` when it is given back), or `ended` if the system gave it up for good.
 *
 * The session announces a paused camera in its media state (`cameraPaused`), so the others show
 * "camera paused" instead of a frozen picture, and shows its own person a notice.
 */

export type { CameraPause };

/** document, as far as this needs it. */
export interface PageVisibility {
  readonly visibilityState: DocumentVisibilityState;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

type WatchedTrack = Pick<MediaStreamTrack, 'muted' | 'readyState' | 'addEventListener' | 'removeEventListener'>;

export interface InterruptionsSnapshot {
  readonly cameraPaused: CameraPause | null;
  /** `muted`: the system holds the microphone (it comes back by itself); `ended`: it gave it up. */
  readonly microphone: 'muted' | 'ended' | null;
}

/** Why the camera sends no picture although it is on, or null. */
export function cameraPauseReason(input: { hidden: boolean; cameraMuted: boolean; hiddenPausesCamera: boolean }): CameraPause | null {
  if (input.cameraMuted) return input.hidden ? 'background' : 'interrupted';
  return input.hidden && input.hiddenPausesCamera ? 'background' : null;
}

export class MediaInterruptions extends Emitter<{ change: [] }> {
  private camera: WatchedTrack | null = null;
  private microphone: WatchedTrack | null = null;
  private microphoneEnded = false;
  private state: InterruptionsSnapshot = { cameraPaused: null, microphone: null };

  constructor(
    private readonly options: {
      visibility?: PageVisibility | undefined;
      /** Touch-first devices stop the camera in the background (see above). */
      hiddenPausesCamera?: boolean | undefined;
    } = {},
  ) {
    super();
    options.visibility?.addEventListener('visibilitychange', this.recompute);
  }

  get snapshot(): InterruptionsSnapshot {
    return this.state;
  }

  /** The running camera or microphone track changed (null: none). */
  watch(kind: 'camera' | 'microphone', track: WatchedTrack | null): void {
    const previous = kind === 'camera' ? this.camera : this.microphone;
    if (previous === track) return;
    if (previous) for (const type of ['mute', 'unmute', 'ended'] as const) previous.removeEventListener(type, this.onTrackEvent);
    if (track) for (const type of ['mute', 'unmute', 'ended'] as const) track.addEventListener(type, this.onTrackEvent);
    if (kind === 'camera') this.camera = track;
    else {
      this.microphone = track;
      // A new microphone (taken again by the person or the engine) ends an interruption.
      if (track) this.microphoneEnded = false;
    }
    this.recompute();
  }

  stop(): void {
    this.options.visibility?.removeEventListener('visibilitychange', this.recompute);
    this.watch('camera', null);
    this.watch('microphone', null);
    this.removeAllListeners();
  }

  private readonly onTrackEvent = (event: Event): void => {
    if (event.type === 'ended' && event.target === this.microphone) this.microphoneEnded = true;
    this.recompute();
  };

  private readonly recompute = (): void => {
    const hidden = this.options.visibility?.visibilityState === 'hidden';
    const cameraLive = this.camera !== null && this.camera.readyState === 'live';
    const cameraPaused = cameraLive
      ? cameraPauseReason({ hidden, cameraMuted: this.camera?.muted === true, hiddenPausesCamera: this.options.hiddenPausesCamera === true })
      : null;
    const microphone = this.microphoneEnded ? 'ended' : this.microphone?.readyState === 'live' && this.microphone.muted ? 'muted' : null;
    if (cameraPaused === this.state.cameraPaused && microphone === this.state.microphone) return;
    this.state = { cameraPaused, microphone };
    this.emit('change');
  };
}
