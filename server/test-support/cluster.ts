import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisTransport, type RedisTransportOptions } from '../cluster/redis-transport';
import { startTestApp, type MemoryMailer, type TestApp } from './app';
import type { TestDatabase } from './database';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Whether tests that need Redis can run. Redis runs on the development machines and in CI; a laptop
 * without it skips those tests, while CI counts on it, so there a missing Redis fails them instead.
 */
export async function redisForTests(): Promise<boolean> {
  const probe = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  const reachable = await probe.connect().then(
    () => true,
    () => false,
  );
  if (reachable) await probe.quit();
  return reachable || Boolean(process.env.CI);
}

export type ClusterNode = TestApp & { port: number; stopped: boolean };

/**
 * Server processes of one deployment inside this test process: each an app listening on its own
 * port, with its own connection pool to the one database, all in one Redis namespace.
 */
export class TestCluster {
  readonly nodes: ClusterNode[] = [];
  private readonly pools: Array<{ close(): Promise<void> }> = [];
  private readonly prefix = `sz:test:${randomUUID()}:`;

  constructor(
    private readonly database: TestDatabase,
    private readonly mailer: MemoryMailer,
    private readonly env: Record<string, string> = {},
  ) {}

  async start(options: RedisTransportOptions = {}): Promise<ClusterNode> {
    const transport = await RedisTransport.connect(TEST_REDIS_URL, { prefix: this.prefix, ...options });
    const pool = this.nodes.length === 0 ? this.database : { ...(await this.database.connectAgain()), label: this.database.label };
    if (pool !== this.database) this.pools.push(pool);
    const testApp = await startTestApp({ mailer: this.mailer, database: pool, transport, env: this.env });
    await testApp.app.http.listen({ host: '127.0.0.1', port: 0 });
    const node = Object.assign(testApp, { port: (testApp.app.http.server.address() as { port: number }).port, stopped: false });
    this.nodes.push(node);
    return node;
  }

  /** Shuts one process down the way SIGTERM does (its sockets are told to reconnect elsewhere). */
  async stop(node: ClusterNode): Promise<void> {
    node.stopped = true;
    await node.close();
  }

  /** The first two processes, which the tests spread their clients over. */
  pair(): [ClusterNode, ClusterNode] {
    const [first, second] = this.nodes;
    if (!first || !second) throw new Error('both processes should be running');
    return [first, second];
  }

  async close(): Promise<void> {
    for (const node of this.nodes) if (!node.stopped) await node.close();
    for (const pool of this.pools) await pool.close();
  }
}
