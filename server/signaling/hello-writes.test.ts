import { describe, expect, it } from 'vitest';
import type { HelloState } from '../consultations/store';
import { HelloWrites } from './hello-writes';

const state = (id: string, resumeHash: string, status: HelloState['status'] = null): HelloState => ({ id, resumeHash, status, admittedAt: null });

describe('HelloWrites', () => {
  it('stores the hellos of one turn in one write, the newest token of a place winning and its first status kept', async () => {
    const batches: HelloState[][] = [];
    const writes = new HelloWrites({ recordHellos: async (states) => void batches.push(states) });
    await Promise.all([writes.write(state('a', 'a1', 'waiting')), writes.write(state('b', 'b1')), writes.write(state('a', 'a2'))]);
    expect(batches).toEqual([[state('a', 'a2', 'waiting'), state('b', 'b1')]]);
    await writes.write(state('c', 'c1'));
    expect(batches).toHaveLength(2);
  });

  it('tells every hello of a failed write, and the next turn writes again', async () => {
    let fail = true;
    const writes = new HelloWrites({
      recordHellos: async () => {
        if (fail) throw new Error('database down');
      },
    });
    const results = await Promise.allSettled([writes.write(state('a', 'a1')), writes.write(state('b', 'b1'))]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(writes.write(state('a', 'a2'))).resolves.toBeUndefined();
  });
});
