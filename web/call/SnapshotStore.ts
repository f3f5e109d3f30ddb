/**
 * The React binding of an engine object: immutable snapshots for
 * `useSyncExternalStore(store.subscribe, store.getSnapshot)`, built on demand and kept until the next
 * change; however many changes come in one task, listeners hear of them once, in the next task.
 */
export class SnapshotStore<T> {
  private readonly listeners = new Set<() => void>();
  private cache: T | null = null;
  private notifyScheduled = false;

  constructor(private readonly build: () => T) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): T => {
    this.cache ??= this.build();
    return this.cache;
  };

  /** Something changed: the next snapshot is built anew and the listeners are told. */
  changed(): void {
    this.cache = null;
    if (this.notifyScheduled) return;
    this.notifyScheduled = true;
    // A task, not a microtask: a file transfer or hash that awaits chunk after chunk changes the
    // session many times within one task, and React counts store updates delivered in a microtask
    // chain as nested updates ("Maximum update depth exceeded" after 50).
    setTimeout(() => {
      this.notifyScheduled = false;
      for (const listener of [...this.listeners]) listener();
    }, 0);
  }

  /** Nobody is told any more. */
  clear(): void {
    this.listeners.clear();
  }
}
