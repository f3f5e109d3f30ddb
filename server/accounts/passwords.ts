import { createHash } from 'node:crypto';
import { PASSWORD_MIN_LENGTH } from '../../common/api/fields';
import { importCommonJs, lazy } from '../../common/lazy';
import { AppError, fieldError } from '../http/errors';
import type { Attempt } from '../throttle/throttle';
import { libuvBcrypt, type BcryptRunner } from './bcrypt-threads';
import { HashingPool, PoolFull, type HashingLane } from './hashing-pool';

/**
 * bcrypt reads only the first 72 bytes of its input, so two long passwords with the same start
 * would match. We feed it the base64 SHA-256 of the password instead (44 ASCII bytes, no NUL):
 * every character of a 128-character password counts.
 */
function prehash(password: string): string {
  return createHash('sha256').update(password.normalize('NFC'), 'utf8').digest('base64');
}

/**
 * The one place bcrypt runs: every hash and every check goes through one bounded pool, and a check
 * needs an `Attempt` reserved from the throttle before it (a guess is counted before it is hashed).
 */
export class PasswordHasher {
  /** Compared against when the account does not exist, so both answers take equally long. */
  private readonly dummyHash: Promise<string>;

  constructor(
    private readonly cost: number,
    private readonly pool: HashingPool = new HashingPool({ concurrency: 1, queueLength: 4, knownDeviceQueueLength: 4 }),
    /** Where bcrypt runs (libuv's thread pool by default); closed with the hasher. */
    private readonly bcrypt: BcryptRunner = libuvBcrypt,
  ) {
    // At construction the pool is empty, so this first job is never refused.
    this.dummyHash = this.pool.run(() => this.bcrypt.hash(prehash('no account has this password'), cost));
  }

  /** Stops the bcrypt threads it owns, once the dummy hash is done (its job would fail otherwise). */
  async close(): Promise<void> {
    await this.dummyHash;
    await this.bcrypt.close();
  }

  /** bcrypt jobs started since start-up; tests count how many guesses reached the hash. */
  get jobsStarted(): number {
    return this.pool.jobsStarted;
  }

  /** Answers 503 at once when the lane is at capacity: called before any other work of a check. */
  ensureCapacity(lane: HashingLane = 'shared'): void {
    try {
      this.pool.ensureRoom(lane);
    } catch (error) {
      throw busy(error);
    }
  }

  hash(password: string): Promise<string> {
    return this.bounded(() => this.bcrypt.hash(prehash(password), this.cost));
  }

  /**
   * Checks a password against a hash; an empty hash (an invited member who has not set a password
   * yet, or no account) never matches but costs the same. Settles `attempt`: a match clears or
   * releases its places, a mismatch keeps them, a refusal for lack of capacity gives them back.
   * `lane` only says where the check waits for a worker (a known device's own queue or the shared one).
   */
  async verify(password: string, hash: string | undefined, attempt: Attempt, lane: HashingLane = 'shared'): Promise<boolean> {
    attempt.begin();
    let valid: boolean;
    try {
      if (hash) valid = await this.bounded(() => this.bcrypt.compare(prehash(password), hash), lane);
      else {
        const dummy = await this.dummyHash;
        await this.bounded(() => this.bcrypt.compare(prehash(password), dummy), lane);
        valid = false;
      }
    } catch (error) {
      await attempt.abandoned();
      throw error;
    }
    if (valid) await attempt.succeeded();
    else attempt.failed();
    return valid;
  }

  private async bounded<T>(job: () => Promise<T>, lane: HashingLane = 'shared'): Promise<T> {
    try {
      return await this.pool.run(job, lane);
    } catch (error) {
      throw busy(error);
    }
  }
}

function busy(error: unknown): unknown {
  if (!(error instanceof PoolFull)) return error;
  return new AppError('service_unavailable', `The server is very busy. Please try again in ${error.retryAfterSeconds} seconds.`, {
    headers: {
      'retry-after': String(error.retryAfterSeconds),
    },
  });
}

/** Passwords people pick first, plus German ones the English list lacks. */
const germanCommon = [
  'passwort123',
  'passwort1234',
  'passwort12345',
  'hallo12345',
  'hallo123456',
  'schatz12345',
  'fussball123',
  'fußball123',
  'sommer2024!',
  'willkommen1',
  'willkommen123',
  'geheim12345',
  'sprechzimmer',
  'sprechzimmer1',
  'sprechzimmer123',
  'praxis12345',
];

/**
 * The list (some 49,000 entries, 0.4 MB of code) is loaded at the first password someone chooses, not
 * at start-up: most starts are restarts, and logging in never needs it.
 */
const commonPasswords = lazy(
  async (): Promise<ReadonlySet<string>> =>
    new Set(
      [...(await importCommonJs(() => import('@zxcvbn-ts/language-common'))).dictionary['passwords-common'], ...germanCommon]
        .filter((password) => password.length >= PASSWORD_MIN_LENGTH)
        .map((password) => password.toLowerCase()),
    ),
);

export async function isCommonPassword(password: string): Promise<boolean> {
  const lowered = password.toLowerCase();
  if ((await commonPasswords()).has(lowered)) return true;
  // One repeated character or a plain run of digits is as weak as any list entry.
  return /^(.)\1+$/.test(lowered) || (/^\d+$/.test(lowered) && '01234567890123456789'.includes(lowered));
}

/** A new password (registration, reset, change, a member's first) is refused when it is a common one. */
export async function rejectCommonPassword(field: string, password: string): Promise<void> {
  if (await isCommonPassword(password)) {
    throw fieldError(field, { code: 'common_password', message: 'This password is among the most common ones. Please choose another.' });
  }
}
