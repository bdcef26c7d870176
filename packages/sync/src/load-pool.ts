import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

/**
 * A case to load: what the node holds of it (`base`: a snapshot and/or changes,
 * concatenated; none for a new case) and the changes arriving (`bytes`, concatenated).
 */
export interface LoadItem {
  caseId: string;
  base?: Uint8Array | undefined;
  bytes: Uint8Array;
  /** Also return a full save of the merged document (a snapshot is due). */
  save?: boolean;
}

/**
 * The content before and after the new changes, as plain data (ImmutableStrings as strings);
 * `content` null when the bytes did not make a whole document (a gap, or not a document): the
 * caller takes the exact path for that case.
 */
export interface Loaded {
  caseId: string;
  before?: Record<string, unknown> | null;
  content: Record<string, unknown> | null;
  snapshot?: Uint8Array;
}

const workerUrl = new URL("./load-worker.mjs", import.meta.url);

/**
 * Worker threads that load and merge case documents in parallel with the main thread. Loading an
 * Automerge document costs ~0.5 ms whatever its size; a 10,000-case push or catch-up is
 * mostly that. The workers start on the first large batch and stop after `idleMs` without
 * work, so a quiet station carries no extra threads.
 */
export class LoadPool {
  private workers: Worker[] = [];
  private seq = 0;
  private readonly waiting = new Map<
    number,
    { worker: Worker; resolve: (out: Loaded[]) => void; reject: (e: unknown) => void }
  >();
  private idle: ReturnType<typeof setTimeout> | null = null;
  /** Started by keepWarm: never stopped for being idle. */
  private kept = false;
  private warmed = new WeakSet<Worker>();
  /** The worker the next chunk goes to (modulo the workers running). */
  private turn = 0;

  constructor(
    readonly size = Math.max(1, Math.min(2, availableParallelism())),
    private readonly idleMs = 20_000,
    /** Rounds of warm-up each worker runs when it starts (see load-worker.mjs); 0: none. */
    private readonly warmUp = 0,
  ) {}

  /**
   * Starts the workers now, warming up, and keeps them: for a hub, whose catch-ups should
   * not pay for cold workers. (A station's pool starts on its first large batch.)
   */
  keepWarm(): void {
    this.kept = true;
    this.start();
  }

  /** How many workers run, and whether they have finished warming up (see keepWarm). */
  get status(): { running: number; warm: boolean } {
    const running = this.workers.length;
    return {
      running,
      warm: this.warmUp === 0 || (running > 0 && this.workers.every((w) => this.warmed.has(w))),
    };
  }

  /** Loads the items, split across the workers; results in the items' order. */
  async load(items: readonly LoadItem[]): Promise<Loaded[]> {
    return Promise.all(this.loadEach(items));
  }

  /**
   * Starts loading the items, in chunks handed to the workers in turn, and returns one
   * promise per item (in the items' order), so the caller can work on the first cases while
   * the workers load the rest.
   */
  loadEach(items: readonly LoadItem[], chunk = 50): Promise<Loaded>[] {
    if (items.length === 0) return [];
    this.start();
    const out: Promise<Loaded>[] = [];
    for (let i = 0; i < items.length; i += chunk) {
      const part = items.slice(i, i + chunk);
      // The turn carries over from call to call: a push of fewer cases than a chunk would
      // otherwise always go to the first worker while the others sat idle.
      const w = this.workers[this.turn++ % this.workers.length] as Worker;
      const done = this.send(w, part);
      // Whoever awaits an item sees a failure; a chunk nobody awaits must not be "unhandled".
      done.catch(() => undefined);
      part.forEach((_, j) => {
        out.push(done.then((list) => list[j] as Loaded));
      });
    }
    Promise.allSettled(out).then(() => this.armIdle());
    for (const p of out) p.catch(() => undefined);
    return out;
  }

  /** Stops the workers now (they start again on the next batch). */
  async close(): Promise<void> {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    const ws = this.workers;
    this.workers = [];
    await Promise.all(ws.map((w) => w.terminate()));
  }

  private start(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    while (this.workers.length < this.size) {
      const w = new Worker(workerUrl, { workerData: { warmUp: this.warmUp } });
      w.unref();
      w.on("message", (m: { id: number; out: Loaded[] } | { warm: true }) => {
        if ("warm" in m) {
          this.warmed.add(w);
          return;
        }
        const p = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        p?.resolve(m.out);
      });
      w.on("error", (e) => this.fail(w, e));
      w.on("exit", (code) => {
        if (code !== 0) this.fail(w, new Error(`load worker exited with ${code}`));
      });
      this.workers.push(w);
    }
  }

  private send(w: Worker, items: LoadItem[]): Promise<Loaded[]> {
    if (items.length === 0) return Promise.resolve([]);
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { worker: w, resolve, reject });
      w.postMessage({ id, items });
    });
  }

  /** A worker died: its batches fail (the caller's transaction was not started) and it goes. */
  private fail(w: Worker, e: unknown): void {
    this.workers = this.workers.filter((x) => x !== w);
    for (const [id, p] of this.waiting) {
      if (p.worker !== w) continue;
      this.waiting.delete(id);
      p.reject(e);
    }
  }

  private armIdle(): void {
    if (this.idle) clearTimeout(this.idle);
    if (this.kept) return;
    // Another batch may have started meanwhile: stop only when nothing is in flight.
    this.idle = setTimeout(
      () => (this.waiting.size === 0 ? void this.close() : this.armIdle()),
      this.idleMs,
    );
    this.idle.unref();
  }
}
