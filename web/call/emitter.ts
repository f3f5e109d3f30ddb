/** Minimal typed event emitter (no DOM EventTarget, so it runs unchanged in Node tests). */
export type EventMap = Record<string, unknown[]>;

export class Emitter<Events extends EventMap> {
  private readonly listeners = new Map<keyof Events, Set<unknown>>();

  on<K extends keyof Events>(event: K, listener: (...args: Events[K]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener);
    return () => this.off(event, listener);
  }

  once<K extends keyof Events>(event: K, listener: (...args: Events[K]) => void): () => void {
    const off = this.on(event, (...args) => {
      off();
      listener(...args);
    });
    return off;
  }

  off<K extends keyof Events>(event: K, listener: (...args: Events[K]) => void): void {
    this.listeners.get(event)?.delete(listener);
  }

  protected emit<K extends keyof Events>(event: K, ...args: Events[K]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        (listener as (...args: Events[K]) => void)(...args);
      } catch (error) {
        // A broken listener must not break the engine's state machine; surface it asynchronously.
        setTimeout(() => {
          throw error;
        }, 0);
      }
    }
  }

  removeAllListeners(): void {
    this.listeners.clear();
  }
}
