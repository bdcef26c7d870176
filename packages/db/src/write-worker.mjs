// The thread of WriteGroup (write-group.ts): a hub's case writes, committed in groups on a
// connection of its own, off the thread that serves HTTP. Plain JavaScript so that it runs as is
// from the source tree, under tests, and bundled beside a server's dist/cli.mjs
// (scripts/build-node.mjs).
//
// Messages in:  { t: "w", writes: [{ id, stmts: [{ sql, args }], audit: [row content] }] }
//               { t: "q", id, sql, args }   a read, between transactions
//               { t: "close" }              commit what is queued, then close
// Messages out: { t: "ready" } once open; { t: "g", done: [[id, per statement: a reader's
//               rows, or the number of rows it changed]],
//               refused: [[id, error]], committed: n } per transaction; { t: "q", id, rows }
//               or { t: "q", id, error }; { t: "closed" }.
import { setImmediate } from "node:timers";
import { parentPort, workerData } from "node:worker_threads";
import { chainRows, GENESIS_HASH } from "@bangban/sync/audit-row-hash";
import Database from "libsql";

const { path, encryptionKey, busyTimeoutMs, pragmas, maxWrites, auditInsert, auditTail } =
  workerData;
/** Constant statements stay prepared; those binding bytes do not (SQLite keeps bound values). */
const STATEMENT_CACHE = 256;

const conn = new Database(path, {
  timeout: busyTimeoutMs,
  ...(encryptionKey ? { encryptionKey } : {}),
});
for (const p of pragmas) conn.exec(p);

const prepared = new Map();
const queue = [];
let scheduled = false;

function statement(sql, keep) {
  const known = prepared.get(sql);
  if (known) {
    // Most recently used last: the first entry is the one to drop.
    prepared.delete(sql);
    prepared.set(sql, known);
    return known;
  }
  const st = conn.prepare(sql);
  if (keep) {
    prepared.set(sql, st);
    if (prepared.size > STATEMENT_CACHE) prepared.delete(prepared.keys().next().value);
  }
  return st;
}

/** Runs one statement: a reader's rows (RETURNING, SELECT), else how many rows it changed. */
function run(sql, args) {
  const hasBytes = Array.isArray(args) && args.some((v) => v instanceof Uint8Array);
  const st = statement(sql, !hasBytes);
  if (st.reader) return st.all(args);
  return st.run(args).changes;
}

/** What the main thread needs of an error: SQLite's code names the failure (UNIQUE, BUSY…). */
function plainError(e) {
  if (!(e instanceof Error)) return { message: String(e) };
  return { message: e.message, name: e.name, code: e.code, rawCode: e.rawCode };
}

function tail() {
  const r = statement(auditTail, true).get();
  // Rows from before the chain (hash null) start it afresh from the genesis value.
  return { id: Number(r?.id ?? 0), hash: r?.hash ? String(r.hash) : GENESIS_HASH };
}

function commitGroup(group) {
  try {
    conn.exec("BEGIN IMMEDIATE");
  } catch (e) {
    const err = plainError(e);
    parentPort.postMessage({ t: "g", done: [], refused: group.map((w) => [w.id, err]) });
    return;
  }
  const done = [];
  const refused = [];
  let last = null;
  for (const [i, w] of group.entries()) {
    try {
      conn.exec("SAVEPOINT bangban_write");
      const results = w.stmts.map((s) => run(s.sql, s.args));
      let after = last;
      if (w.audit.length > 0) {
        // Chained after the tail read under this transaction's write lock: no other
        // connection can extend the log before the COMMIT.
        const chained = chainRows(last ?? tail(), w.audit);
        for (const row of chained.rows) run(auditInsert, row);
        after = chained.tail;
      }
      conn.exec("RELEASE bangban_write");
      last = after;
      done.push([w.id, results]);
    } catch (e) {
      if (!conn.inTransaction) {
        // SQLite rolled the whole transaction back (an I/O error, a full disk): nothing of the
        // group is stored, so every write of it fails.
        const err = plainError(e);
        const all = [...done, ...refused].map(([id]) => id).concat(group.slice(i).map((x) => x.id));
        parentPort.postMessage({ t: "g", done: [], refused: all.map((id) => [id, err]) });
        return;
      }
      conn.exec("ROLLBACK TO bangban_write");
      conn.exec("RELEASE bangban_write");
      refused.push([w.id, plainError(e)]);
    }
  }
  try {
    conn.exec("COMMIT");
  } catch (e) {
    if (conn.inTransaction) conn.exec("ROLLBACK");
    const err = plainError(e);
    refused.push(...done.map(([id]) => [id, err]));
    parentPort.postMessage({ t: "g", done: [], refused });
    return;
  }
  // Answered only now: nothing is acknowledged before its COMMIT returned (durable).
  parentPort.postMessage({ t: "g", done, refused, committed: done.length });
}

function flush() {
  scheduled = false;
  while (queue.length > 0) commitGroup(queue.splice(0, maxWrites));
}

parentPort.on("message", (m) => {
  if (m.t === "w") {
    // Writes that arrived while a transaction ran wait for the loop's next turn together.
    queue.push(...m.writes);
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  } else if (m.t === "q") {
    try {
      parentPort.postMessage({ t: "q", id: m.id, rows: run(m.sql, m.args) });
    } catch (e) {
      parentPort.postMessage({ t: "q", id: m.id, error: plainError(e) });
    }
  } else if (m.t === "close") {
    flush();
    prepared.clear();
    conn.close();
    parentPort.postMessage({ t: "closed" });
    parentPort.close();
  }
});
parentPort.postMessage({ t: "ready" });
