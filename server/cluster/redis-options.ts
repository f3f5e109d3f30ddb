import type { RedisOptions } from 'ioredis';

/** Longest a Redis command may take before the request that needed it answers 503. */
const REDIS_COMMAND_TIMEOUT_MS = 2_000;

/**
 * Every Redis connection of the server. While Redis is down a command fails at once instead of
 * waiting in ioredis's offline queue (a login once answered 500 after 13.9 s), one in flight fails
 * after the command timeout, and the connection keeps coming back on its own (every ≤ 2 s) so the
 * process recovers without a restart. The failures are answered 503 (server/http/errors.ts).
 */
export const redisOptions: RedisOptions = {
  lazyConnect: true,
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
  connectTimeout: 5_000,
  retryStrategy: (times) => Math.min(200 * times, 2_000),
};
