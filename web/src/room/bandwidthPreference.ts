import { BANDWIDTH_MODES, type BandwidthMode } from '../../call';

/** Declared in server/privacy/transient.ts (browser storage list of the privacy page). */
export const BANDWIDTH_STORAGE_KEY = 'sprechzimmer.bandwidth';

/** The low-bandwidth switch as remembered on this device; 'auto' when unset, unreadable or unknown. */
export function readBandwidthMode(storage: Pick<Storage, 'getItem'> | null = safeLocalStorage()): BandwidthMode {
  try {
    const value = storage?.getItem(BANDWIDTH_STORAGE_KEY);
    return (BANDWIDTH_MODES as readonly string[]).includes(value ?? '') ? (value as BandwidthMode) : 'auto';
  } catch {
    return 'auto';
  }
}

/** Only a choice other than automatic is kept; going back to automatic removes the entry. */
export function writeBandwidthMode(mode: BandwidthMode, storage: Pick<Storage, 'setItem' | 'removeItem'> | null = safeLocalStorage()): void {
  try {
    if (mode === 'auto') storage?.removeItem(BANDWIDTH_STORAGE_KEY);
    else storage?.setItem(BANDWIDTH_STORAGE_KEY, mode);
  } catch {
    // Storage blocked: the switch still works for this call, it is just not remembered.
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}
