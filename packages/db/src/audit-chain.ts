import { setTimeout as sleep } from "node:timers/promises";
import {
  type AuditEntry,
  auditRowHash,
  type ChainRow,
  type ChainTail,
  chainRows,
  GENESIS_HASH,
} from "@bangban/sync";
import type { InStatement, ResultSet, Row } from "@libsql/client";
import type { Db } from "./client";

/**
 * The audit log as a hash chain. Each row carries the previous row's hash and SHA-256 over its
 * own canonical serialisation (including that previous hash and its id), so someone holding the
 * database file who drops the append-only triggers and edits, removes or reorders a row leaves
 * a link that `verifyAuditChain` finds. The `audit_log_chain` trigger (migration 0004) refuses
 * an insert that does not extend the chain, so two writers on a stale tail cannot fork it.
 */

/** The chain's hash function lives in @bangban/sync: the hub checks a station's rows with it. */
export { GENESIS_HASH };

/**
 * Audit lines are kept at least this long (网络安全法 Art. 21: six months). bangban never prunes
 * the log at all: the append-only triggers refuse every DELETE, so this holds for every row.
 */
export const AUDIT_RETENTION_DAYS = 180;

/** Named parameters: a chained row (chainRows) binds as it is, here and on a hub's write thread. */
export const AUDIT_INSERT = `INSERT INTO audit_log
  (id, at, user_id, site_id, action, case_id, request_id, detail, prev_hash, hash)
  VALUES (:id, :at, :userId, :siteId, :action, :caseId, :requestId, :detail, :prevHash, :hash)`;
export const AUDIT_TAIL = "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1";
/** A lost race with a writer on another connection: read the new tail and try again. */
const MAX_ATTEMPTS = 10;
/** Milliseconds of the random pause before retry n: up to n × this. */
const RETRY_JITTER_MS = 4;

export type Tail = ChainTail;

/** An audit entry as its row's content: `detail` as the JSON text that is stored and hashed. */
export function auditContent(a: AuditEntry): Omit<ChainRow, "id" | "prevHash"> {
  return {
    at: a.at,
    userId: a.userId,
    siteId: a.siteId,
    action: a.action,
    caseId: a.caseId,
    requestId: a.requestId,
    detail: JSON.stringify(a.detail),
  };
}

/** The insert statements that append `entries` after `tail`, in order, and the tail after them. */
export function chainStatements(
  tail: Tail,
  entries: readonly AuditEntry[],
): { statements: InStatement[]; tail: Tail } {
  const chained = chainRows(tail, entries.map(auditContent));
  return {
    statements: chained.rows.map((r) => ({ sql: AUDIT_INSERT, args: { ...r } })),
    tail: chained.tail,
  };
}

async function readTail(db: Db): Promise<Tail> {
  const { rows } = await db.client.execute(AUDIT_TAIL);
  return tailOf(rows[0]);
}

/** The log's tail from its last row (`AUDIT_TAIL`), or the genesis of an empty log. */
export function tailOf(r: Record<string, unknown> | undefined): Tail {
  // Rows from before the chain (hash null) start it afresh from the genesis value.
  return { id: Number(r?.id ?? 0), hash: r?.hash ? String(r.hash) : GENESIS_HASH };
}

const queues = new WeakMap<object, Promise<unknown>>();

/** Runs `fn` after every earlier call on the same client has settled. */
function serialised<T>(key: object, fn: () => Promise<T>): Promise<T> {
  const run = (queues.get(key) ?? Promise.resolve()).then(fn, fn);
  queues.set(
    key,
    run.catch(() => undefined),
  );
  return run;
}

function isChainRace(e: unknown): boolean {
  return e instanceof Error && /audit_log chain/.test(`${e.message} ${String(e.cause ?? "")}`);
}

/**
 * Runs `build(auditStatements)` as one write batch, the audit rows chained after the log's
 * current tail. Writers on this client take turns (reading the tail and writing are two steps);
 * a writer on another connection that got in between makes the trigger abort the batch, which
 * is then rebuilt on the new tail — the batch is all-or-nothing, so a retry duplicates nothing.
 *
 * The retry waits a random moment first. Over a libSQL server every step is a round trip, and
 * two writers fell into lockstep: the winner's reply came first, so its next tail read reached
 * the server first and the loser's retry read the same tail again — every time, until it gave up
 * (seen with two clients on one server: ten lost races in a row). A random pause breaks the step.
 */
export async function withAuditChain(
  db: Db,
  audit: readonly AuditEntry[],
  build: (auditStatements: InStatement[]) => InStatement[],
): Promise<ResultSet[]> {
  if (audit.length === 0) return db.client.batch(build([]), "write");
  return serialised(db.client, async () => {
    for (let attempt = 1; ; attempt++) {
      const stmts = build(chainStatements(await readTail(db), audit).statements);
      try {
        return await db.client.batch(stmts, "write");
      } catch (e) {
        if (!isChainRace(e) || attempt >= MAX_ATTEMPTS) throw e;
        await sleep(Math.random() * attempt * RETRY_JITTER_MS);
      }
    }
  });
}

/** Why a row breaks the chain: edited content, a broken link, or a hashless row inside it. */
export type AuditBreak = "hash" | "link" | "unchained";

export type AuditVerifyResult =
  | { ok: true; rows: number; unchained: number }
  | {
      ok: false;
      /** The first row whose hash or link does not hold. */
      brokenId: number;
      /** Chained rows verified before it. */
      checked: number;
      reason: AuditBreak;
    };

const PAGE = 1000;
const COLUMNS = "id, at, user_id, site_id, action, case_id, request_id, detail, prev_hash, hash";
const PAGE_SQL = `SELECT ${COLUMNS} FROM audit_log WHERE id > ? ORDER BY id LIMIT ${PAGE}`;
// A row of a street's own log keeps its own site beside its chain's (station-audit.ts).
const STATION_PAGE_SQL = `SELECT ${COLUMNS.replace("site_id", "coalesce(row_site_id, site_id) AS site_id")} FROM station_audit_log
  WHERE site_id = ? AND id > ? ORDER BY id LIMIT ${PAGE}`;

/**
 * Walks the whole log in id order and reports the first row that breaks the chain: its stored
 * hash is not the hash of its content (edited), or its prev_hash is not the previous row's hash
 * (a row removed, inserted or reordered before it). Rows from before the chain existed are
 * allowed only as a prefix and counted as `unchained`. With `station`, the same walk over that
 * station's log as it synced up to this hub (`station_audit_log`).
 */
export async function verifyAuditChain(db: Db, station?: string): Promise<AuditVerifyResult> {
  let prev: string | null = null;
  let checked = 0;
  let unchained = 0;
  let after = 0;
  for (;;) {
    const { rows } = await db.client.execute(
      station === undefined
        ? { sql: PAGE_SQL, args: [after] }
        : { sql: STATION_PAGE_SQL, args: [station, after] },
    );
    for (const r of rows) {
      const id = Number(r.id);
      const broken = checkRow(r, prev);
      if (broken) return { ok: false, brokenId: id, checked, reason: broken };
      if (r.hash === null) unchained++;
      else {
        prev = String(r.hash);
        checked++;
      }
      after = id;
    }
    if (rows.length < PAGE) return { ok: true, rows: checked + unchained, unchained };
  }
}

/**
 * Why row `r` (as read: snake_case columns) breaks the chain after a row hashed `prev` (null:
 * no chained row yet), if it does. The audit viewer asks it of each row it shows.
 */
export function checkRow(r: Row, prev: string | null): AuditBreak | null {
  if (r.hash === null) return prev === null ? null : "unchained";
  const prevHash = r.prev_hash === null ? null : String(r.prev_hash);
  if (prevHash !== (prev ?? GENESIS_HASH)) return "link";
  const row: ChainRow = {
    id: Number(r.id),
    at: String(r.at),
    userId: String(r.user_id),
    siteId: String(r.site_id),
    action: String(r.action),
    caseId: r.case_id === null ? null : String(r.case_id),
    requestId: r.request_id === null ? null : String(r.request_id),
    detail: String(r.detail),
    prevHash: prevHash,
  };
  return auditRowHash(row) === String(r.hash) ? null : "hash";
}

const BREAK_TEXT: Record<AuditBreak, string> = {
  hash: "its content no longer matches its hash (edited)",
  link: "it does not follow the row before it (a row removed, inserted or reordered)",
  unchained: "it has no hash inside the chain",
};

/**
 * The `verify-audit` command of both CLIs: the chain's verdict as lines to print and the
 * process exit code (0 intact, 1 broken), kept here so the command is tested without a process.
 */
export async function verifyAuditReport(db: Db): Promise<{ code: number; lines: string[] }> {
  const r = await verifyAuditChain(db);
  if (r.ok) {
    const legacy = r.unchained ? ` (${r.unchained} rows from before the chain, not hashed)` : "";
    return { code: 0, lines: [`audit log intact: ${r.rows} rows${legacy}`] };
  }
  return {
    code: 1,
    lines: [
      `audit log BROKEN at row ${r.brokenId}: ${BREAK_TEXT[r.reason]}`,
      `${r.checked} rows before it verified; inspect row ${r.brokenId} and the database file's history`,
    ],
  };
}
