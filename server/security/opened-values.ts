/**
 * Plaintexts of sealed values opened a moment ago, so that a page polled every few seconds (the
 * session answer, the practice's day view) does not pay an AES-GCM set-up per field per request:
 * issue 17 measured three of them as 16 % of `GET /api/session`.
 *
 * Correct without invalidation: a sealed value carries its own random IV and authentication tag, so
 * the same sealed text (in the same column) always opens to the same plaintext. A changed field is a
 * new sealed text, and a key rotation re-seals every value. Only values that opened successfully are
 * kept, keyed by column and sealed text together, so a value copied into another column still fails.
 *
 * Bounded in count and in time: an entry lives `ttlMs` from when it was opened (a read does not
 * extend it), so after an account is erased its plaintext leaves this process's memory within that
 * time even if nothing pushes it out sooner. Nothing here is written anywhere.
 */
export interface OpenedValuesOptions {
  /** At most this many plaintexts; the oldest go first. */
  entries: number;
  ttlMs: number;
  /** Milliseconds on a monotonic clock (tests pass their own). */
  now?: () => number;
}

export const OPENED_VALUES_DEFAULTS: OpenedValuesOptions = { entries: 4_096, ttlMs: 60_000 };

export class OpenedValues {
  /** Insertion order is opening order, so the first key is always the oldest entry. */
  private readonly values = new Map<string, { plaintext: string; expiresAt: number }>();
  private readonly now: () => number;

  constructor(private readonly options: OpenedValuesOptions = OPENED_VALUES_DEFAULTS) {
    this.now = options.now ?? (() => performance.now());
  }

  get size(): number {
    return this.values.size;
  }

  /** The plaintext `open` gives for `sealed` in `context`, opening it only if not kept. */
  get(context: string, sealed: string, open: () => string): string {
    const key = `${context}\u0000${sealed}`;
    const now = this.now();
    const kept = this.values.get(key);
    if (kept && kept.expiresAt > now) return kept.plaintext;
    if (kept) this.values.delete(key);
    const plaintext = open();
    this.remember(key, plaintext, now);
    return plaintext;
  }

  /** A value just sealed: its plaintext is known without opening it. */
  sealed(context: string, sealed: string, plaintext: string): void {
    this.remember(`${context}\u0000${sealed}`, plaintext, this.now());
  }

  private remember(key: string, plaintext: string, now: number): void {
    if (this.options.entries <= 0) return;
    this.values.set(key, { plaintext, expiresAt: now + this.options.ttlMs });
    while (this.values.size > this.options.entries) {
      const oldest = this.values.keys().next();
      if (oldest.done) break;
      this.values.delete(oldest.value);
    }
  }
}
