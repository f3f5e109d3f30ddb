import { describe, expect, it } from 'vitest';
import { importCommonJs, lazy } from './lazy';

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

describe('importCommonJs', () => {
  it("reads a package's exports from default, where a bundle's chunk puts them", async () => {
    const exports = { dictionary: ['password'] };
    expect(await importCommonJs(async () => ({ default: exports }) as unknown as typeof exports)).toBe(exports);
  });

  it("reads Node's import of a real CommonJS package", async () => {
    const { Redis } = await importCommonJs(() => import('ioredis'));
    expect(typeof Redis).toBe('function');
  });
});
