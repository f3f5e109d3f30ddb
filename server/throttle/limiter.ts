import { createHmac, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Clock } from '../clock';

/**
 * Counting attempts per account and per client, held only in memory or Redis and
 * keyed by a keyed hash: the e-mail or client address itself is never kept (P-03, P-10).
 */
export interface AttemptCounter {
  /** Adds one attempt to the window and returns the attempts counted in it, including this one. */
  add(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }>;
  count(key: string): Promise<{ count: number; resetInMs: number }>;
  clear(key: string): Promise<void>;
  close(): Promise<void>;
}

export class MemoryAttemptCounter implements AttemptCounter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly clock: Clock) {
    // Drops finished windows so the map cannot grow without bound under an attack.
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  async add(key: string, windowMs: number) {
    const now = this.clock.now().getTime();
    const current = this.windows.get(key);
    const window = current && current.resetAt > now ? current : { count: 0, resetAt: now + windowMs };
    window.count += 1;
    this.windows.set(key, window);
    return { count: window.count, resetInMs: window.resetAt - now };
  }

  async count(key: string) {
    const now = this.clock.now().getTime();
    const current = this.windows.get(key);
    if (!current || current.resetAt <= now) return { count: 0, resetInMs: 0 };
    return { count: current.count, resetInMs: current.resetAt - now };
  }

  async clear(key: string) {
    this.windows.delete(key);
  }

  async close() {
    clearInterval(this.sweeper);
    this.windows.clear();
  }

  private sweep() {
    const now = this.clock.now().getTime();
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}

/** Shared by all server processes, so an attacker gains nothing by hitting another node. */
export class RedisAttemptCounter implements AttemptCounter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'sz:attempts:',
  ) {}

  async add(key: string, windowMs: number) {
    const redisKey = this.prefix + key;
    const result = (await this.redis
      .multi()
      .incr(redisKey)
      .pexpire(redisKey, windowMs, 'NX')
      .pttl(redisKey)
      .exec()) as [Error | null, number][];
    return { count: Number(result[0]?.[1] ?? 0), resetInMs: Math.max(0, Number(result[2]?.[1] ?? 0)) };
  }

  async count(key: string) {
    const redisKey = this.prefix + key;
    const [count, ttl] = await Promise.all([this.redis.get(redisKey), this.redis.pttl(redisKey)]);
    return { count: Number(count ?? 0), resetInMs: Math.max(0, ttl) };
  }

  async clear(key: string) {
    await this.redis.del(this.prefix + key);
  }

  async close() {
    await this.redis.quit();
  }
}

/**
 * The hash key lives only in memory (or, with Redis, in Redis, shared by the nodes), so even a
 * counter key that reached a disk could not be reversed by trying all IPv4 addresses.
 */
export async function throttleKeySecret(redis: Redis | undefined): Promise<Buffer> {
  if (!redis) return randomBytes(32);
  await redis.set('sz:throttle-key', randomBytes(32).toString('base64'), 'NX');
  const stored = await redis.get('sz:throttle-key');
  return Buffer.from(stored ?? '', 'base64');
}

export function throttleKey(secret: Buffer, scope: string, value: string): string {
  return `${scope}:${createHmac('sha256', secret).update(value).digest('base64url')}`;
}
