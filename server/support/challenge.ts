import { createHash, createHmac } from 'node:crypto';
import { leadingZeroBits, proofInput } from '../../common/proof-of-work';
import type { Clock } from '../clock';
import { AppError } from '../http/errors';
import { constantTimeEquals, randomToken } from '../security/tokens';
import { throttleKey, type AttemptCounter } from '../throttle/limiter';
import { CHALLENGE_LIFETIME_MS, PROOF_OF_WORK_BITS } from './policy';

/**
 * Stateless challenges: `v1.<expiry ms>.<bits>.<random id>.<HMAC>`. Nothing is stored when one is
 * issued; a solved one is remembered (by a keyed hash of its id, in the attempt counter: memory or
 * Redis, shared by all processes) until it expires, so each is accepted once.
 */
export class ChallengeIssuer {
  private readonly key: Buffer;

  constructor(private readonly deps: { counter: AttemptCounter; secret: Buffer; clock: Clock; bits?: number }) {
    // Derived, so the throttle's own key is never used for two purposes.
    this.key = createHmac('sha256', deps.secret).update('contact-challenge').digest();
  }

  private get bits(): number {
    return this.deps.bits ?? PROOF_OF_WORK_BITS;
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }

  issue(): { challenge: string; bits: number } {
    const expiresAt = this.deps.clock.now().getTime() + CHALLENGE_LIFETIME_MS;
    const payload = `v1.${expiresAt}.${this.bits}.${randomToken(16)}`;
    return { challenge: `${payload}.${this.sign(payload)}`, bits: this.bits };
  }

  /** Throws 422 spam_check_failed unless the challenge is ours, current, solved and unused. */
  async redeem(challenge: string, nonce: string): Promise<void> {
    const parts = challenge.split('.');
    const [version, expiry, bits, id, signature] = parts;
    const payload = parts.slice(0, 4).join('.');
    const genuine = parts.length === 5 && version === 'v1' && constantTimeEquals(signature ?? '', this.sign(payload));
    if (!genuine) throw failed('This form was not loaded from this server. Please reload the page.');
    if (Number(expiry) <= this.deps.clock.now().getTime()) throw failed('The form waited too long. Please send it again.');
    const digest = createHash('sha256').update(proofInput(challenge, nonce)).digest();
    if (leadingZeroBits(digest) < Math.max(Number(bits), this.bits)) throw failed('The spam check did not come out. Please send again.');
    const { count } = await this.deps.counter.add(throttleKey(this.key, 'contactChallenge', id ?? ''), CHALLENGE_LIFETIME_MS);
    if (count > 1) throw failed('This form was sent already. Please reload the page to send another message.');
  }
}

function failed(message: string): AppError {
  return new AppError('spam_check_failed', message);
}
