import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KeyedTimers } from './KeyedTimers';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('KeyedTimers', () => {
  it('runs one timer per key, from when the key first appeared, and forgets it before expiring', () => {
    const expired: string[] = [];
    const started: string[] = [];
    const timers: KeyedTimers = new KeyedTimers(
      1000,
      (key) => {
        expired.push(key);
        timers.follow(new Set([key])); // forgotten first: following it again starts a new timer
      },
      (key) => started.push(key),
    );
    timers.follow(new Set(['a']));
    vi.advanceTimersByTime(600);
    timers.follow(new Set(['a', 'b']));
    vi.advanceTimersByTime(400);
    expect(expired).toEqual(['a']);
    expect(started).toEqual(['a', 'b', 'a']);
  });

  it('clears the timer of a key that is gone', () => {
    const expire = vi.fn();
    const timers = new KeyedTimers(1000, expire);
    timers.follow(new Set(['a', 'b']));
    timers.follow(new Set(['b']));
    timers.follow(new Set());
    vi.advanceTimersByTime(5000);
    expect(expire).not.toHaveBeenCalled();
  });
});
