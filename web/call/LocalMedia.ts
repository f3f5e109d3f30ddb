import type { MediaState } from '../../common/signaling';
import { Emitter } from './emitter';
import { errorName, silentLogger, type Logger } from './logger';
import { cameraFacing, listedFacing, oppositeFacing, reportedFacing, trackFacing, type Facing } from './cameraFacing';
import { classifyMediaError, type MediaErrorKind } from './mediaErrors';
import type { TrackSlot } from './PeerLink';

export { classifyMediaError, type MediaErrorKind } from './mediaErrors';

export interface DeviceInfo {
  deviceId: string;
  kind: MediaDeviceKind;
  /** Empty until the user granted a permission (browsers hide labels before). */
  label: string;
  /** A camera's facing modes, where the browser reports them before opening it (cameraFacing.ts). */
  facing?: readonly string[];
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
  /**
   * P-28: an audio-only call. No request asks for the camera until the person turns it on themselves
   * (setCameraEnabled(true)), so no camera is ever opened by the app on its own.
   */
  readonly audioOnly: boolean;
}

export interface LocalMediaOptions {
  /** navigator.mediaDevices; without it every request fails with `unsupported`. */
  mediaDevices?: MediaDevices;
  createMediaStream?: () => MediaStream;
  audioConstraints?: MediaTrackConstraints;
  videoConstraints?: MediaTrackConstraints;
  logger?: Logger;
}

const DEFAULT_AUDIO: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };
const DEFAULT_VIDEO: MediaTrackConstraints = {
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
    audioOnly: false,
  };
  private chain: Promise<unknown> = Promise.resolve();
  /** The camera side asked for by switchFacing() where no listed camera reports its facing. */
  private facingWanted: Facing | null = null;
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
        (kind) => kinds[kind] !== false && !(kind === 'video' && this.state.audioOnly) && !this.state[kind === 'audio' ? 'audioTrack' : 'videoTrack'],
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

  /** Audio-only on: the camera closes (if open) and stays closed until the person turns it on. */
  setAudioOnly(audioOnly: boolean): Promise<void> {
    return this.serial(async () => {
      if (audioOnly) {
        this.replace('video', null);
        this.update({ audioOnly: true, videoEnabled: false });
      } else {
        this.update({ audioOnly: false });
      }
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
      // Turning the camera on is the person's own act: it ends audio-only for them.
      this.update({ videoEnabled: true, audioOnly: false });
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
      const error = (await this.acquire([media]))[media] ?? null;
      const running = media === 'audio' ? this.state.audioTrack : this.state.videoTrack;
      if (error !== 'device-busy' || !running) return error;
      return this.switchExclusive(media, kind, running);
    });
  }

  /**
   * Front ↔ back camera (phones): the listed camera of the other facing where the browser reports
   * facings, else a request by `facingMode`. Phones open one camera at a time, so the running one is
   * released first; should the other side fail, the previous camera is taken back.
   */
  switchFacing(): Promise<MediaErrorKind | null> {
    const { devices, selected, videoTrack } = this.state;
    const target = oppositeFacing(trackFacing(videoTrack) ?? listedFacing(devices, selected.videoinput) ?? this.facingWanted);
    const deviceId = cameraFacing(devices, target);
    if (deviceId) return this.selectDevice('videoinput', deviceId);
    return this.serial(async () => {
      const previous = { deviceId: this.state.selected.videoinput, facing: this.facingWanted };
      this.facingWanted = target;
      this.update({ selected: { ...this.state.selected, videoinput: null } });
      if (!this.state.videoEnabled) return null;
      this.replace('video', null);
      const error = (await this.acquire(['video'])).video ?? null;
      if (error) {
        this.facingWanted = previous.facing;
        this.update({ selected: { ...this.state.selected, videoinput: previous.deviceId } });
        await this.acquire(['video']);
        this.update({ videoError: error });
      }
      return error;
    });
  }

  /**
   * Firefox opens one microphone at a time (the second getUserMedia fails with NotReadableError
   * "Concurrent mic process limit"), as many phones do with cameras: release the running device
   * and ask again. Should the new one still fail, the previous device is taken back, so a failed
   * switch does not leave the call without a microphone.
   */
  private async switchExclusive(media: Kind, kind: 'audioinput' | 'videoinput', running: MediaStreamTrack): Promise<MediaErrorKind | null> {
    const previousId = running.getSettings?.().deviceId ?? null;
    this.logger.debug('media: device busy while switching; releasing the running one', { kind });
    this.replace(media, null);
    const error = (await this.acquire([media]))[media] ?? null;
    if (error && previousId) {
      this.update({ selected: { ...this.state.selected, [kind]: previousId } });
      await this.acquire([media]);
      this.update(media === 'audio' ? { audioError: error } : { videoError: error });
    }
    return error;
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
      this.update({
        devices: list.map((device) => {
          const facing = reportedFacing(device);
          return { deviceId: device.deviceId, kind: device.kind, label: device.label, ...(facing ? { facing } : {}) };
        }),
      });
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
      if (id) return { ...base, deviceId: { exact: id } };
      return kind === 'video' && this.facingWanted ? { ...base, facingMode: { exact: this.facingWanted } } : base;
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
    // The caller gets a failure through `result`; the chain only orders the next operation after it.
    this.chain = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
