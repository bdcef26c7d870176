import { setImmediate } from "node:timers";
import type { AuditEntry } from "@bangban/sync";
import type { InStatement, InValue } from "@libsql/client";
import Database from "libsql";
import { AUDIT_TAIL, chainStatements, type Tail, tailOf } from "./audit-chain";

/** A row a statement returned (RETURNING), by column name. */
export type WriteRow = Record<string, unknown>;

/** What one statement of a write returned, in the order of the write's statements. */
export interface WriteResult {
  rows: WriteRow[];
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

interface Pending {
  stmts: readonly InStatement[];
  audit: readonly AuditEntry[];
  resolve: (r: WriteResult[]) => void;
  reject: (e: unknown) => void;
}

/** Constant statements stay prepared; those binding bytes do not (SQLite keeps bound values). */
const STATEMENT_CACHE = 256;

/**
 * Group commit for a hub's case writes (its stations' pushes, its own staff's edits) on a file.
 *
 * Each write is a list of statements that must land together (and audit lines chained after the
 * log's tail). Writes made while the event loop is busy — a hub serving many pushes — wait for
 * the loop's next turn (`setImmediate`) and are committed together: one `BEGIN IMMEDIATE` … one
 * `COMMIT`, each write inside its own SAVEPOINT. A write whose statement fails is rolled back
 * alone and rejected; the others commit. Every write is resolved only after the COMMIT
 * returned, so nothing is acknowledged before it is durable (synchronous=FULL).
 *
 * Why: a commit's cost is the pages it writes to the log and their fsync, and a push's
 * pages are mostly shared with the next one's (the ends of the change log, its feeds and the
 * time-ordered indexes). Measured under B3 (50 stations pushing): COMMIT was 9.3 ms a push,
 * 40% of the hub's SQL time.
 *
 * It runs on its own connection through the synchronous driver (`libsql`, which @libsql/client
 * wraps): a transaction spanning several writes must not leave the event loop between its
 * statements, or another caller's write on the client's pool would wait for this lock on the
 * same thread. Run synchronously from BEGIN to COMMIT, nothing else runs in between. Constant
 * statements stay prepared (the client prepares every statement every time: 64 µs each, 2 s of
 * a B3 run).
 *
 * Audit lines are chained inside the transaction, after the tail read under its write lock, so
 * no other connection can extend the log in between (withAuditChain's race cannot happen here).
 */
export class WriteGroup {
  private readonly conn: Database.Database;
  private readonly maxWrites: number;
  private queue: Pending[] = [];
  private scheduled = false;
  private closed = false;
  private readonly prepared = new Map<string, Database.Statement>();
  private s: WriteGroupStatus = { groups: 0, writes: 0, refused: 0, largest: 0 };

  constructor(path: string, opts: WriteGroupOptions) {
    this.conn = new Database(path, {
      timeout: opts.busyTimeoutMs,
      ...(opts.encryptionKey ? { encryptionKey: opts.encryptionKey } : {}),
    } as Database.Options);
    this.maxWrites = opts.maxWrites ?? 64;
    try {
      for (const p of opts.pragmas) this.conn.exec(p);
    } catch (e) {
      this.conn.close();
      throw e;
    }
  }

  get status(): WriteGroupStatus {
    return { ...this.s };
  }

  /**
   * Commits `stmts` (then `audit`, chained after the log's tail) as one all-or-nothing write,
   * together with the other writes made before the loop's next turn. Resolves with each
   * statement's rows once durable; rejects with the error of the statement that failed, and
   * then nothing of this write is stored.
   */
  write(stmts: readonly InStatement[], audit: readonly AuditEntry[] = []): Promise<WriteResult[]> {
    if (this.closed) return Promise.reject(new Error("The database is closed"));
    return new Promise((resolve, reject) => {
      this.queue.push({ stmts, audit, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits what is queued now (close does, so that no write made before it is dropped). */
  private flush(): void {
    this.scheduled = false;
    while (this.queue.length > 0) {
      const group = this.queue.splice(0, this.maxWrites);
      this.commitGroup(group);
    }
  }

  private commitGroup(group: Pending[]): void {
    try {
      this.conn.exec("BEGIN IMMEDIATE");
    } catch (e) {
      for (const p of group) p.reject(e);
      this.s.refused += group.length;
      return;
    }
    const done: [Pending, WriteResult[]][] = [];
    let tail: Tail | null = null;
    for (const [i, p] of group.entries()) {
      try {
        this.conn.exec("SAVEPOINT bangban_write");
        let chained: InStatement[] = [];
        let after: Tail | null = tail;
        if (p.audit.length > 0) {
          const c = chainStatements(tail ?? tailOf(this.row(AUDIT_TAIL)), p.audit);
          chained = c.statements;
          after = c.tail;
        }
        const results = [...p.stmts, ...chained].map((s) => this.run(s));
        this.conn.exec("RELEASE bangban_write");
        tail = after;
        done.push([p, results]);
      } catch (e) {
        if (!this.conn.inTransaction) {
          // SQLite rolled the whole transaction back (an I/O error, a full disk): nothing of
          // the group is stored, so every write of it fails.
          for (const q of [...done.map(([d]) => d), ...group.slice(i)]) q.reject(e);
          this.s.refused += group.length;
          return;
        }
        this.conn.exec("ROLLBACK TO bangban_write");
        this.conn.exec("RELEASE bangban_write");
        p.reject(e);
        this.s.refused += 1;
      }
    }
    try {
      this.conn.exec("COMMIT");
    } catch (e) {
      if (this.conn.inTransaction) this.conn.exec("ROLLBACK");
      for (const [p] of done) p.reject(e);
      this.s.refused += done.length;
      return;
    }
    this.s.groups += 1;
    this.s.writes += done.length;
    this.s.largest = Math.max(this.s.largest, done.length);
    for (const [p, r] of done) p.resolve(r);
  }

  /**
   * A read on this connection, between its transactions. The case store's hot reads (changes
   * held, cases to load, scope) come here: a connection's page cache is dropped whenever
   * another connection has written, so read on the client's pool after every group commit
   * they would start cold each time (measured: 500 random keys of a 200,000-row index,
   * 0.9 ms read where the write was made, 2.0 ms on another connection).
   */
  query(stmt: InStatement): WriteRow[] {
    if (this.closed) throw new Error("The database is closed");
    return this.run(stmt).rows;
  }

  private row(sql: string): WriteRow | undefined {
    return this.statement(sql, true).get() as WriteRow | undefined;
  }

  private run(stmt: InStatement): WriteResult {
    const sql = typeof stmt === "string" ? stmt : stmt.sql;
    const args = typeof stmt === "string" ? [] : (stmt.args ?? []);
    const bound = Array.isArray(args) ? args.map(toSql) : named(args);
    const hasBytes = Array.isArray(bound) && bound.some((v) => v instanceof Uint8Array);
    const st = this.statement(sql, !hasBytes);
    if (st.reader) return { rows: st.all(bound) as WriteRow[] };
    st.run(bound);
    return { rows: [] };
  }

  private statement(sql: string, keep: boolean): Database.Statement {
    const known = this.prepared.get(sql);
    if (known) {
      // Most recently used last: the first entry is the one to drop.
      this.prepared.delete(sql);
      this.prepared.set(sql, known);
      return known;
    }
    const st = this.conn.prepare(sql);
    if (keep) {
      this.prepared.set(sql, st);
      if (this.prepared.size > STATEMENT_CACHE) {
        const oldest = this.prepared.keys().next().value;
        if (oldest !== undefined) this.prepared.delete(oldest);
      }
    }
    return st;
  }

  /** Commits what is still queued, then closes the connection. */
  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    this.prepared.clear();
    this.conn.close();
  }
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
