import { AppError } from '../http/errors';
import { throttleKey, type AttemptCounter } from './limiter';
import { limits, type LimitName } from './policy';

/** One limit an attempt is counted against before its check runs. */
export interface AttemptPlace {
  limit: LimitName;
  subject: string;
  /**
   * What a passed check does with the place: `clear` forgets every failure counted in the window
   * (the owner proved the password), `release` gives back only this place (a success is no failure).
   */
  onSuccess: 'clear' | 'release';
}

interface TakenPlace {
  key: string;
  window: number;
  windowMs: number;
  onSuccess: AttemptPlace['onSuccess'];
}

/** Only Throttle.reserve holds this, so no other code can make an Attempt. */
const issuedByThrottle = Symbol('issued by Throttle.reserve');

/**
 * An attempt counted before the expensive check it guards (a password hash), so parallel guesses
 * cannot all pass a counter that is only read. A failure keeps the places; `PasswordHasher.verify`
 * takes one and settles it, so each check costs one place and none can be skipped.
 */
export class Attempt {
  private state: 'reserved' | 'checking' | 'settled' = 'reserved';

  constructor(
    token: symbol,
    private readonly counter: AttemptCounter,
    private readonly places: readonly TakenPlace[],
  ) {
    if (token !== issuedByThrottle) throw new Error('an Attempt comes only from Throttle.reserve');
  }

  /** Marks the start of the one check this reservation pays for; a second check is a programming error. */
  begin(): void {
    if (this.state !== 'reserved') throw new Error('this attempt was already checked; reserve a new one');
    this.state = 'checking';
  }

  /** The check passed: the places are cleared or given back as each limit says. */
  async succeeded(): Promise<void> {
    if (this.state === 'settled') return;
    this.state = 'settled';
    for (const place of this.places) {
      if (place.onSuccess === 'clear') await this.counter.clear(place.key);
      else await this.counter.release(place.key, place.window, place.windowMs);
    }
  }

  /** The check failed: the places stay taken until their window ends. */
  failed(): void {
    this.state = 'settled';
  }

  /** The check never ran (the server was too busy to hash): the attempt costs the person nothing. */
  async abandoned(): Promise<void> {
    if (this.state === 'settled') return;
    this.state = 'settled';
    await giveBack(this.counter, this.places);
  }
}

async function giveBack(counter: AttemptCounter, places: readonly TakenPlace[]): Promise<void> {
  for (const place of places) await counter.release(place.key, place.window, place.windowMs);
}

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

  /**
   * Takes a place in every limit before the check runs (reserve, then settle). When one limit is
   * used up, the places already taken are given back and the request is refused at once: it never
   * reaches the hash.
   */
  async reserve(places: readonly AttemptPlace[]): Promise<Attempt> {
    const taken: TakenPlace[] = [];
    for (const place of places) {
      const { max, windowMs } = limits[place.limit];
      const key = this.key(place.limit, place.subject);
      const reservation = await this.counter.reserve(key, max, windowMs);
      if (!reservation.granted) {
        await giveBack(this.counter, taken);
        throw tooManyRequests(reservation.resetInMs);
      }
      taken.push({ key, window: reservation.window, windowMs, onSuccess: place.onSuccess });
    }
    return new Attempt(issuedByThrottle, this.counter, taken);
  }

  /** How many attempts the limit still allows in the current window, and when that window ends; counts nothing. */
  async remaining(limit: LimitName, subject: string): Promise<{ remaining: number; resetInMs: number }> {
    const { count, resetInMs } = await this.counter.count(this.key(limit, subject));
    return { remaining: Math.max(0, limits[limit].max - count), resetInMs };
  }

  /** Counts this attempt and says whether it is within the limit: for caps over which nothing is done, silently. */
  async allows(limit: LimitName, subject: string): Promise<boolean> {
    const { count } = await this.counter.add(this.key(limit, subject), limits[limit].windowMs);
    return count <= limits[limit].max;
  }
}

/** 429 with Retry-After, as every limit answers. */
export function tooManyRequests(resetInMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(resetInMs / 1000));
  return new AppError('too_many_requests', `Too many attempts. Please try again in ${seconds} seconds.`, {
    headers: {
      'retry-after': String(seconds),
    },
  });
}
