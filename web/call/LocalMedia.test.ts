import { describe, expect, it } from 'vitest';
import { LocalMedia, classifyMediaError } from './LocalMedia';
import type { TrackSlot } from './PeerLink';
import { FakeMediaDevices, createFakeMediaStream } from './testing/fakeMedia';

function setup(configure?: (devices: FakeMediaDevices) => void) {
  const devices = new FakeMediaDevices();
  configure?.(devices);
  const media = new LocalMedia({ mediaDevices: devices.asMediaDevices(), createMediaStream: () => createFakeMediaStream() });
  const tracks: [TrackSlot, string | null][] = [];
  media.on('track', (slot, track) => tracks.push([slot, track?.label ?? null]));
  return { devices, media, tracks };
}

describe('classifyMediaError', () => {
  it.each([
    ['NotAllowedError', 'permission-denied'],
    ['PermissionDeniedError', 'permission-denied'],
    ['NotFoundError', 'no-device'],
    ['DevicesNotFoundError', 'no-device'],
    ['NotReadableError', 'device-busy'],
    ['TrackStartError', 'device-busy'],
    ['OverconstrainedError', 'overconstrained'],
    ['SecurityError', 'blocked'],
    ['AbortError', 'aborted'],
    ['TypeError', 'unsupported'],
    ['SomethingElse', 'unknown'],
  ])('%s → %s', (name, kind) => {
    expect(classifyMediaError(new DOMException('x', name))).toBe(kind);
  });
});

describe('LocalMedia', () => {
  it('starts camera and microphone into one stable stream', async () => {
    const { media, tracks } = setup();
    await media.start();
    const s = media.snapshot;
    expect(s.audioTrack?.label).toBe('Built-in microphone');
    expect(s.videoTrack?.label).toBe('Built-in camera');
    expect(s.cameraStream?.getTracks()).toHaveLength(2);
    expect(s.selected).toMatchObject({ audioinput: 'mic-1', videoinput: 'cam-1' });
    expect(s.devices.map((d) => d.deviceId)).toEqual(['mic-1', 'mic-2', 'cam-1', 'cam-2', 'spk-1']);
    expect(tracks.map(([slot]) => slot).sort()).toEqual(['audio', 'camera']);
    expect(media.mediaState()).toEqual({
      audio: true,
      video: true,
      screen: false,
      cameraStreamId: s.cameraStream?.id,
      screenStreamId: null,
    });
  });

  it('a second start() keeps running tracks and only asks for what is missing', async () => {
    const { media, devices } = setup((d) => {
      d.failures.video = 'NotReadableError';
    });
    await media.start();
    const mic = media.snapshot.audioTrack;
    expect(media.snapshot.videoError).toBe('device-busy');
    delete devices.failures.video;
    await media.start();
    expect(media.snapshot.audioTrack).toBe(mic);
    expect(media.snapshot.videoTrack).not.toBeNull();
    expect(media.snapshot.videoError).toBeNull();
    expect(devices.calls.at(-1)?.constraints).toMatchObject({ audio: false });
  });

  it('permission denied: both kinds report it, nothing is retried', async () => {
    const { media, devices } = setup((d) => {
      d.failures.video = 'NotAllowedError';
    });
    await media.start();
    expect(media.snapshot).toMatchObject({ audioError: 'permission-denied', videoError: 'permission-denied', audioTrack: null });
    expect(devices.calls).toHaveLength(1);
  });

  it('a missing camera does not cost the microphone', async () => {
    const { media } = setup((d) => {
      d.devices = d.devices.filter((device) => device.kind !== 'videoinput');
    });
    await media.start();
    expect(media.snapshot).toMatchObject({ audioError: null, videoError: 'no-device' });
    expect(media.snapshot.audioTrack).not.toBeNull();
    expect(media.mediaState()).toMatchObject({ audio: true, video: false });
  });

  it('a camera held by another application is reported as busy', async () => {
    const { media } = setup((d) => {
      d.busy.add('cam-1');
    });
    await media.start();
    expect(media.snapshot).toMatchObject({ videoError: 'device-busy', audioError: null });
  });

  it('without mediaDevices everything is unsupported', async () => {
    const media = new LocalMedia({ createMediaStream: () => createFakeMediaStream() });
    await media.start();
    expect(media.snapshot).toMatchObject({ audioError: 'unsupported', videoError: 'unsupported' });
    expect(await media.startScreenShare()).toBe('unsupported');
  });

  it('switches devices, keeping mute, and stops the old track', async () => {
    const { media, devices } = setup();
    await media.start();
    const oldMic = media.snapshot.audioTrack;
    media.setMicrophoneEnabled(false);
    expect(await media.selectDevice('audioinput', 'mic-2')).toBeNull();
    expect(media.snapshot.audioTrack?.label).toBe('Headset microphone');
    expect(media.snapshot.audioTrack?.enabled).toBe(false);
    expect(oldMic?.readyState).toBe('ended');
    expect(media.snapshot.cameraStream?.getAudioTracks()).toEqual([media.snapshot.audioTrack]);
    expect(await media.selectDevice('videoinput', 'gone')).toBe('overconstrained');
    expect(media.snapshot.videoTrack?.label).toBe('Built-in camera'); // kept
    expect(devices.liveTracks()).toHaveLength(2);
  });

  it('switches microphones where only one can be open at a time (Firefox)', async () => {
    const { media, devices, tracks } = setup((d) => d.oneAtATime.add('audio'));
    await media.start();
    expect(await media.selectDevice('audioinput', 'mic-2')).toBeNull();
    expect(media.snapshot.audioTrack?.label).toBe('Headset microphone');
    expect(media.snapshot.audioError).toBeNull();
    expect(devices.liveTracks().filter((t) => t.kind === 'audio')).toHaveLength(1);
    // Peers got the new track (through a moment without one, never two at once).
    expect(tracks.filter(([slot]) => slot === 'audio').map(([, label]) => label)).toEqual(['Built-in microphone', null, 'Headset microphone']);
  });

  it('a failed exclusive switch takes the previous microphone back', async () => {
    const { media, devices } = setup((d) => d.oneAtATime.add('audio'));
    await media.start();
    devices.busy.add('mic-2');
    expect(await media.selectDevice('audioinput', 'mic-2')).toBe('device-busy');
    expect(media.snapshot.audioTrack?.label).toBe('Built-in microphone');
    expect(media.snapshot.selected.audioinput).toBe('mic-1');
    expect(media.snapshot.audioError).toBe('device-busy');
  });

  it('camera off stops the track (light off); on acquires the selected camera again', async () => {
    const { media, devices, tracks } = setup();
    await media.start();
    await media.selectDevice('videoinput', 'cam-2');
    await media.setCameraEnabled(false);
    expect(media.snapshot.videoTrack).toBeNull();
    expect(devices.liveTracks().map((t) => t.kind)).toEqual(['audio']);
    expect(media.mediaState().video).toBe(false);
    await media.setCameraEnabled(true);
    expect(media.snapshot.videoTrack?.label).toBe('USB camera');
    expect(tracks.filter(([slot]) => slot === 'camera').map(([, label]) => label)).toEqual(['Built-in camera', 'USB camera', null, 'USB camera']);
  });

  it('falls back to the default device when the active one is unplugged', async () => {
    const { media, devices } = setup();
    await media.start();
    await media.selectDevice('videoinput', 'cam-2');
    const usb = media.snapshot.videoTrack;
    devices.setDevices(devices.devices.filter((d) => d.deviceId !== 'cam-2'));
    (usb as unknown as { endFromBrowser(): void }).endFromBrowser();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(media.snapshot.videoTrack?.label).toBe('Built-in camera');
    expect(media.snapshot.devices.some((d) => d.deviceId === 'cam-2')).toBe(false);
  });

  it('screen share: its own stream, `detail` content hint, ends when the browser stops it', async () => {
    const { media, devices } = setup();
    await media.start();
    expect(await media.startScreenShare()).toBeNull();
    const track = media.snapshot.screenTrack;
    expect(track?.contentHint).toBe('detail');
    expect(media.mediaState()).toMatchObject({ screen: true, screenStreamId: media.snapshot.screenStream?.id });
    expect(media.snapshot.screenStream?.id).not.toBe(media.snapshot.cameraStream?.id);
    (track as unknown as { endFromBrowser(): void }).endFromBrowser();
    await new Promise((resolve) => setTimeout(resolve, 1));
    expect(media.mediaState().screen).toBe(false);
    devices.failures.display = 'NotAllowedError';
    expect(await media.startScreenShare()).toBe('permission-denied');
    expect(media.snapshot.screenError).toBe('permission-denied');
  });

  it('stop() releases every device', async () => {
    const { media, devices } = setup();
    await media.start();
    await media.startScreenShare();
    media.stop();
    expect(devices.liveTracks()).toEqual([]);
  });

  describe('front/back camera (phones)', () => {
    const phoneCameras = (listsFacing: boolean) => (d: FakeMediaDevices) => {
      d.devices = [
        { deviceId: 'mic-1', kind: 'audioinput', label: 'Microphone' },
        { deviceId: 'front', kind: 'videoinput', label: 'Front Camera', facingMode: 'user', listsFacing },
        { deviceId: 'back', kind: 'videoinput', label: 'Back Camera', facingMode: 'environment', listsFacing },
      ];
      // Phones open one camera at a time.
      d.oneAtATime.add('video');
    };

    it('Android: switches by the listed camera of the other side, and back, one camera open at a time', async () => {
      const { media, devices, tracks } = setup(phoneCameras(true));
      await media.start();
      expect(media.snapshot.videoTrack?.label).toBe('Front Camera');
      expect(await media.switchFacing()).toBeNull();
      expect(media.snapshot.videoTrack?.label).toBe('Back Camera');
      expect(media.snapshot.selected.videoinput).toBe('back');
      expect(
        devices
          .liveTracks()
          .filter((t) => t.kind === 'video')
          .map((t) => t.label),
      ).toEqual(['Back Camera']);
      expect(await media.switchFacing()).toBeNull();
      expect(media.snapshot.videoTrack?.label).toBe('Front Camera');
      // The peers' sender gets each new track (replaceTrack, no renegotiation).
      expect(tracks.filter(([slot]) => slot === 'camera').map(([, label]) => label)).toContain('Back Camera');
    });

    it('Safari: asks by facingMode when the listing tells no side', async () => {
      const { media, devices } = setup(phoneCameras(false));
      await media.start();
      expect(await media.switchFacing()).toBeNull();
      expect(media.snapshot.videoTrack?.label).toBe('Back Camera');
      expect(devices.calls.at(-1)?.constraints).toMatchObject({ video: { facingMode: { exact: 'environment' } } });
      expect(await media.switchFacing()).toBeNull();
      expect(media.snapshot.videoTrack?.label).toBe('Front Camera');
    });

    it('keeps the front camera when the back one cannot be opened', async () => {
      const { media, devices } = setup(phoneCameras(false));
      await media.start();
      devices.busy.add('back');
      expect(await media.switchFacing()).toBe('device-busy');
      expect(media.snapshot.videoTrack?.label).toBe('Front Camera');
      expect(media.snapshot.videoError).toBe('device-busy');
    });
  });
});
