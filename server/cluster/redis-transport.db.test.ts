import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { redisForTests, TEST_REDIS_URL } from '../test-support/cluster';
import { RedisTransport, type RedisTransportOptions } from './redis-transport';

describe('cluster transport over Redis', () => {
  let available = false;
  let prefix = '';
  const started: RedisTransport[] = [];

  const node = async (options: RedisTransportOptions = {}) => {
    const transport = await RedisTransport.connect(TEST_REDIS_URL, { prefix, ...options });
    started.push(transport);
    return transport;
  };
  const until = async (condition: () => boolean) => {
    for (let waited = 0; !condition(); waited += 10) {
      if (waited > 3000) throw new Error('condition not met within 3 s');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  beforeAll(async () => {
    available = await redisForTests();
  });
  afterEach(async () => {
    for (const transport of started.splice(0)) await transport.close();
  });

  it('delivers broadcasts to every node (the sender at once) and direct messages to one, in order', async (context) => {
    if (!available) context.skip();
    prefix = `sz:test:${randomUUID()}:`;
    const [a, b, c] = [await node(), await node(), await node()];
    const heard = new Map<string, Array<{ body: unknown; from: string }>>([a, b, c].map((transport) => [transport.nodeId, []]));
    for (const transport of [a, b, c]) transport.subscribe('test', (body, from) => heard.get(transport.nodeId)!.push({ body, from }));
    b.subscribe('other', () => heard.get(b.nodeId)!.push({ body: 'wrong topic', from: '' }));

    a.broadcast('test', { n: 'everyone' });
    expect(heard.get(a.nodeId)).toEqual([{ body: { n: 'everyone' }, from: a.nodeId }]);
    for (let n = 0; n < 300; n += 1) a.sendTo(b.nodeId, 'test', { n });
    await until(() => heard.get(b.nodeId)!.length === 301);
    expect(heard.get(b.nodeId)!.map((entry) => entry.body)).toEqual([{ n: 'everyone' }, ...Array.from({ length: 300 }, (_, n) => ({ n }))]);
    expect(heard.get(b.nodeId)!.every((entry) => entry.from === a.nodeId)).toBe(true);
    await until(() => heard.get(c.nodeId)!.length === 1);
    expect(heard.get(c.nodeId)).toEqual([{ body: { n: 'everyone' }, from: a.nodeId }]);
    expect(heard.get(a.nodeId)).toHaveLength(1);
  });

  it('gives a key to one live node at a time, and takes it from a node that left or stopped beating', async (context) => {
    if (!available) context.skip();
    prefix = `sz:test:${randomUUID()}:`;
    const a = await node();
    const b = await node();
    expect(await a.ownerOf('room:1')).toBeUndefined();
    expect(await a.claim('room:1')).toBe(a.nodeId);
    expect(await b.claim('room:1')).toBe(a.nodeId);
    expect(await b.ownerOf('room:1')).toBe(a.nodeId);
    await b.release(['room:1']);
    expect(await b.ownerOf('room:1')).toBe(a.nodeId);
    expect(await b.alive([a.nodeId, b.nodeId, randomUUID()])).toEqual(new Set([a.nodeId, b.nodeId]));

    await a.close();
    started.splice(started.indexOf(a), 1);
    expect(await b.alive([a.nodeId])).toEqual(new Set());
    expect(await b.ownerOf('room:1')).toBeUndefined();
    expect(await b.claim('room:1')).toBe(b.nodeId);

    // A node that hangs: its heartbeat lapses, and with it its keys.
    const hanging = await node({ heartbeatMs: 60_000, aliveTtlMs: 300 });
    expect(await hanging.claim('room:2')).toBe(hanging.nodeId);
    expect(await b.claim('room:2')).toBe(hanging.nodeId);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await b.claim('room:2')).toBe(b.nodeId);
    expect(await hanging.claim('room:2')).toBe(b.nodeId);
  });
});
