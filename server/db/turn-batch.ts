/** Keys per query at most: a burst of reconnects still reads in a few bounded statements. */
const MAX_BATCH = 200;

interface Waiting<K, V> {
  key: K;
  resolve: (value: V) => void;
  reject: (error: unknown) => void;
}

/**
 * Statements of the same kind asked for in one turn of the event loop (reads, or writes such as a
 * session's "seen" mark or a signaling hello), made as one (in the manner of DataLoader, without its
 * cache). Even as a prepared statement (server/db/pglite-statements.ts) each costs a fixed part
 * (bind, executor start-up, a turn of the event loop) that dwarfs one more key, and on PGlite
 * statements run one at a time: many sockets opening at once (a restart's reconnects) cost a
 * statement per batch instead of one per socket. While one query runs, the next keys gather and go
 * together when it ends. Every read is issued after it was asked for, so it sees what was stored
 * before: nothing is cached between batches. A failed query fails each of its callers.
 */
export class TurnBatch<K, V> {
  private waiting: Waiting<K, V>[] = [];
  private scheduled = false;
  private running = false;

  /** `readAll` answers each key, in the order of the keys. */
  constructor(private readonly readAll: (keys: K[]) => Promise<V[]>) {}

  load(key: K): Promise<V> {
    return new Promise<V>((resolve, reject) => {
      this.waiting.push({ key, resolve, reject });
      if (!this.scheduled && !this.running) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.waiting.splice(0, MAX_BATCH);
    if (batch.length > 0) void this.run(batch);
  }

  /** Never rejects: each caller learns of a failure through its own promise. */
  private async run(batch: Waiting<K, V>[]): Promise<void> {
    this.running = true;
    try {
      const values = await this.readAll(batch.map((entry) => entry.key));
      batch.forEach((entry, index) => entry.resolve(values[index] as V));
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    } finally {
      this.running = false;
      if (this.waiting.length > 0) this.flush();
    }
  }
}
