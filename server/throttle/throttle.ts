import { AppError } from '../http/errors';
import { throttleKey, type AttemptCounter } from './limiter';
import { limits, type LimitName } from './policy';

/** Applies the named limits; a request over a limit gets 429 with Retry-After. */
export class Throttle {
  constructor(
    private readonly counter: AttemptCounter,
    private readonly secret: Buffer,
  ) {}

  private key(limit: LimitName, subject: string): string {
    return throttleKey(this.secret, limit, subject);
  }

  /** Counts this attempt and refuses it when it is over the limit. */
  async consume(limit: LimitName, subject: string): Promise<void> {
    const { max, windowMs } = limits[limit];
    const { count, resetInMs } = await this.counter.add(this.key(limit, subject), windowMs);
    if (count > max) throw tooManyRequests(resetInMs);
  }

  /** Refuses without counting: for limits that count only failures. */
  async check(limit: LimitName, subject: string): Promise<void> {
    const { count, resetInMs } = await this.counter.count(this.key(limit, subject));
    if (count >= limits[limit].max) throw tooManyRequests(resetInMs);
  }

  async recordFailure(limit: LimitName, subject: string): Promise<void> {
    await this.counter.add(this.key(limit, subject), limits[limit].windowMs);
  }

  async clear(limit: LimitName, subject: string): Promise<void> {
    await this.counter.clear(this.key(limit, subject));
  }
}

function tooManyRequests(resetInMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(resetInMs / 1000));
  return new AppError(429, 'too_many_requests', `Too many attempts. Please try again in ${seconds} seconds.`, undefined, {
    'retry-after': String(seconds),
  });
}
