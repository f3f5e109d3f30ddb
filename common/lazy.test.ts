import { describe, expect, it } from 'vitest';
import { lazy } from './lazy';

describe('lazy', () => {
  it('makes the value at the first call, once', () => {
    let made = 0;
    const value = lazy(() => ({ made: ++made }));
    expect(made).toBe(0);
    expect(value()).toBe(value());
    expect(made).toBe(1);
  });

  it('keeps a failed promise rather than retrying behind the caller', async () => {
    let attempts = 0;
    const value = lazy(() => Promise.reject(new Error(`attempt ${++attempts}`)));
    await expect(value()).rejects.toThrow('attempt 1');
    await expect(value()).rejects.toThrow('attempt 1');
  });
});
