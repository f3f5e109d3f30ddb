import { afterEach, describe, expect, it, vi } from 'vitest';
import { LoopStall } from './loop-stall';

/** Keeps the event loop from running timers for `ms`, as a long synchronous task does. */
function block(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy: the point is that no timer can run meanwhile
  }
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('LoopStall', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps no timer while it is not measuring, one while it is', () => {
    vi.useFakeTimers();
    const stall = new LoopStall();
    expect(vi.getTimerCount()).toBe(0);
    stall.start();
    stall.start();
    expect(vi.getTimerCount()).toBe(1);
    stall.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('counts a blocked loop while measuring, and keeps the total across a pause', async () => {
    const stall = new LoopStall(10);
    stall.start();
    await tick(15);
    block(120);
    await tick(15);
    const first = stall.totalMs();
    expect(first).toBeGreaterThanOrEqual(60);
    stall.stop();
    // Not measuring: a blocked loop adds nothing, and what was counted stays.
    block(120);
    expect(stall.totalMs()).toBe(first);
    stall.start();
    expect(stall.totalMs()).toBe(first);
    stall.stop();
  });
});
