/**
 * Whether this node is moving whole histories to or from its parent (a first link's bulk
 * catch-up, a first pull's whole cases). Background passes (the scheduler's) hold while it
 * runs: such a transfer is rare and bounded, the node's main thread is its bound, and a time
 * rule fired a few seconds later fires the same event (its id is the rule's, the case's and
 * the due date's).
 */
export class BulkActivity {
  private running = 0;
  private waiters: (() => void)[] = [];

  /** Runs `work` as a bulk transfer. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    this.running += 1;
    try {
      return await work();
    } finally {
      this.running -= 1;
      if (this.running === 0) for (const wake of this.waiters.splice(0)) wake();
    }
  }

  get active(): boolean {
    return this.running > 0;
  }

  /** Resolves when no bulk transfer runs (at once when none does). */
  idle(): Promise<void> {
    return this.running === 0
      ? Promise.resolve()
      : new Promise((resolve) => this.waiters.push(resolve));
  }
}
