import type { MediaState } from '../../common/signaling';
import { Emitter } from './emitter';
import { errorName, silentLogger, type Logger } from './logger';
import type { TrackSlot } from './PeerLink';

/**
 * Why camera/microphone/screen could not be used, per DOMException name (browsers differ in the
 * older names, mapped too). The UI explains each kind per browser.
 * permission-denied: NotAllowedError (user or browser policy said no).
 * no-device: NotFoundError (nothing of that kind connected).
 * device-busy: NotReadableError (another application holds it, or a hardware/driver error).
 * overconstrained: OverconstrainedError (the selected device is gone or cannot do the constraints).
 * blocked: SecurityError (no HTTPS, or a permissions policy forbids it).
 * unsupported: no navigator.mediaDevices (old browser, insecure context) or no getDisplayMedia.
 * aborted: AbortError (e.g. the screen picker was closed in some browsers).
 */
export type MediaErrorKind =
  | 'permission-denied'
  | 'no-device'
  | 'device-busy'
  | 'overconstrained'
  | 'blocked'
  | 'unsupported'
  | 'aborted'
  | 'unknown';

export function classifyMediaError(error: unknown): MediaErrorKind {
  switch (errorName(error)) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
      return 'permission-denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
      return 'no-device';
    case 'NotReadableError':
    case 'TrackStartError':
      return 'device-busy';
    case 'OverconstrainedError':
    case 'ConstraintNotSatisfiedError':
      return 'overconstrained';
    case 'SecurityError':
      return 'blocked';
    case 'AbortError':
      return 'aborted';
    case 'TypeError':
      return 'unsupported';
    default:
      return 'unknown';
  }
}

export interface DeviceInfo {
  deviceId: string;
  kind: MediaDeviceKind;
  /** Empty until the user granted a permission (browsers hide labels before). */
  label: string;
}

export interface LocalMediaSnapshot {
  readonly audioTrack: MediaStreamTrack | null;
  readonly videoTrack: MediaStreamTrack | null;
  readonly screenTrack: MediaStreamTrack | null;
  /** Camera + microphone (preview; its id is announced so peers can tell it from the screen). */
  readonly cameraStream: MediaStream | null;
  readonly screenStream: MediaStream | null;
  /** Microphone sending (not muted). */
  readonly audioEnabled: boolean;
  /** Camera on. */
  readonly videoEnabled: boolean;
  readonly screenSharing: boolean;
  readonly audioError: MediaErrorKind | null;
  readonly videoError: MediaErrorKind | null;
  readonly screenError: MediaErrorKind | null;
  readonly devices: readonly DeviceInfo[];
  readonly selected: { audioinput: string | null; videoinput: string | null; audiooutput: string | null };
  readonly acquiring: boolean;
}

export interface LocalMediaOptions {
  /** navigator.mediaDevices; without it every request fails with `unsupported`. */
  mediaDevices?: MediaDevices;
  createMediaStream?: () => MediaStream;
  audioConstraints?: MediaTrackConstraints;
  videoConstraints?: MediaTrackConstraints;
  logger?: Logger;
}

export const DEFAULT_AUDIO: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };
export const DEFAULT_VIDEO: MediaTrackConstraints = {
  width: { ideal: 1280 },
  height: { ideal: 720 },
  frameRate: { ideal: 30, max: 30 },
};

type Kind = 'audio' | 'video';

export type LocalMediaEvents = { change: []; track: [TrackSlot, MediaStreamTrack | null] };

/** Camera, microphone and screen of this participant; device switching and mute. */
export class LocalMedia extends Emitter<LocalMediaEvents> {
  private readonly options: LocalMediaOptions;
  private readonly logger: Logger;
  private state: LocalMediaSnapshot = {
    audioTrack: null,
    videoTrack: null,
    screenTrack: null,
    cameraStream: null,
    screenStream: null,
    audioEnabled: true,
    videoEnabled: true,
    screenSharing: false,
    audioError: null,
    videoError: null,
    screenError: null,
    devices: [],
    selected: { audioinput: null, videoinput: null, audiooutput: null },
    acquiring: false,
  };
  private chain: Promise<unknown> = Promise.resolve();
  private watchingDevices = false;
  private stopped = false;

  constructor(options: LocalMediaOptions) {
    super();
    this.options = options;
    this.logger = options.logger ?? silentLogger;
  }

  get snapshot(): LocalMediaSnapshot {
    return this.state;
  }

  /** What peers are told (sent as `media-state`). */
  mediaState(): MediaState {
    const s = this.state;
    return {
      audio: Boolean(s.audioTrack) && s.audioEnabled,
      video: Boolean(s.videoTrack) && s.videoEnabled,
      screen: Boolean(s.screenTrack),
      cameraStreamId: s.cameraStream?.id ?? null,
      screenStreamId: s.screenStream?.id ?? null,
    };
  }

  /** Stable stream for a slot (created on first use; its id is what the remote side sees). */
  streamFor(slot: TrackSlot): MediaStream {
    if (slot === 'screen') {
      if (!this.state.screenStream) this.update({ screenStream: this.createStream() });
      return this.state.screenStream as MediaStream;
    }
    if (!this.state.cameraStream) this.update({ cameraStream: this.createStream() });
    return this.state.cameraStream as MediaStream;
  }

  /** Asks for camera and/or microphone (again, after a refusal). Errors are kept per kind; resolves either way. */
  start(kinds: { audio?: boolean; video?: boolean } = { audio: true, video: true }): Promise<void> {
    return this.serial(async () => {
      // Kinds already running are kept (the device check started them; join() may ask again).
      const wanted: Kind[] = (['audio', 'video'] as const).filter(
        (kind) => kinds[kind] !== false && !this.state[kind === 'audio' ? 'audioTrack' : 'videoTrack'],
      );
      if (wanted.length === 0) return;
      this.update({ acquiring: true });
      try {
        await this.acquire(wanted);
      } finally {
        this.update({ acquiring: false });
      }
      await this.refreshDevices();
      this.watchDevices();
    });
  }

  /** Mute/unmute: the track keeps running (instant, no permission prompt), it just sends silence. */
  setMicrophoneEnabled(enabled: boolean): void {
    if (this.state.audioTrack) this.state.audioTrack.enabled = enabled;
    this.update({ audioEnabled: enabled });
  }

  /** Camera off stops the track (the camera light goes out); on acquires it again. */
  setCameraEnabled(enabled: boolean): Promise<void> {
    return this.serial(async () => {
      if (!enabled) {
        this.replace('video', null);
        this.update({ videoEnabled: false });
        return;
      }
      this.update({ videoEnabled: true });
      if (!this.state.videoTrack) await this.acquire(['video']);
    });
  }

  /** Switches input or output device; input switches keep mute state. Returns the error, if any. */
  selectDevice(kind: MediaDeviceKind, deviceId: string): Promise<MediaErrorKind | null> {
    return this.serial(async () => {
      if (kind === 'audiooutput') {
        this.update({ selected: { ...this.state.selected, audiooutput: deviceId } });
        return null;
      }
      const media: Kind = kind === 'audioinput' ? 'audio' : 'video';
      this.update({ selected: { ...this.state.selected, [kind]: deviceId } });
      if (media === 'video' && !this.state.videoEnabled) return null; // used when the camera goes on
      return (await this.acquire([media]))[media] ?? null;
    });
  }

  startScreenShare(): Promise<MediaErrorKind | null> {
    return this.serial(async () => {
      const devices = this.options.mediaDevices;
      if (!devices || typeof devices.getDisplayMedia !== 'function') {
        this.update({ screenError: 'unsupported' });
        return 'unsupported';
      }
      try {
        const stream = await devices.getDisplayMedia({ video: { frameRate: { ideal: 15, max: 30 } }, audio: false });
        const track = stream.getVideoTracks()[0];
        if (!track) throw new DOMException('no video track', 'NotFoundError');
        if ('contentHint' in track) track.contentHint = 'detail';
        track.addEventListener('ended', () => {
          if (this.state.screenTrack === track) void this.stopScreenShare();
        });
        const previous = this.state.screenTrack;
        this.streamFor('screen');
        this.swapInStream(this.state.screenStream, previous, track);
        previous?.stop();
        this.update({ screenTrack: track, screenSharing: true, screenError: null });
        this.emit('track', 'screen', track);
        return null;
      } catch (error) {
        const kind = classifyMediaError(error);
        this.logger.debug('media: screen share refused', { error: errorName(error) });
        this.update({ screenError: kind });
        return kind;
      }
    });
  }

  stopScreenShare(): Promise<void> {
    return this.serial(async () => {
      const track = this.state.screenTrack;
      if (!track) return;
      this.swapInStream(this.state.screenStream, track, null);
      track.stop();
      this.update({ screenTrack: null, screenSharing: false });
      this.emit('track', 'screen', null);
    });
  }

  async refreshDevices(): Promise<void> {
    const devices = this.options.mediaDevices;
    if (!devices?.enumerateDevices) return;
    try {
      const list = await devices.enumerateDevices();
      this.update({ devices: list.map(({ deviceId, kind, label }) => ({ deviceId, kind, label })) });
    } catch (error) {
      this.logger.debug('media: enumerateDevices failed', { error: errorName(error) });
    }
  }

  /** Stops every track (leaving the call). */
  stop(): void {
    this.stopped = true;
    for (const track of [this.state.audioTrack, this.state.videoTrack, this.state.screenTrack]) track?.stop();
    this.options.mediaDevices?.removeEventListener?.('devicechange', this.onDeviceChange);
    this.update({ audioTrack: null, videoTrack: null, screenTrack: null, screenSharing: false });
    this.removeAllListeners();
  }

  private async acquire(kinds: Kind[]): Promise<Partial<Record<Kind, MediaErrorKind>>> {
    const devices = this.options.mediaDevices;
    const errors: Partial<Record<Kind, MediaErrorKind>> = {};
    if (!devices?.getUserMedia) {
      for (const kind of kinds) errors[kind] = 'unsupported';
      this.update({ audioError: errors.audio ?? this.state.audioError, videoError: errors.video ?? this.state.videoError });
      return errors;
    }
    const constraints = (kind: Kind): MediaTrackConstraints => {
      const base = kind === 'audio' ? (this.options.audioConstraints ?? DEFAULT_AUDIO) : (this.options.videoConstraints ?? DEFAULT_VIDEO);
      const id = this.state.selected[kind === 'audio' ? 'audioinput' : 'videoinput'];
      return id ? { ...base, deviceId: { exact: id } } : base;
    };
    const request = async (wanted: Kind[]): Promise<void> => {
      const stream = await devices.getUserMedia({
        audio: wanted.includes('audio') ? constraints('audio') : false,
        video: wanted.includes('video') ? constraints('video') : false,
      });
      for (const track of stream.getTracks()) this.adopt(track.kind as Kind, track);
    };
    try {
      await request(kinds);
    } catch (error) {
      const kind = classifyMediaError(error);
      this.logger.debug('media: getUserMedia failed', { kinds, error: errorName(error) });
      if (kinds.length > 1 && kind !== 'permission-denied' && kind !== 'blocked' && kind !== 'unsupported') {
        // One missing or busy device must not cost the other: ask for each separately.
        for (const single of kinds) {
          try {
            await request([single]);
          } catch (inner) {
            errors[single] = classifyMediaError(inner);
          }
        }
      } else {
        for (const single of kinds) errors[single] = kind;
      }
    }
    this.update({
      audioError: kinds.includes('audio') ? (errors.audio ?? null) : this.state.audioError,
      videoError: kinds.includes('video') ? (errors.video ?? null) : this.state.videoError,
    });
    return errors;
  }

  private adopt(kind: Kind, track: MediaStreamTrack): void {
    if (this.stopped) {
      track.stop();
      return;
    }
    if (kind === 'audio') track.enabled = this.state.audioEnabled;
    const selectedKey = kind === 'audio' ? 'audioinput' : 'videoinput';
    const deviceId = track.getSettings?.().deviceId ?? this.state.selected[selectedKey];
    this.update({ selected: { ...this.state.selected, [selectedKey]: deviceId ?? null } });
    track.addEventListener('ended', () => this.onTrackEnded(kind, track));
    this.replace(kind, track);
  }

  private replace(kind: Kind, track: MediaStreamTrack | null): void {
    const key = kind === 'audio' ? 'audioTrack' : 'videoTrack';
    const previous = this.state[key];
    if (previous === track) return;
    this.streamFor('camera');
    this.swapInStream(this.state.cameraStream, previous, track);
    previous?.stop();
    this.update({ [key]: track });
    this.emit('track', kind === 'audio' ? 'audio' : 'camera', track);
  }

  /** A device was unplugged (or revoked): fall back to the default device of that kind. */
  private onTrackEnded(kind: Kind, track: MediaStreamTrack): void {
    const key = kind === 'audio' ? 'audioTrack' : 'videoTrack';
    if (this.state[key] !== track || this.stopped) return;
    this.logger.debug('media: device track ended', { kind });
    void this.serial(async () => {
      if (this.state[key] !== track) return;
      this.replace(kind, null);
      this.update({ selected: { ...this.state.selected, [kind === 'audio' ? 'audioinput' : 'videoinput']: null } });
      await this.acquire([kind]);
      await this.refreshDevices();
    });
  }

  private readonly onDeviceChange = (): void => void this.refreshDevices();

  private watchDevices(): void {
    if (this.watchingDevices || !this.options.mediaDevices?.addEventListener) return;
    this.watchingDevices = true;
    this.options.mediaDevices.addEventListener('devicechange', this.onDeviceChange);
  }

  private swapInStream(stream: MediaStream | null, previous: MediaStreamTrack | null, next: MediaStreamTrack | null): void {
    if (!stream) return;
    if (previous) stream.removeTrack(previous);
    if (next) stream.addTrack(next);
  }

  private createStream(): MediaStream {
    return this.options.createMediaStream ? this.options.createMediaStream() : new MediaStream();
  }

  private update(patch: Partial<LocalMediaSnapshot>): void {
    this.state = { ...this.state, ...patch };
    this.emit('change');
  }

  private serial<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.chain.then(operation);
    this.chain = result.catch(() => undefined);
    return result;
  }
}
