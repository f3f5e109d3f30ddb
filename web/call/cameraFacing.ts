/**
 * Front and back camera on phones and tablets (`facingMode`). Desktop cameras report no facing, so
 * the switch is offered only where the browser says the device has a camera facing the user and
 * one facing away, found by feature detection, never from the user agent:
 *
 * - Chrome and Firefox on Android tell each camera's facing before it is opened
 *   (`InputDeviceInfo.getCapabilities().facingMode`, from `enumerateDevices`);
 * - Safari has no `InputDeviceInfo.getCapabilities`: there the running camera's own
 *   `MediaStreamTrack.getCapabilities().facingMode` says it has a facing, and a second camera is
 *   listed; iOS lists its front and back cameras (and the back's lenses) that way.
 */

export type Facing = 'user' | 'environment';

/** What the engine keeps of a listed device (see LocalMedia's DeviceInfo). */
export interface CameraListing {
  readonly deviceId: string;
  readonly kind: MediaDeviceKind;
  /** The facing modes the browser reported for it before opening it, if it reports any. */
  readonly facing?: readonly string[] | undefined;
}

/** A listed device's facing modes, where the browser reports them (InputDeviceInfo). */
export function reportedFacing(device: MediaDeviceInfo): string[] | undefined {
  const info = device as MediaDeviceInfo & { getCapabilities?: () => MediaTrackCapabilities };
  if (device.kind !== 'videoinput' || typeof info.getCapabilities !== 'function') return undefined;
  const facing = info.getCapabilities().facingMode;
  return Array.isArray(facing) ? facing : undefined;
}

function isFacing(value: unknown): value is Facing {
  return value === 'user' || value === 'environment';
}

/** The facing of a running camera track, or null (desktop cameras, or not told). */
export function trackFacing(track: Pick<MediaStreamTrack, 'getSettings'> | null): Facing | null {
  const facing = track?.getSettings?.().facingMode;
  return isFacing(facing) ? facing : null;
}

/**
 * Whether to offer the front/back switch: the listed cameras report both facings, or (Safari) the
 * running camera knows its facing and another camera is listed.
 */
export function canSwitchFacing(devices: readonly CameraListing[], running: Pick<MediaStreamTrack, 'getCapabilities' | 'getSettings'> | null): boolean {
  const cameras = devices.filter((device) => device.kind === 'videoinput');
  const listed = new Set(cameras.flatMap((camera) => camera.facing ?? []));
  if (listed.has('user') && listed.has('environment')) return true;
  if (cameras.some((camera) => camera.facing !== undefined)) return false;
  const capabilities = typeof running?.getCapabilities === 'function' ? running.getCapabilities().facingMode : undefined;
  const knowsFacing = (Array.isArray(capabilities) && capabilities.some(isFacing)) || trackFacing(running) !== null;
  return knowsFacing && cameras.length >= 2;
}

/** The other side: a camera of unknown facing counts as the front one (what a call opens first). */
export function oppositeFacing(current: Facing | null): Facing {
  return current === 'environment' ? 'user' : 'environment';
}

/** The facing a listed camera reported (the one of its facings that is front or back), or null. */
export function listedFacing(devices: readonly CameraListing[], deviceId: string | null): Facing | null {
  if (!deviceId) return null;
  return devices.find((device) => device.deviceId === deviceId)?.facing?.find(isFacing) ?? null;
}

/** The side the running camera faces, from the track or (where only the listing tells) the listing. */
export function runningFacing(local: {
  readonly videoTrack: Pick<MediaStreamTrack, 'getSettings'> | null;
  readonly devices: readonly CameraListing[];
  readonly selected: { readonly videoinput: string | null };
}): Facing | null {
  if (!local.videoTrack) return null;
  return trackFacing(local.videoTrack) ?? listedFacing(local.devices, local.selected.videoinput);
}

/** Our own picture is shown as a mirror, as people know their face; the back camera films the world, unmirrored. */
export function mirrorsSelfView(facing: Facing | null): boolean {
  return facing !== 'environment';
}

/** The listed camera that reports `facing`, if the browser tells facings before opening. */
export function cameraFacing(devices: readonly CameraListing[], facing: Facing): string | null {
  return devices.find((device) => device.kind === 'videoinput' && device.facing?.includes(facing))?.deviceId ?? null;
}
