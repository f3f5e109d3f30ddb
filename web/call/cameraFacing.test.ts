import { describe, expect, it } from 'vitest';
import {
  cameraFacing,
  canSwitchFacing,
  listedFacing,
  mirrorsSelfView,
  oppositeFacing,
  reportedFacing,
  runningFacing,
  trackFacing,
  type CameraListing,
} from './cameraFacing';
import { FakeMediaDevices, FakeMediaStreamTrack } from './testing/fakeMedia';

const mic: CameraListing = { deviceId: 'mic', kind: 'audioinput' };

describe('front/back camera switch by feature detection', () => {
  it('is offered where the listing reports a front and a back camera (Chrome, Firefox on Android)', () => {
    const devices: CameraListing[] = [
      mic,
      { deviceId: 'front', kind: 'videoinput', facing: ['user'] },
      { deviceId: 'back', kind: 'videoinput', facing: ['environment'] },
    ];
    expect(canSwitchFacing(devices, null)).toBe(true);
    expect(cameraFacing(devices, 'environment')).toBe('back');
    expect(cameraFacing(devices, 'user')).toBe('front');
    expect(listedFacing(devices, 'back')).toBe('environment');
  });

  it('is not offered for desktop cameras, which report no facing (two webcams use the camera list)', () => {
    const devices: CameraListing[] = [
      { deviceId: 'a', kind: 'videoinput', facing: [] },
      { deviceId: 'b', kind: 'videoinput', facing: [] },
    ];
    const webcam = new FakeMediaStreamTrack('video', 'USB camera', 'a');
    expect(canSwitchFacing(devices, webcam)).toBe(false);
    expect(
      canSwitchFacing(
        [
          { deviceId: 'a', kind: 'videoinput' },
          { deviceId: 'b', kind: 'videoinput' },
        ],
        webcam,
      ),
    ).toBe(false);
  });

  it('is not offered for a phone with one camera, or with both listed facing the same way', () => {
    expect(canSwitchFacing([{ deviceId: 'front', kind: 'videoinput', facing: ['user'] }], null)).toBe(false);
    const front = new FakeMediaStreamTrack('video', 'Front', 'front', 'user');
    expect(canSwitchFacing([{ deviceId: 'front', kind: 'videoinput' }], front)).toBe(false);
    expect(
      canSwitchFacing(
        [
          { deviceId: 'w', kind: 'videoinput', facing: ['user'] },
          { deviceId: 'x', kind: 'videoinput', facing: ['user'] },
        ],
        front,
      ),
    ).toBe(false);
  });

  it('Safari: the listing tells no facing, but the running camera knows its side and a second camera is listed', () => {
    const devices: CameraListing[] = [
      { deviceId: 'front', kind: 'videoinput' },
      { deviceId: 'back', kind: 'videoinput' },
    ];
    const front = new FakeMediaStreamTrack('video', 'Front Camera', 'front', 'user');
    expect(canSwitchFacing(devices, front)).toBe(true);
    expect(trackFacing(front)).toBe('user');
    // No listed facing: the switch asks by facingMode instead of a device id.
    expect(cameraFacing(devices, 'environment')).toBeNull();
  });

  it('the other side of an unknown facing is the back camera', () => {
    expect(oppositeFacing(null)).toBe('environment');
    expect(oppositeFacing('user')).toBe('environment');
    expect(oppositeFacing('environment')).toBe('user');
    expect(trackFacing(new FakeMediaStreamTrack('video', 'webcam', 'a'))).toBeNull();
  });

  it('reads facings from InputDeviceInfo.getCapabilities only where the browser has it', async () => {
    const devices = new FakeMediaDevices();
    devices.devices = [
      { deviceId: 'front', kind: 'videoinput', label: 'Front', facingMode: 'user', listsFacing: true },
      { deviceId: 'safari', kind: 'videoinput', label: 'Back', facingMode: 'environment' },
      { deviceId: 'mic', kind: 'audioinput', label: 'Mic' },
    ];
    const listed = await devices.enumerateDevices();
    expect(listed.map(reportedFacing)).toEqual([['user'], undefined, undefined]);
  });

  it('mirrors our own picture, except the back camera, which films the world', () => {
    const devices: CameraListing[] = [
      { deviceId: 'front', kind: 'videoinput', facing: ['user'] },
      { deviceId: 'back', kind: 'videoinput', facing: ['environment'] },
    ];
    const webcam = new FakeMediaStreamTrack('video', 'webcam', 'front');
    // The track tells nothing (Chrome's listing does): the listing of the selected camera decides.
    expect(runningFacing({ videoTrack: webcam, devices, selected: { videoinput: 'back' } })).toBe('environment');
    expect(runningFacing({ videoTrack: new FakeMediaStreamTrack('video', 'Back', 'back', 'environment'), devices: [], selected: { videoinput: null } })).toBe(
      'environment',
    );
    expect(runningFacing({ videoTrack: null, devices, selected: { videoinput: 'back' } })).toBeNull();
    expect(mirrorsSelfView('environment')).toBe(false);
    expect(mirrorsSelfView('user')).toBe(true);
    expect(mirrorsSelfView(null)).toBe(true);
  });
});
