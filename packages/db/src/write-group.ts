import { setImmediate } from "node:timers";
import { Worker } from "node:worker_threads";
import type { AuditEntry, ChainRow } from "@bangban/sync";
import type { InStatement, InValue } from "@libsql/client";
import { AUDIT_INSERT, AUDIT_TAIL, auditContent } from "./audit-chain";

/** A row a statement returned (RETURNING), by column name. */
export type WriteRow = Record<string, unknown>;

/** What one statement of a write returned, in the order of the write's statements. */
export interface WriteResult {
  /** A reader's rows (RETURNING, SELECT); none for other statements. */
  rows: WriteRow[];
  /** Rows the statement inserted, updated or deleted (a reader: the rows it returned). */
  rowsAffected: number;
}

export interface WriteGroupStatus {
  /** Transactions committed (each holds one or more writes). */
  groups: number;
  /** Writes committed, and writes refused (their own statements failed; rolled back alone). */
  writes: number;
  refused: number;
  /** The most writes one transaction held. */
  largest: number;
}

export interface WriteGroupOptions {
  /** The file's key, if it is encrypted (every connection to it needs it). */
  encryptionKey?: string | null;
  /** Milliseconds to wait for another connection's write lock. */
  busyTimeoutMs: number;
  /** Settings for this connection (PRAGMA statements), run once when it opens. */
  pragmas: readonly string[];
  /** At most this many writes in one transaction; the rest go in the next (default 64). */
  maxWrites?: number;
}

/** The thread's answer to a request: per statement, a reader's rows or the rows it changed. */
type Answer = (WriteRow[] | number)[];

/** A write as it travels to the thread: statements as the driver binds them, audit row content. */
interface Outgoing {
  id: number;
  stmts: { sql: string; args: unknown }[];
  audit: Omit<ChainRow, "id" | "prevHash">[];
}

interface SentError {
  message: string;
  name?: string;
  code?: string;
  rawCode?: number;
}

type Incoming =
  | { t: "ready" }
  | { t: "closed" }
  | { t: "q"; id: number; rows?: WriteRow[]; error?: SentError }
  | {
      t: "g";
      /** Per statement: a reader's rows, or the rows another statement changed. */
      done: [number, (WriteRow[] | number)[]][];
      refused: [number, SentError][];
      committed?: number;
    };

const workerUrl = new URL("./write-worker.mjs", import.meta.url);

/**
 * Group commit for a hub's case writes (its stations' pushes, its own staff's edits) on a file,
 * on a thread of its own (write-worker.mjs).
 *
 * Each write is a list of statements that must land together (and audit lines chained after the
 * log's tail). Writes made while the event loop is busy — a hub serving many pushes — wait for
 * the loop's next turn (`setImmediate`) and go to the thread together; the thread commits what
 * it holds together: one `BEGIN IMMEDIATE` … one `COMMIT`, each write inside its own SAVEPOINT.
 * A write whose statement fails is rolled back alone and rejected; the others commit. Every
 * write is resolved only after the COMMIT returned, so nothing is acknowledged before it is
 * durable (synchronous=FULL).
 *
 * Why group: a commit's cost is the pages it writes to the log and their fsync, and a push's
 * pages are mostly shared with the next one's (the ends of the change log, its feeds and the
 * time-ordered indexes). Measured under B3 (50 stations pushing): COMMIT was 9.3 ms a push,
 * 40% of the hub's SQL time.
 *
 * Why a thread: with the commits grouped, the transaction (its statements, savepoints and
 * COMMIT) was still 44% of the hub's main thread under B3, the thread that also answers every
 * station and every screen. On its own thread it runs beside them, on the machine's other core.
 *
 * Why its own connection, on the synchronous driver (`libsql`, which @libsql/client wraps): a
 * transaction spanning several writes must not yield between its statements, or another
 * caller's write would wait for its lock. The thread runs each transaction from BEGIN to COMMIT
 * without yielding. Constant statements stay prepared (the client prepares every statement
 * every time: 64 µs each, 2 s of a B3 run).
 *
 * Audit lines are chained on the thread inside the transaction, after the tail read under its
 * write lock, with the same hash as everywhere (@bangban/sync row-hash.mjs), so no other
 * connection can extend the log in between (withAuditChain's race cannot happen here).
 */
export class WriteGroup {
  private readonly worker: Worker;
  private readonly ready: Promise<void>;
  private queue: Outgoing[] = [];
  private scheduled = false;
  private closing: Promise<void> | null = null;
  /** Why the thread stopped, when it did: every later call fails with it. */
  private dead: Error | null = null;
  private seq = 0;
  /** Writes sent and not yet answered. */
  private writing = 0;
  private readonly waiting = new Map<
    number,
    { resolve: (results: Answer) => void; reject: (e: unknown) => void }
  >();
  private s: WriteGroupStatus = { groups: 0, writes: 0, refused: 0, largest: 0 };

  /** Opens the file on the thread; rejects as opening it failed (a wrong key, a bad path). */
  static async open(path: string, opts: WriteGroupOptions): Promise<WriteGroup> {
    const g = new WriteGroup(path, opts);
    try {
      await g.ready;
    } catch (e) {
      await g.worker.terminate();
      throw e;
    }
    return g;
  }

  private constructor(path: string, opts: WriteGroupOptions) {
    this.worker = new Worker(workerUrl, {
      workerData: {
        path,
        encryptionKey: opts.encryptionKey ?? null,
        busyTimeoutMs: opts.busyTimeoutMs,
        pragmas: opts.pragmas,
        maxWrites: opts.maxWrites ?? 64,
        auditInsert: AUDIT_INSERT,
        auditTail: AUDIT_TAIL,
      },
    });
    // Held open only while something waits for it (see track): an idle hub's CLI can exit.
    this.worker.unref();
    let opened: () => void = () => undefined;
    let failed: (e: unknown) => void = () => undefined;
    this.ready = new Promise<void>((resolve, reject) => {
      opened = resolve;
      failed = reject;
    });
    this.worker.on("message", (m: Incoming) => {
      if (m.t === "ready") opened();
      else if (m.t === "q") this.settle(m.id, m.error, m.rows ? [m.rows] : []);
      else if (m.t === "g") {
        if (m.committed !== undefined) {
          this.s.groups += 1;
          this.s.writes += m.committed;
          this.s.largest = Math.max(this.s.largest, m.committed);
        }
        this.s.refused += m.refused.length;
        for (const [id, rows] of m.done) this.settle(id, undefined, rows);
        for (const [id, e] of m.refused) this.settle(id, e, []);
      }
    });
    const stop = (e: Error) => {
      this.dead ??= e;
      failed(e);
      for (const w of this.waiting.values()) w.reject(this.dead);
      this.waiting.clear();
    };
    this.worker.on("error", (e) => stop(new Error(`The write thread failed: ${e.message}`)));
    this.worker.on("exit", (code) =>
      stop(new Error(`The database is closed (write thread exit ${code})`)),
    );
  }

  get status(): WriteGroupStatus {
    return { ...this.s };
  }

  /** No write is queued or in its transaction: a read sent now is answered at once. */
  get idle(): boolean {
    return this.writing === 0;
  }

  /**
   * Commits `stmts` (then `audit`, chained after the log's tail) as one all-or-nothing write,
   * together with the other writes made before the loop's next turn. Resolves with each
   * statement's rows once durable; rejects with the error of the statement that failed, and
   * then nothing of this write is stored.
   */
  write(stmts: readonly InStatement[], audit: readonly AuditEntry[] = []): Promise<WriteResult[]> {
    let out: Outgoing;
    try {
      this.usable();
      out = { id: ++this.seq, stmts: stmts.map(bound), audit: audit.map(auditContent) };
    } catch (e) {
      return Promise.reject(e);
    }
    this.writing += 1;
    const answered = this.track(out.id).finally(() => {
      this.writing -= 1;
    });
    const done = answered.then((results) =>
      results.map((r) =>
        typeof r === "number" ? { rows: [], rowsAffected: r } : { rows: r, rowsAffected: r.length },
      ),
    );
    this.queue.push(out);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.send());
    }
    return done;
  }

  /**
   * A read on the thread's connection, between its transactions: warm where the writes were
   * made (see selectRows in case-store.ts for when the case store reads here).
   */
  async query(stmt: InStatement): Promise<WriteRow[]> {
    this.usable();
    const { sql, args } = bound(stmt);
    const id = ++this.seq;
    const rows = this.track(id);
    this.worker.postMessage({ t: "q", id, sql, args });
    const [got] = await rows;
    return Array.isArray(got) ? got : [];
  }

  /** Commits what is still queued, then closes the connection and ends the thread. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.send();
      if (this.dead) return;
      const exited = new Promise<void>((resolve) => this.worker.once("exit", () => resolve()));
      this.worker.ref();
      this.worker.postMessage({ t: "close" });
      await exited;
    })();
    return this.closing;
  }

  private usable(): void {
    if (this.closing) throw new Error("The database is closed");
    if (this.dead) throw this.dead;
  }

  /** Sends the writes made since the last turn, in one message. */
  private send(): void {
    this.scheduled = false;
    if (this.queue.length === 0 || this.dead) return;
    const writes = this.queue;
    this.queue = [];
    this.worker.postMessage({ t: "w", writes });
  }

  /** A promise for request `id`'s answer; the thread keeps the process alive meanwhile. */
  private track(id: number): Promise<Answer> {
    if (this.waiting.size === 0) this.worker.ref();
    return new Promise((resolve, reject) => this.waiting.set(id, { resolve, reject }));
  }

  private settle(id: number, e: SentError | undefined, rows: Answer): void {
    const w = this.waiting.get(id);
    if (!w) return;
    this.waiting.delete(id);
    if (this.waiting.size === 0 && !this.closing) this.worker.unref();
    if (e) w.reject(Object.assign(new Error(e.message), e));
    else w.resolve(rows);
  }
}

/** A statement as the thread binds it: positional or named values, converted as the client does. */
function bound(stmt: InStatement): { sql: string; args: unknown } {
  if (typeof stmt === "string") return { sql: stmt, args: [] };
  const args = stmt.args ?? [];
  return { sql: stmt.sql, args: Array.isArray(args) ? args.map(toSql) : named(args) };
}

/** A value as the driver binds it (as @libsql/client converts it). */
function toSql(v: InValue): unknown {
  if (typeof v === "number" && !Number.isFinite(v)) {
    throw new RangeError("Only finite numbers (not Infinity or NaN) can be bound");
  }
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v instanceof ArrayBuffer) return Buffer.from(v);
  if (v instanceof Date) return v.valueOf();
  if (v === undefined) throw new TypeError("undefined cannot be bound");
  return v;
}

function named(args: Record<string, InValue>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) out[/^[@$:]/.test(k) ? k.slice(1) : k] = toSql(v);
  return out;
}
