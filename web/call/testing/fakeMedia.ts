/**
 * Fakes of MediaStreamTrack, MediaStream and navigator.mediaDevices for Node unit tests. They model
 * the behaviour the engine depends on (errors by DOMException name, device ids, `ended` when the user
 * stops a screen share), not pixels.
 */

let counter = 0;
export const fakeId = (prefix: string): string => `${prefix}-${++counter}`;

export class FakeMediaStreamTrack extends EventTarget {
  readonly id = fakeId('track');
  enabled = true;
  readyState: 'live' | 'ended' = 'live';
  muted = false;
  contentHint = '';
  onended: ((event: Event) => void) | null = null;

  constructor(
    readonly kind: 'audio' | 'video',
    readonly label: string = kind,
    readonly deviceId: string = '',
    /** The camera's side, as phones report it in settings and capabilities (desktop cameras: none). */
    readonly facingMode?: 'user' | 'environment',
  ) {
    super();
  }

  /** The system took the device away for a while (iOS: page in the background, a phone call). */
  muteFromSystem(): void {
    this.muted = true;
    this.dispatchEvent(new Event('mute'));
  }

  unmuteFromSystem(): void {
    this.muted = false;
    this.dispatchEvent(new Event('unmute'));
  }

  stop(): void {
    this.readyState = 'ended'; // like browsers: stop() fires no `ended` event
  }

  /** The browser ended the track (device unplugged, user clicked "stop sharing"). */
  endFromBrowser(): void {
    if (this.readyState === 'ended') return;
    this.readyState = 'ended';
    const event = new Event('ended');
    this.dispatchEvent(event);
    this.onended?.(event);
  }

  getSettings(): MediaTrackSettings {
    return { deviceId: this.deviceId, ...(this.facingMode ? { facingMode: this.facingMode } : {}) };
  }

  getCapabilities(): MediaTrackCapabilities {
    return { deviceId: this.deviceId, ...(this.kind === 'video' ? { facingMode: this.facingMode ? [this.facingMode] : [] } : {}) };
  }

  clone(): FakeMediaStreamTrack {
    return new FakeMediaStreamTrack(this.kind, this.label, this.deviceId, this.facingMode);
  }
}

export class FakeMediaStream extends EventTarget {
  private readonly tracks: FakeMediaStreamTrack[] = [];

  constructor(
    tracks: readonly FakeMediaStreamTrack[] = [],
    readonly id = fakeId('stream'),
  ) {
    super();
    this.tracks.push(...tracks);
  }

  get active(): boolean {
    return this.tracks.some((track) => track.readyState === 'live');
  }
  getTracks(): FakeMediaStreamTrack[] {
    return [...this.tracks];
  }
  getAudioTracks(): FakeMediaStreamTrack[] {
    return this.tracks.filter((track) => track.kind === 'audio');
  }
  getVideoTracks(): FakeMediaStreamTrack[] {
    return this.tracks.filter((track) => track.kind === 'video');
  }
  addTrack(track: FakeMediaStreamTrack): void {
    if (!this.tracks.includes(track)) this.tracks.push(track);
  }
  removeTrack(track: FakeMediaStreamTrack): void {
    const index = this.tracks.indexOf(track);
    if (index >= 0) this.tracks.splice(index, 1);
  }
}

export const createFakeMediaStream = (tracks?: MediaStreamTrack[]): MediaStream =>
  new FakeMediaStream((tracks ?? []) as unknown as FakeMediaStreamTrack[]) as unknown as MediaStream;

export interface FakeDevice {
  deviceId: string;
  kind: MediaDeviceKind;
  label: string;
  /** A phone camera's side: its tracks say so (settings, capabilities). */
  facingMode?: 'user' | 'environment';
  /**
   * Whether the listing tells the side before the camera is opened (InputDeviceInfo.getCapabilities:
   * Chrome and Firefox on Android); Safari's listing does not.
   */
  listsFacing?: boolean;
}

type Failure = 'NotAllowedError' | 'NotFoundError' | 'NotReadableError' | 'OverconstrainedError' | 'SecurityError';

export class FakeMediaDevices extends EventTarget {
  devices: FakeDevice[] = [
    { deviceId: 'mic-1', kind: 'audioinput', label: 'Built-in microphone' },
    { deviceId: 'mic-2', kind: 'audioinput', label: 'Headset microphone' },
    { deviceId: 'cam-1', kind: 'videoinput', label: 'Built-in camera' },
    { deviceId: 'cam-2', kind: 'videoinput', label: 'USB camera' },
    { deviceId: 'spk-1', kind: 'audiooutput', label: 'Speakers' },
  ];
  /** Make the next requests for a kind fail with this DOMException name. */
  failures: { audio?: Failure; video?: Failure; display?: Failure } = {};
  /** Devices another application holds (NotReadableError). */
  busy = new Set<string>();
  /**
   * Kinds of which only one device can be open at a time, as Firefox does for microphones
   * ("Concurrent mic process limit", NotReadableError) and many phones for cameras.
   */
  oneAtATime = new Set<'audio' | 'video'>();
  readonly calls: { method: string; constraints: unknown }[] = [];
  /** Every track handed out, to assert that the engine stops them. */
  readonly issued: FakeMediaStreamTrack[] = [];

  async enumerateDevices(): Promise<MediaDeviceInfo[]> {
    return this.devices.map(({ deviceId, kind, label, facingMode, listsFacing }) => ({
      deviceId,
      kind,
      label,
      groupId: '',
      toJSON: () => ({ deviceId, kind, label }),
      ...(listsFacing ? { getCapabilities: () => ({ deviceId, facingMode: facingMode ? [facingMode] : [] }) } : {}),
    })) as MediaDeviceInfo[];
  }

  async getUserMedia(constraints: MediaStreamConstraints = {}): Promise<MediaStream> {
    this.calls.push({ method: 'getUserMedia', constraints });
    const tracks: FakeMediaStreamTrack[] = [];
    for (const kind of ['audio', 'video'] as const) {
      const wanted = constraints[kind];
      if (!wanted) continue;
      const failure = this.failures[kind];
      if (failure) throw new DOMException(`fake ${kind} failure`, failure);
      const device = this.pick(kind === 'audio' ? 'audioinput' : 'videoinput', wanted);
      if (this.busy.has(device.deviceId)) throw new DOMException('Could not start video source', 'NotReadableError');
      if (this.oneAtATime.has(kind) && this.liveTracks().some((t) => t.kind === kind && t.deviceId !== device.deviceId)) {
        throw new DOMException('Concurrent mic process limit.', 'NotReadableError');
      }
      tracks.push(new FakeMediaStreamTrack(kind, device.label, device.deviceId, device.facingMode));
    }
    if (tracks.length === 0) throw new TypeError('At least one of audio and video must be requested');
    this.issued.push(...tracks);
    return new FakeMediaStream(tracks) as unknown as MediaStream;
  }

  async getDisplayMedia(constraints: DisplayMediaStreamOptions = {}): Promise<MediaStream> {
    this.calls.push({ method: 'getDisplayMedia', constraints });
    if (this.failures.display) throw new DOMException('fake display failure', this.failures.display);
    const track = new FakeMediaStreamTrack('video', 'screen:1', 'screen');
    this.issued.push(track);
    return new FakeMediaStream([track]) as unknown as MediaStream;
  }

  /** Simulates plugging or unplugging a device. */
  setDevices(devices: FakeDevice[]): void {
    this.devices = devices;
    this.dispatchEvent(new Event('devicechange'));
  }

  liveTracks(): FakeMediaStreamTrack[] {
    return this.issued.filter((track) => track.readyState === 'live');
  }

  private pick(kind: MediaDeviceKind, constraint: boolean | MediaTrackConstraints): FakeDevice {
    const candidates = this.devices.filter((device) => device.kind === kind);
    const deviceId = typeof constraint === 'object' ? constraint.deviceId : undefined;
    const exact = typeof deviceId === 'string' ? deviceId : deviceId && !Array.isArray(deviceId) ? deviceId.exact : undefined;
    const wantedId = typeof exact === 'string' ? exact : undefined;
    const facing = typeof constraint === 'object' ? constraint.facingMode : undefined;
    const wantedFacing = facing && typeof facing === 'object' && !Array.isArray(facing) ? facing.exact : facing;
    const device = wantedId
      ? candidates.find((item) => item.deviceId === wantedId)
      : wantedFacing
        ? candidates.find((item) => item.facingMode === wantedFacing)
        : candidates[0];
    if (!device) {
      if (wantedId || wantedFacing) throw new DOMException('no such device', 'OverconstrainedError');
      throw new DOMException('Requested device not found', 'NotFoundError');
    }
    return device;
  }

  asMediaDevices(): MediaDevices {
    return this as unknown as MediaDevices;
  }
}
