import { describe, expect, it } from 'vitest';
import { TurnBatch } from './turn-batch';

describe('TurnBatch', () => {
  it('answers the keys asked for in one turn with one read, each caller its own value', async () => {
    const reads: string[][] = [];
    const batch = new TurnBatch(async (keys: string[]) => {
      reads.push(keys);
      return keys.map((key) => key.toUpperCase());
    });
    expect(await Promise.all(['a', 'b', 'c'].map((key) => batch.load(key)))).toEqual(['A', 'B', 'C']);
    expect(reads).toEqual([['a', 'b', 'c']]);
  });

  it('reads again for a later turn: nothing is kept between batches', async () => {
    let stored = 'old';
    const batch = new TurnBatch(async (keys: string[]) => keys.map(() => stored));
    expect(await batch.load('x')).toBe('old');
    stored = 'new';
    expect(await batch.load('x')).toBe('new');
  });

  it('gathers the keys asked for while a read runs into the next one', async () => {
    const reads: string[][] = [];
    let release: () => void = () => undefined;
    const batch = new TurnBatch(async (keys: string[]) => {
      reads.push(keys);
      if (reads.length === 1) await new Promise<void>((resolve) => (release = resolve));
      return keys;
    });
    const first = batch.load('a');
    await new Promise((resolve) => setImmediate(resolve));
    const later = [batch.load('b'), batch.load('c')];
    await new Promise((resolve) => setImmediate(resolve));
    release();
    expect(await Promise.all([first, ...later])).toEqual(['a', 'b', 'c']);
    expect(reads).toEqual([['a'], ['b', 'c']]);
  });

  it('fails every caller of a failed read, and reads anew afterwards', async () => {
    let fail = true;
    const batch = new TurnBatch(async (keys: string[]) => {
      if (fail) throw new Error('database away');
      return keys;
    });
    const outcomes = await Promise.allSettled([batch.load('a'), batch.load('b')]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await batch.load('c')).toBe('c');
  });
});
