/** Lateness below this is a timer's ordinary jitter, not a stall. */
const JITTER_MS = 5;

/**
 * How long this process's event loop was kept from running timers, in total. While it lags, a
 * client's messages wait in the kernel and are then read together, although the client paced them:
 * a per-socket rate limit adds this time back (see `TokenBucket.take`) instead of closing the socket.
 *
 * It measures only between `start` and `stop` (the signaling sockets run it while one is open), so an
 * idle server is not woken 40 times a second; the total carries over from one such spell to the next.
 */
export class LoopStall {
  private stalled = 0;
  private due = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly tickMs = 25) {}

  /** Starts measuring; calling it again while measuring changes nothing. */
  start(): void {
    if (this.timer) return;
    this.due = performance.now() + this.tickMs;
    this.timer = setInterval(() => {
      const now = performance.now();
      this.stalled += this.lateness(now);
      this.due = now + this.tickMs;
    }, this.tickMs);
    this.timer.unref();
  }

  /** Total stall in ms, counting the one in progress. */
  totalMs(now = performance.now()): number {
    return this.stalled + (this.timer ? this.lateness(now) : 0);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private lateness(now: number): number {
    return Math.max(0, now - this.due - JITTER_MS);
  }
}
