import Database from "libsql";

/**
 * Prepared statements kept per connection, for `@libsql/client` on a local file.
 *
 * The client prepares every statement again on every call (its `executeStmt` calls
 * `db.prepare(sql)`), then asks the new statement for its columns twice and whether it returns
 * rows. Measured at a hub under B3 (50 stations pushing for 30 s; a statement timer on the
 * main thread): 23,500 prepares took 1.94 s, the largest SQL item on that thread, and the
 * column lists another 0.3 s. The hot statements are few and fixed (lists go in as one JSON
 * argument), so they are prepared once here and reused. The client keeps its connections to
 * itself, so the cache sits on libsql's `Database.prototype.prepare`, the one call every
 * statement passes through. The hub's write thread keeps its own cache (write-worker.mjs).
 *
 * Kept: SELECT, INSERT, UPDATE, DELETE, REPLACE, WITH, and the transaction verbs, up to
 * STATEMENT_CACHE per connection, the least recently used going first. Not kept:
 * - anything else (pragmas, ATTACH, VACUUM…);
 * - a schema change (CREATE, ALTER, DROP) also empties its connection's cache, because a
 *   statement compiled before it would list its old columns until it next runs;
 * - a statement that was given a blob: SQLite keeps a statement's last arguments, and a kept
 *   insert of a page of changes would hold that page (the write thread does the same);
 * - nothing of a closed connection.
 */
export const STATEMENT_CACHE = 128;

type Statement = Database.Statement;

interface Kept {
  statements: Map<string, Statement>;
}

const KEPT = /^\s*(select|insert|update|delete|replace|with|begin|commit|rollback|end)\b/i;
const SCHEMA = /^\s*(create|alter|drop)\b/i;

const caches = new WeakMap<object, Kept>();
const counts = { prepared: 0, reused: 0 };
let installed = false;

/**
 * Installs the cache for every libsql connection this thread opens (once; later calls do
 * nothing). Called by openDb for local databases; a server's statements are the server's.
 */
export function cachePreparedStatements(): void {
  if (installed) return;
  installed = true;
  const proto = Database.prototype as unknown as {
    prepare(this: object, sql: string): Statement;
    close(this: object): unknown;
  };
  const prepare = proto.prepare;
  const close = proto.close;
  proto.prepare = function (this: object, sql: string): Statement {
    if (!KEPT.test(sql)) {
      if (SCHEMA.test(sql)) caches.delete(this);
      counts.prepared += 1;
      return prepare.call(this, sql);
    }
    let kept = caches.get(this);
    if (!kept) {
      kept = { statements: new Map() };
      caches.set(this, kept);
    }
    const known = kept.statements.get(sql);
    if (known) {
      // Most recently used last: the map's order is the eviction order.
      kept.statements.delete(sql);
      kept.statements.set(sql, known);
      counts.reused += 1;
      return known;
    }
    counts.prepared += 1;
    const st = keep(prepare.call(this, sql), sql, kept);
    kept.statements.set(sql, st);
    if (kept.statements.size > STATEMENT_CACHE) {
      kept.statements.delete(kept.statements.keys().next().value as string);
    }
    return st;
  };
  proto.close = function (this: object) {
    caches.delete(this);
    return close.call(this);
  };
}

/**
 * A kept statement: its columns read once (they change only with the schema, which empties
 * the cache), and dropped from the cache once it has been given a blob.
 */
function keep(st: Statement, sql: string, kept: Kept): Statement {
  let columns: ReturnType<Statement["columns"]> | undefined;
  const own = st.columns.bind(st);
  st.columns = () => {
    columns ??= own();
    return columns;
  };
  for (const name of ["run", "all"] as const) {
    const call = st[name].bind(st) as (...a: unknown[]) => unknown;
    (st as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      try {
        return call(...args);
      } finally {
        if (givesBlob(args) && kept.statements.get(sql) === st) kept.statements.delete(sql);
      }
    };
  }
  return st;
}

/** Whether the arguments (positional, or named in an object) hold a blob anywhere. */
function givesBlob(args: readonly unknown[]): boolean {
  for (const a of args) {
    if (a instanceof Uint8Array) return true;
    if (
      Array.isArray(a)
        ? givesBlob(a)
        : a !== null && typeof a === "object" && givesBlob(Object.values(a))
    ) {
      return true;
    }
  }
  return false;
}

/** Statements prepared and reused on this thread since it started (for tests and benches). */
export function statementCounts(): { prepared: number; reused: number } {
  return { ...counts };
}
