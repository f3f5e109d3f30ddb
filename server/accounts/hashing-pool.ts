/**
 * Who waits where for a hashing place. `shared`: anyone, the lane a flood fills. `knownDevice`: a
 * login from a browser that proved, with a sealed cookie, that this account logged in there before
 * (server/accounts/known-devices.ts); its queue is its own, so a flood of strangers cannot fill it.
 */
export type HashingLane = 'shared' | 'knownDevice';

export interface HashingPoolLimits {
  /** bcrypt jobs at once, in both lanes together. */
  concurrency: number;
  /** Jobs of the shared lane that may wait; beyond, refused at once. */
  queueLength: number;
  /** Jobs of the known-device lane that may wait; they start before any of the shared lane. */
  knownDeviceQueueLength: number;
}

/**
 * Bounds the password hashing of the whole process: at most `concurrency` bcrypt jobs run at once
 * and a bounded number wait in each lane; anything beyond is refused at once instead of queueing
 * behind a flood. The configuration keeps `concurrency` below the core count, so a login flood can
 * never take every core from the event loop, and, when bcrypt runs on libuv's thread pool
 * (BCRYPT_THREADS=libuv) rather than its own worker threads, below that pool's size, so file reads,
 * DNS look-ups and async crypto keep threads.
 *
 * A freed place goes to the known-device lane first: a person whose browser the server recognises
 * waits for at most the jobs already running plus the few known-device logins ahead, however full
 * the shared queue is. The lane grants a place in line only; the password and the lock-out
 * throttle are checked as for anyone.
 */
export class HashingPool {
  private running = 0;
  private readonly waiting: Record<HashingLane, (() => void)[]> = { shared: [], knownDevice: [] };
  private readonly queueLengths: Record<HashingLane, number>;
  /** A moving average of how long one job takes, for an honest Retry-After. */
  private averageMs = 250;
  private started = 0;

  constructor(private readonly limits: HashingPoolLimits) {
    if (limits.concurrency < 1 || limits.queueLength < 0 || limits.knownDeviceQueueLength < 0) {
      throw new Error('HashingPool needs concurrency ≥ 1 and queues ≥ 0');
    }
    this.queueLengths = { shared: limits.queueLength, knownDevice: limits.knownDeviceQueueLength };
  }

  /** Jobs that reached bcrypt since start (tests count how many guesses got that far). */
  get jobsStarted(): number {
    return this.started;
  }

  /**
   * Refuses at once when neither a worker nor a place in the lane's queue is free, so a request
   * that would be refused anyway does no other work first (database look-ups, counters) for a flood.
   */
  ensureRoom(lane: HashingLane = 'shared'): void {
    if (!this.hasRoom(lane)) throw new PoolFull(this.retryAfterSeconds(lane));
  }

  async run<T>(job: () => Promise<T>, lane: HashingLane = 'shared'): Promise<T> {
    if (this.running >= this.limits.concurrency) {
      if (!this.hasRoom(lane)) throw new PoolFull(this.retryAfterSeconds(lane));
      await new Promise<void>((resolve) => this.waiting[lane].push(resolve));
    } else {
      this.running += 1;
    }
    // The place was handed over by the job that finished (running stays counted), or taken above.
    this.started += 1;
    const startedAt = performance.now();
    try {
      return await job();
    } finally {
      this.averageMs = this.averageMs * 0.8 + (performance.now() - startedAt) * 0.2;
      const next = this.waiting.knownDevice.shift() ?? this.waiting.shared.shift();
      if (next) next();
      else this.running -= 1;
    }
  }

  private hasRoom(lane: HashingLane): boolean {
    return this.running < this.limits.concurrency || this.waiting[lane].length < this.queueLengths[lane];
  }

  /**
   * When a job of this lane would start: after everyone running and waiting ahead of it, shared by
   * the workers. The known-device lane waits behind its own queue only.
   */
  private retryAfterSeconds(lane: HashingLane): number {
    const ahead = this.waiting.knownDevice.length + (lane === 'shared' ? this.waiting.shared.length : 0);
    const jobs = this.running + ahead;
    return Math.max(1, Math.ceil((jobs / this.limits.concurrency) * (this.averageMs / 1000)));
  }
}

/** The pool and the lane's queue are full: the caller answers 503 with Retry-After. */
export class PoolFull extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('password hashing is at capacity');
    this.name = 'PoolFull';
  }
}
