/**
 * Whether this node is moving whole histories to or from its parent (a first link's bulk
 * catch-up, a first pull's whole cases). Background passes (the scheduler's) hold while it
 * runs: such a transfer is rare and bounded, the node's main thread is its bound, and a time
 * rule fired a few seconds later fires the same event (its id is the rule's, the case's and
 * the due date's).
 *
 * A transfer inside a sync round holds them until that round ends (`roundStarted` /
 * `roundEnded`, from the sync service): the round goes on with its pull and reference, and a
 * first scheduler pass over the history just moved (100,000 documents loaded) would take the
 * main thread from them (B2-100K: a second at the end of the push's round).
 */
export class BulkActivity {
  private running = 0;
  private rounds = 0;
  /** A transfer ended inside a round still under way: the hold lasts until it ends. */
  private lingering = false;
  private waiters: (() => void)[] = [];

  /** Runs `work` as a bulk transfer. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    this.running += 1;
    try {
      return await work();
    } finally {
      this.running -= 1;
      if (this.rounds > 0) this.lingering = true;
      this.wakeIfIdle();
    }
  }

  /** A sync round starts (a transfer within it holds passes until `roundEnded`). */
  roundStarted(): void {
    this.rounds += 1;
  }

  /** The round ended, however it ended. */
  roundEnded(): void {
    this.rounds = Math.max(0, this.rounds - 1);
    if (this.rounds === 0) this.lingering = false;
    this.wakeIfIdle();
  }

  get active(): boolean {
    return this.running > 0 || this.lingering;
  }

  /** Resolves when no bulk transfer runs, nor its round (at once when none does). */
  idle(): Promise<void> {
    return this.active ? new Promise((resolve) => this.waiters.push(resolve)) : Promise.resolve();
  }

  private wakeIfIdle(): void {
    if (!this.active) for (const wake of this.waiters.splice(0)) wake();
  }
}
