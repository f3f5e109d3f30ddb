import { randomUUID } from 'node:crypto';

/**
 * How the server processes of one deployment talk to each other. Features own their message types
 * and use a named topic each; the transport only moves JSON between nodes and keeps two shared
 * facts: which nodes are alive, and which node owns a key (a consultation's room lives on exactly one
 * node, whichever node its sockets reach).
 *
 * One process (the embedded default) uses `LocalTransport`; several use `RedisTransport`.
 */
export interface ClusterTransport {
  readonly nodeId: string;
  /** Whether other nodes may exist: features then keep their shared state in step. */
  readonly distributed: boolean;
  /** Delivers to every node, this one first and synchronously. */
  broadcast(topic: string, body: unknown): void;
  /** Delivers to one node; this node's own messages are delivered synchronously. */
  sendTo(nodeId: string, topic: string, body: unknown): void;
  subscribe(topic: string, handler: (body: unknown, fromNode: string) => void): () => void;
  /** The live owner of the key, taking it for this node when nobody (alive) holds it. */
  claim(key: string): Promise<string>;
  /** The live owner of the key, if any; never takes it. */
  ownerOf(key: string): Promise<string | undefined>;
  /** Keeps the keys this node still uses from expiring. */
  renew(keys: readonly string[]): Promise<void>;
  /** Gives up keys this node owns (at shutdown), so the next claim takes them at once. */
  release(keys: readonly string[]): Promise<void>;
  /** Which of these nodes are alive. */
  alive(nodeIds: readonly string[]): Promise<Set<string>>;
  /** Throws when the nodes cannot reach each other (Redis down); /readyz asks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** A typed view of one topic, so each feature's messages stay checked by the compiler. */
export class Topic<Body> {
  constructor(
    private readonly transport: ClusterTransport,
    private readonly name: string,
  ) {}

  broadcast(body: Body): void {
    this.transport.broadcast(this.name, body);
  }

  sendTo(nodeId: string, body: Body): void {
    this.transport.sendTo(nodeId, this.name, body);
  }

  subscribe(handler: (body: Body, fromNode: string) => void): () => void {
    return this.transport.subscribe(this.name, (body, fromNode) => handler(body as Body, fromNode));
  }
}

/** Handlers per topic; both transports deliver through it. */
export class TopicHandlers {
  private readonly handlers = new Map<string, Set<(body: unknown, fromNode: string) => void>>();

  add(topic: string, handler: (body: unknown, fromNode: string) => void): () => void {
    const set = this.handlers.get(topic) ?? new Set();
    set.add(handler);
    this.handlers.set(topic, set);
    return () => set.delete(handler);
  }

  deliver(topic: string, body: unknown, fromNode: string): void {
    for (const handler of this.handlers.get(topic) ?? []) handler(body, fromNode);
  }

  clear(): void {
    this.handlers.clear();
  }
}

/** The single process of the embedded default: it owns every key and is the only node alive. */
export class LocalTransport implements ClusterTransport {
  readonly nodeId = randomUUID();
  readonly distributed = false;
  private readonly handlers = new TopicHandlers();

  broadcast(topic: string, body: unknown): void {
    this.handlers.deliver(topic, body, this.nodeId);
  }

  sendTo(nodeId: string, topic: string, body: unknown): void {
    if (nodeId === this.nodeId) this.handlers.deliver(topic, body, this.nodeId);
  }

  subscribe(topic: string, handler: (body: unknown, fromNode: string) => void): () => void {
    return this.handlers.add(topic, handler);
  }

  async claim(): Promise<string> {
    return this.nodeId;
  }

  async ownerOf(): Promise<string> {
    return this.nodeId;
  }

  async renew(): Promise<void> {}

  async release(): Promise<void> {}

  async alive(nodeIds: readonly string[]): Promise<Set<string>> {
    return new Set(nodeIds.filter((nodeId) => nodeId === this.nodeId));
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.handlers.clear();
  }
}
