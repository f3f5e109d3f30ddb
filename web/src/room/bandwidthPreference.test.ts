import { describe, expect, it } from 'vitest';
import { BANDWIDTH_STORAGE_KEY, readBandwidthMode, writeBandwidthMode } from './bandwidthPreference';

function memory() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

describe('low-bandwidth switch on this device', () => {
  it('remembers a choice and forgets it when set back to automatic', () => {
    const storage = memory();
    expect(readBandwidthMode(storage)).toBe('auto');
    writeBandwidthMode('audio-only', storage);
    expect(storage.items.get(BANDWIDTH_STORAGE_KEY)).toBe('audio-only');
    expect(readBandwidthMode(storage)).toBe('audio-only');
    writeBandwidthMode('auto', storage);
    expect(storage.items.has(BANDWIDTH_STORAGE_KEY)).toBe(false);
  });

  it('reads anything unknown or unreadable as automatic', () => {
    const storage = memory();
    storage.items.set(BANDWIDTH_STORAGE_KEY, 'everything');
    expect(readBandwidthMode(storage)).toBe('auto');
    expect(
      readBandwidthMode({
        getItem: () => {
          throw new DOMException('blocked', 'SecurityError');
        },
      }),
    ).toBe('auto');
    expect(() =>
      writeBandwidthMode('small-video', {
        setItem: () => {
          throw new DOMException('full', 'QuotaExceededError');
        },
        removeItem: () => undefined,
      }),
    ).not.toThrow();
  });
});
