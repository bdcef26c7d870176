/**
 * Serialises async work per key. A case's writes must not interleave: a snapshot written by
 * one must cover every change another appended, or a later load would miss changes.
 */
export class KeyedLock {
  private tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    const next = prev.then(work, work);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await next;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Runs `work` holding every key in `keys` (sorted, so two callers never deadlock). */
  async runAll<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    const sorted = [...new Set(keys)].sort();
    const acquire = (i: number): Promise<T> =>
      i === sorted.length ? work() : this.run(sorted[i] as string, () => acquire(i + 1));
    return acquire(0);
  }
}
