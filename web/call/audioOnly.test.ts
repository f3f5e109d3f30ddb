import { describe, expect, it } from 'vitest';
import { LocalMedia } from './LocalMedia';
import { FakeMediaDevices, createFakeMediaStream } from './testing/fakeMedia';
import { callWorld, fakeTimersInEachTest, hostWithAdmittedGuest, run } from './testing/harness';

/** What each getUserMedia call asked for video (false = no camera). */
const videoAsked = (devices: FakeMediaDevices) =>
  devices.calls.filter((call) => call.method === 'getUserMedia').map((call) => (call.constraints as MediaStreamConstraints).video);

describe('LocalMedia: audio-only (P-28)', () => {
  it('asks for the microphone only, whatever start() is asked for, until the person turns the camera on', async () => {
    const devices = new FakeMediaDevices();
    const media = new LocalMedia({ mediaDevices: devices.asMediaDevices(), createMediaStream: () => createFakeMediaStream() });
    await media.setAudioOnly(true);
    await media.start();
    await media.start({ audio: true, video: true });
    expect(videoAsked(devices)).toEqual([false]);
    expect(media.snapshot.videoTrack).toBeNull();
    expect(media.mediaState()).toMatchObject({ audio: true, video: false });

    await media.setCameraEnabled(true);
    expect(videoAsked(devices).at(-1)).toBeTruthy();
    expect(media.snapshot).toMatchObject({ audioOnly: false, videoEnabled: true });
    expect(media.snapshot.videoTrack).not.toBeNull();
  });

  it('closes a running camera when the call turns audio-only', async () => {
    const devices = new FakeMediaDevices();
    const media = new LocalMedia({ mediaDevices: devices.asMediaDevices(), createMediaStream: () => createFakeMediaStream() });
    await media.start();
    const camera = media.snapshot.videoTrack;
    await media.setAudioOnly(true);
    expect(camera?.readyState).toBe('ended');
    expect(media.snapshot.videoTrack).toBeNull();
    expect(media.mediaState().video).toBe(false);
  });
});

describe('CallSession: audio-only call, video on by the host, the guest asked (P-28)', () => {
  fakeTimersInEachTest();

  /** A world whose call the host started audio-only, as the server knows it. */
  const audioWorld = () => {
    const world = callWorld({ mode: 'audio' });
    world.server.mode = 'audio';
    return world;
  };

  it('opens no camera on either side until the host switches video on and the guest agrees', async () => {
    const world = audioWorld();
    const { host, guest } = await hostWithAdmittedGuest(world);
    const devices = { host: world.devices.get('host')!, guest: world.devices.get('guest')! };
    expect(guest.getSnapshot()).toMatchObject({ state: 'connected', mode: 'audio', videoRequested: false });
    expect(videoAsked(devices.host)).toEqual([false]);
    expect(videoAsked(devices.guest)).toEqual([false]);

    await host.setMode('video');
    await run(50);
    expect(host.getSnapshot().local.videoTrack).not.toBeNull();
    // The guest is asked; nothing is opened before the answer.
    expect(guest.getSnapshot()).toMatchObject({ mode: 'video', videoRequested: true });
    expect(videoAsked(devices.guest)).toEqual([false]);

    guest.declineVideo();
    await run(50);
    expect(guest.getSnapshot()).toMatchObject({ videoRequested: false });
    expect(guest.getSnapshot().local.videoTrack).toBeNull();
    expect(videoAsked(devices.guest)).toEqual([false]);

    // Asked again later (the host switches back and on), the guest agrees: only now a camera opens.
    await host.setMode('audio');
    await run(50);
    expect(host.getSnapshot().local.videoTrack).toBeNull();
    await host.setMode('video');
    await run(50);
    expect(guest.getSnapshot().videoRequested).toBe(true);
    await guest.acceptVideo();
    await run(50);
    expect(videoAsked(devices.guest).filter(Boolean)).toHaveLength(1);
    expect(guest.getSnapshot().local.videoTrack).not.toBeNull();
    host.destroy();
    guest.destroy();
  });

  it('lets only the host switch: a guest’s request is refused by the server and changes nothing', async () => {
    const world = audioWorld();
    world.server.register({ id: 'guest', displayName: 'Jürgen Groß', role: 'guest' });
    const guest = world.session('guest');
    const devices = world.devices.get('guest')!;
    guest.join();
    await run(50);
    await guest.setMode('video');
    await run(50);
    expect(videoAsked(devices)).toEqual([]);
    expect(guest.getSnapshot().lastServerError).toMatchObject({ code: 'host_only', ref: 'set-mode' });
    expect(world.server.mode).toBe('audio');
    guest.destroy();
  });
});
