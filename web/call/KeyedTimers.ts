/**
 * One timer per key, kept in line with a set of keys: {@link follow} starts a timer for each new key
 * and clears those whose key is gone; a timer that runs out is forgotten before `expire` is called.
 */
export class KeyedTimers {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly ms: number,
    private readonly expire: (key: string) => void,
    private readonly onStart: (key: string) => void = () => undefined,
  ) {}

  follow(keys: ReadonlySet<string>): void {
    for (const [key, timer] of this.timers) {
      if (keys.has(key)) continue;
      clearTimeout(timer);
      this.timers.delete(key);
    }
    for (const key of keys) {
      if (this.timers.has(key)) continue;
      this.onStart(key);
      this.timers.set(
        key,
        setTimeout(() => {
          this.timers.delete(key);
          this.expire(key);
        }, this.ms),
      );
    }
  }
}
