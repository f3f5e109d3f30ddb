/** Lateness below this is a timer's ordinary jitter, not a stall. */
const JITTER_MS = 5;

/**
 * How long this process's event loop was kept from running timers, in total. While it lags, a
 * client's messages wait in the kernel and are then read together, although the client paced them:
 * a per-socket rate limit adds this time back (see `TokenBucket.take`) instead of closing the socket.
 */
export class LoopStall {
  private stalled = 0;
  private due: number;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly tickMs = 25) {
    this.due = performance.now() + tickMs;
    this.timer = setInterval(() => {
      const now = performance.now();
      this.stalled += this.lateness(now);
      this.due = now + tickMs;
    }, tickMs);
    this.timer.unref();
  }

  /** Total stall in ms, counting the one in progress. */
  totalMs(now = performance.now()): number {
    return this.stalled + this.lateness(now);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private lateness(now: number): number {
    return Math.max(0, now - this.due - JITTER_MS);
  }
}
