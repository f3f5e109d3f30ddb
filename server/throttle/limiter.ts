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
  /**
   * Takes one of `max` places in the window unless all are taken, in one atomic step: parallel
   * requests cannot all read "4 of 5" and pass together. A refused reservation is not counted.
   * `window` names the window (its end, ms since the epoch) for `release`.
   */
  reserve(key: string, max: number, windowMs: number): Promise<Reservation>;
  /** Gives back one place taken by `reserve`, only if its window is still the current one. */
  release(key: string, window: number, windowMs: number): Promise<void>;
  clear(key: string): Promise<void>;
  close(): Promise<void>;
}

export interface Reservation {
  granted: boolean;
  count: number;
  resetInMs: number;
  window: number;
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

  // No await between reading and writing: one synchronous step, so atomic within the process.
  async reserve(key: string, max: number, windowMs: number): Promise<Reservation> {
    const now = this.clock.now().getTime();
    const current = this.windows.get(key);
    const window = current && current.resetAt > now ? current : { count: 0, resetAt: now + windowMs };
    if (window.count >= max) return { granted: false, count: window.count, resetInMs: window.resetAt - now, window: window.resetAt };
    window.count += 1;
    this.windows.set(key, window);
    return { granted: true, count: window.count, resetInMs: window.resetAt - now, window: window.resetAt };
  }

  async release(key: string, window: number) {
    const current = this.windows.get(key);
    if (current && current.resetAt === window && current.count > 0) current.count -= 1;
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

/**
 * Read, compare and increment in one Lua script: Redis runs it without interleaving any other
 * command, so two processes cannot both take the last place. The window's end is computed from
 * Redis's own clock (TIME), so every process names the same window the same way.
 */
const RESERVE = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
local ttl = redis.call('PTTL', KEYS[1])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
if count >= tonumber(ARGV[1]) and ttl > 0 then return {0, count, ttl, now + ttl} end
count = redis.call('INCR', KEYS[1])
if ttl <= 0 then
  ttl = tonumber(ARGV[2])
  redis.call('PEXPIRE', KEYS[1], ttl)
end
return {1, count, ttl, now + ttl}`;

/**
 * A window's end, recomputed now, matches the reserved one within clock rounding; a later window of
 * the same key ends at least a whole window later (ARGV[2] is half a window), so it is never touched.
 */
const RELEASE = `
local ttl = redis.call('PTTL', KEYS[1])
if ttl <= 0 then return 0 end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
if math.abs(now + ttl - tonumber(ARGV[1])) > tonumber(ARGV[2]) then return 0 end
if tonumber(redis.call('GET', KEYS[1]) or '0') <= 0 then return 0 end
redis.call('DECR', KEYS[1])
return 1`;

/** Shared by all server processes, so an attacker gains nothing by hitting another node. */
export class RedisAttemptCounter implements AttemptCounter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'sz:attempts:',
  ) {}

  async add(key: string, windowMs: number) {
    const redisKey = this.prefix + key;
    const result = (await this.redis.multi().incr(redisKey).pexpire(redisKey, windowMs, 'NX').pttl(redisKey).exec()) as [Error | null, number][];
    return { count: Number(result[0]?.[1] ?? 0), resetInMs: Math.max(0, Number(result[2]?.[1] ?? 0)) };
  }

  async count(key: string) {
    const redisKey = this.prefix + key;
    const [count, ttl] = await Promise.all([this.redis.get(redisKey), this.redis.pttl(redisKey)]);
    return { count: Number(count ?? 0), resetInMs: Math.max(0, ttl) };
  }

  async reserve(key: string, max: number, windowMs: number): Promise<Reservation> {
    const [granted, count, ttl, window] = (await this.redis.eval(RESERVE, 1, this.prefix + key, max, windowMs)) as number[];
    return { granted: granted === 1, count: Number(count), resetInMs: Math.max(0, Number(ttl)), window: Number(window) };
  }

  async release(key: string, window: number, windowMs: number) {
    await this.redis.eval(RELEASE, 1, this.prefix + key, window, Math.floor(windowMs / 2));
  }

  async clear(key: string) {
    await this.redis.del(this.prefix + key);
  }

  async close() {
    // With Redis down quit fails at once; dropping the connection ends its reconnect attempts.
    await this.redis.quit().catch(() => this.redis.disconnect());
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
