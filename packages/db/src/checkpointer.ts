import { Worker } from "node:worker_threads";

const workerUrl = new URL("./checkpoint-worker.mjs", import.meta.url);

export interface CheckpointStatus {
  /** Checkpoints run. */
  runs: number;
  /** Frames in the write-ahead log at the last run, and how many of them are in the database. */
  log: number;
  checkpointed: number;
  /** The last failure, if the last run failed. */
  error: string | null;
}

export interface CheckpointerOptions {
  /** Checks every `minMs` while frames arrive, backing off to `maxMs` when the log is quiet. */
  minMs?: number;
  maxMs?: number;
  /** The database file's encryption key (openDb's), if it is encrypted. */
  encryptionKey?: string | null;
}

/**
 * Moves SQLite's WAL checkpoints off the thread that commits. With the default automatic
 * checkpoint, the commit that fills the log past 1,000 pages copies them into the database
 * file before it returns: during a 10,000-case push that was ~0.7 s of the hub's main thread
 * (of ~1.4 s in COMMIT). A worker thread runs PASSIVE checkpoints on its own connection —
 * every `minMs` while frames arrive, backing off to `maxMs` when the log is quiet — and the
 * committing connection keeps a high automatic threshold only as a safety net (openDb).
 * Durability does not change: a commit is durable once it is in the log (synchronous=FULL).
 */
export class Checkpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  private s: CheckpointStatus = { runs: 0, log: 0, checkpointed: 0, error: null };
  private closing = false;
  private waiters: ((s: CheckpointStatus) => void)[] = [];

  constructor(url: string, opts: CheckpointerOptions = {}) {
    const { minMs = 1000, maxMs = 5000, encryptionKey = null } = opts;
    // The worker's connection needs the file's key like every other connection to it.
    this.worker = new Worker(workerUrl, { workerData: { url, minMs, maxMs, encryptionKey } });
    // A server exits when it is done; this thread must not keep it alive.
    this.worker.unref();
    this.exited = new Promise((resolve) => this.worker.once("exit", () => resolve()));
    this.worker.on("message", (m: { log: number; checkpointed: number } | { error: string }) => {
      this.s =
        "error" in m
          ? { ...this.s, runs: this.s.runs + 1, error: m.error }
          : { runs: this.s.runs + 1, log: m.log, checkpointed: m.checkpointed, error: null };
      const waiting = this.waiters;
      this.waiters = [];
      for (const w of waiting) w(this.status);
    });
    this.worker.on("error", (e) => {
      this.s = { ...this.s, error: e instanceof Error ? e.message : String(e) };
    });
  }

  get status(): CheckpointStatus {
    return { ...this.s };
  }

  /** Resolves with the status after the worker's next run (however long the machine takes). */
  nextRun(): Promise<CheckpointStatus> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * Stops the worker and closes its connection (a checkpoint in progress finishes first);
   * resolves once the thread has exited. Calling it again waits for the same exit.
   */
  close(): Promise<void> {
    if (!this.closing) {
      this.closing = true;
      this.worker.postMessage("close");
    }
    return this.exited;
  }
}
