import { errorName } from './logger';

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
export type MediaErrorKind = 'permission-denied' | 'no-device' | 'device-busy' | 'overconstrained' | 'blocked' | 'unsupported' | 'aborted' | 'unknown';

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
