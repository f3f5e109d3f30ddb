import type { BandwidthMode, CallMode, MediaState } from '../../common/signaling';
import type { CallSessionOptions } from './CallSessionOptions';
import { MediaInterruptions } from './interruptions';
import { LocalMedia } from './LocalMedia';
import type { Logger } from './logger';
import type { TrackSlot } from './PeerLink';

type LocalSideOptions = Pick<
  CallSessionOptions,
  'mediaDevices' | 'createMediaStream' | 'audioConstraints' | 'videoConstraints' | 'mode' | 'visibility' | 'hiddenPausesCamera'
> & {
  logger: Logger;
  /** Our media, its interruptions or the mode changed: the view, and perhaps what we announce. */
  onChange: () => void;
  /** A track of ours started, was replaced or stopped: the links send it. */
  onTrack: (slot: TrackSlot, track: MediaStreamTrack | null) => void;
};

/**
 * Our own side of the call: camera, microphone and screen ({@link LocalMedia}), what the system does to
 * them behind the page's back ({@link MediaInterruptions}), the call's mode with the guest's consent
 * before a camera opens (P-28), and the media state we announce to the others.
 */
export class LocalSide {
  readonly media: LocalMedia;
  readonly interruptions: MediaInterruptions;
  private currentMode: CallMode;
  private videoAsked = false;
  private lastAnnounced = '';

  constructor(options: LocalSideOptions) {
    this.media = new LocalMedia({
      mediaDevices: options.mediaDevices,
      createMediaStream: options.createMediaStream,
      audioConstraints: options.audioConstraints,
      videoConstraints: options.videoConstraints,
      logger: options.logger,
    });
    this.currentMode = options.mode ?? 'video';
    if (this.currentMode === 'audio') void this.media.setAudioOnly(true);
    this.media.on('change', options.onChange);
    this.interruptions = new MediaInterruptions({ visibility: options.visibility, hiddenPausesCamera: options.hiddenPausesCamera });
    this.interruptions.on('change', options.onChange);
    this.media.on('track', (slot, track) => {
      options.onTrack(slot, track);
      if (slot !== 'screen') this.interruptions.watch(slot === 'audio' ? 'microphone' : 'camera', track);
    });
  }

  /** P-28: `audio` while the call is audio-only. */
  get mode(): CallMode {
    return this.currentMode;
  }

  /** The host switched video on and our camera stays closed until we agree. */
  get videoRequested(): boolean {
    return this.videoAsked;
  }

  /**
   * The server's mode. Audio-only closes and holds the camera; video never opens a camera by itself:
   * someone other than the host, still audio-only, is asked first (declining keeps audio-only).
   */
  applyMode(mode: CallMode, host: boolean): void {
    this.currentMode = mode;
    if (mode === 'audio') {
      this.videoAsked = false;
      void this.media.setAudioOnly(true);
    } else if (this.media.snapshot.audioOnly && !host) {
      this.videoAsked = true;
    }
  }

  /** The host's own camera follows the mode it chose. */
  followOwnMode(mode: CallMode): Promise<void> {
    return mode === 'video' ? this.media.setCameraEnabled(true) : this.media.setAudioOnly(true);
  }

  /** The guest answered the host's request for video (accepting opens the camera separately). */
  answerVideoRequest(): void {
    this.videoAsked = false;
  }

  trackFor(slot: TrackSlot): MediaStreamTrack | null {
    const local = this.media.snapshot;
    return slot === 'audio' ? local.audioTrack : slot === 'camera' ? local.videoTrack : local.screenTrack;
  }

  /** The camera track while the camera is on, else null (nothing to adapt). */
  cameraTrackId(): string | null {
    const local = this.media.snapshot;
    return local.videoEnabled && local.videoTrack ? local.videoTrack.id : null;
  }

  /** Announce the next media state even if it is the same as the last (we were just admitted). */
  forgetAnnouncement(): void {
    this.lastAnnounced = '';
  }

  /** The media state the others should see, or null when it is what we announced last. */
  announcement(adaptation: { readonly mode: BandwidthMode; videoPausedTo(): string[] }): MediaState | null {
    const own = this.media.mediaState();
    const { cameraPaused, microphone } = this.interruptions.snapshot;
    const media = {
      ...own,
      // A microphone the system holds (a phone call) sends nothing: the others see it as off.
      audio: own.audio && microphone === null,
      bandwidth: adaptation.mode,
      videoPausedTo: adaptation.videoPausedTo(),
      ...(own.video && cameraPaused ? { cameraPaused } : {}),
    };
    const key = JSON.stringify(media);
    if (key === this.lastAnnounced) return null;
    this.lastAnnounced = key;
    return media;
  }

  /** The call is over: nothing watched, every track stopped. */
  stop(): void {
    this.interruptions.stop();
    this.media.stop();
  }
}
