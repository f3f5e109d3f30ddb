import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { redisOptions } from './redis-options';
import { TopicHandlers, type ClusterTransport } from './transport';

export interface RedisTransportOptions {
  /** Namespaces keys and channels, so that deployments (or test files) sharing a Redis stay apart. */
  prefix?: string;
  /** A node that has not renewed its heartbeat for this long is dead: its keys may be taken. */
  aliveTtlMs?: number;
  heartbeatMs?: number;
  /** How long an owned key lasts without renewal. */
  keyTtlMs?: number;
  onError?: (error: Error) => void;
}

interface Envelope {
  from: string;
  topic: string;
  body: unknown;
}

/** Takes the key unless a live node other than the caller holds it; the caller's own hold is refreshed. */
const CLAIM = `
local owner = redis.call('GET', KEYS[1])
if owner and owner ~= ARGV[1] and redis.call('EXISTS', ARGV[3] .. owner) == 1 then return owner end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return ARGV[1]`;

const LIVE_OWNER = `
local owner = redis.call('GET', KEYS[1])
if owner and redis.call('EXISTS', ARGV[1] .. owner) == 1 then return owner end
return false`;

const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * Several server processes sharing one Redis: messages go over pub/sub (a channel for all nodes and
 * one per node; Redis keeps the order of one publisher's messages), ownership is a key holding the
 * owner's node id, and a node is alive while its heartbeat key exists. A crashed node's keys are
 * taken over as soon as its heartbeat expires, without waiting for the keys themselves to expire.
 */
export class RedisTransport implements ClusterTransport {
  readonly nodeId = randomUUID();
  readonly distributed = true;
  private readonly handlers = new TopicHandlers();
  private readonly prefix: string;
  private readonly aliveTtlMs: number;
  private readonly keyTtlMs: number;
  private heartbeat: NodeJS.Timeout | undefined;

  private constructor(
    private readonly commands: Redis,
    private readonly subscriber: Redis,
    private readonly options: RedisTransportOptions,
  ) {
    this.prefix = options.prefix ?? 'sz:cluster:';
    this.aliveTtlMs = options.aliveTtlMs ?? 6_000;
    this.keyTtlMs = options.keyTtlMs ?? 10 * 60_000;
  }

  static async connect(url: string, options: RedisTransportOptions = {}): Promise<RedisTransport> {
    const commands = new Redis(url, redisOptions);
    const subscriber = commands.duplicate();
    const transport = new RedisTransport(commands, subscriber, options);
    const report = (error: Error) => options.onError?.(error);
    commands.on('error', report);
    subscriber.on('error', report);
    await commands.connect();
    await subscriber.connect();
    subscriber.on('message', (_channel: string, text: string) => transport.received(text));
    await subscriber.subscribe(transport.channel('all'), transport.channel(transport.nodeId));
    await transport.beat();
    transport.heartbeat = setInterval(() => void transport.beat().catch(report), options.heartbeatMs ?? 2_000).unref();
    return transport;
  }

  broadcast(topic: string, body: unknown): void {
    this.handlers.deliver(topic, body, this.nodeId);
    this.publish('all', topic, body);
  }

  sendTo(nodeId: string, topic: string, body: unknown): void {
    if (nodeId === this.nodeId) return this.handlers.deliver(topic, body, this.nodeId);
    this.publish(nodeId, topic, body);
  }

  subscribe(topic: string, handler: (body: unknown, fromNode: string) => void): () => void {
    return this.handlers.add(topic, handler);
  }

  async claim(key: string): Promise<string> {
    return String(await this.commands.eval(CLAIM, 1, this.key(key), this.nodeId, this.keyTtlMs, this.aliveKey('')));
  }

  async ownerOf(key: string): Promise<string | undefined> {
    const owner = await this.commands.eval(LIVE_OWNER, 1, this.key(key), this.aliveKey(''));
    return typeof owner === 'string' ? owner : undefined;
  }

  async renew(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    const pipeline = this.commands.pipeline();
    for (const key of keys) pipeline.eval(RENEW, 1, this.key(key), this.nodeId, this.keyTtlMs);
    await pipeline.exec();
  }

  async release(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    const pipeline = this.commands.pipeline();
    for (const key of keys) pipeline.eval(RELEASE, 1, this.key(key), this.nodeId);
    await pipeline.exec();
  }

  async alive(nodeIds: readonly string[]): Promise<Set<string>> {
    if (nodeIds.length === 0) return new Set();
    const values = await this.commands.mget(nodeIds.map((nodeId) => this.aliveKey(nodeId)));
    return new Set(nodeIds.filter((_nodeId, index) => values[index] !== null));
  }

  async ping(): Promise<void> {
    await this.commands.ping();
  }

  /**
   * Leaves the cluster: other nodes see this one gone at once and take its keys on their next claim.
   * With Redis down the others find out from the missing heartbeat instead; closing must not wait for
   * it (a shutdown once hung for 35 s), so a failed quit just drops the connection.
   */
  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    this.handlers.clear();
    await this.commands.del(this.aliveKey(this.nodeId)).catch((error: Error) => this.options.onError?.(error));
    for (const client of [this.subscriber, this.commands]) await client.quit().catch(() => client.disconnect());
  }

  private async beat(): Promise<void> {
    await this.commands.set(this.aliveKey(this.nodeId), '1', 'PX', this.aliveTtlMs);
  }

  private publish(target: string, topic: string, body: unknown): void {
    const envelope: Envelope = { from: this.nodeId, topic, body };
    this.commands.publish(this.channel(target), JSON.stringify(envelope)).catch((error: Error) => this.options.onError?.(error));
  }

  /** A failing handler must not take the subscriber down (an exception here would crash the process). */
  private received(text: string): void {
    try {
      const envelope = JSON.parse(text) as Envelope;
      // Broadcasts come back to their sender too; it delivered them to itself already.
      if (envelope.from === this.nodeId) return;
      this.handlers.deliver(envelope.topic, envelope.body, envelope.from);
    } catch (error) {
      this.options.onError?.(error as Error);
    }
  }

  private channel(target: string): string {
    return `${this.prefix}channel:${target}`;
  }

  private key(name: string): string {
    return `${this.prefix}key:${name}`;
  }

  private aliveKey(nodeId: string): string {
    return `${this.prefix}alive:${nodeId}`;
  }
}
