import { CASE_STATUSES } from "@bangban/domain";
import type {
  AuditEntry,
  BlobRef,
  CaseProjection,
  CaseStore,
  CaseWrite,
  ChangeFilter,
  ChangeKey,
  ChangeLimit,
  CommitOptions,
  CommitResult,
  LoadedCase,
  Quarantine,
  StoredChange,
} from "@bangban/sync";
import { blobRef, changeKey } from "@bangban/sync";
import type { InStatement, InValue, Row } from "@libsql/client";
import { eq, getTableColumns } from "drizzle-orm";
import { withAuditChain } from "./audit-chain";
import { validateAudit } from "./audit-row";
import { byteRegion } from "./byte-region";
import type { Db } from "./client";
import { projectionsStatements } from "./projection-row";
import { caseProjections, caseRuleStates } from "./schema";
import { restoreIndexes, setAsideIndexes } from "./set-aside-indexes";

// Hot-path statements run through the raw client: constant SQL, no query building. A commit
// is a handful of multi-row statements however many cases it holds: the local driver prepares
// every statement it runs, which cost more than the rows themselves one case at a time.
/** Rows per multi-row statement (SQLite allows 32766 parameters; these stay well under). */
const ROWS_PER_STATEMENT = 400;
// Runs after the round's changes are in, so the snapshot's seq covers all of them.
const SET_SNAPSHOT = `UPDATE case_docs SET snapshot = ?1,
  snapshot_seq = (SELECT COALESCE(MAX(seq), 0) FROM changes WHERE case_id = ?2) WHERE case_id = ?2`;
// One statement, so snapshots and the changes after them are read from one database state.
/**
 * The requested ids first, then each one's document row, then its changes past the snapshot:
 * CROSS JOIN fixes that order. Left to itself, the planner scanned the whole changes index on
 * a 10,000-case node (bench B9: ~7 ms a read, growing with the log; 0.5 ms in this order).
 * Exported for its query-plan test.
 */
export const LOAD_CASES = `WITH ids(id) AS (SELECT DISTINCT value FROM json_each(?1))
  SELECT d.case_id AS c, 0 AS k, d.snapshot_seq AS s, d.snapshot AS b
    FROM ids CROSS JOIN case_docs d ON d.case_id = ids.id
  UNION ALL
  SELECT ch.case_id AS c, 1 AS k, ch.seq AS s, ch.bytes AS b
    FROM ids CROSS JOIN case_docs d ON d.case_id = ids.id
    CROSS JOIN changes ch ON ch.case_id = ids.id AND ch.seq > d.snapshot_seq
  ORDER BY c, k, s`;
/** `[caseId, hash]` pairs in, each held one out: by the log's unique (case_id, hash) index. */
export const HAS_CHANGES = `SELECT c.case_id, c.hash FROM json_each(?1) j
  CROSS JOIN changes c ON c.case_id = json_extract(j.value, '$[0]')
    AND c.hash = json_extract(j.value, '$[1]')`;
// The page's last seq is found from sizes alone; blobs are read only for the rows returned.
const CHANGES_AFTER = `WITH page AS (
    SELECT seq, SUM(size) OVER (ORDER BY seq ROWS UNBOUNDED PRECEDING) AS total
    FROM (SELECT seq, size FROM changes WHERE seq > ?1 ORDER BY seq LIMIT ?2)
  )
  SELECT seq, case_id, hash, actor, bytes FROM changes
  WHERE seq > ?1 AND seq <= COALESCE(
    (SELECT MAX(seq) FROM page WHERE total <= ?3), (SELECT MIN(seq) FROM page))
  ORDER BY seq`;
// Same page logic, restricted to one actor's changes (what a station pushes).
const CHANGES_AFTER_BY_ACTOR = `WITH page AS (
    SELECT seq, SUM(size) OVER (ORDER BY seq ROWS UNBOUNDED PRECEDING) AS total
    FROM (SELECT seq, size FROM changes WHERE seq > ?1 AND actor = ?4 ORDER BY seq LIMIT ?2)
  )
  SELECT seq, case_id, hash, actor, bytes FROM changes
  WHERE seq > ?1 AND actor = ?4 AND seq <= COALESCE(
    (SELECT MAX(seq) FROM page WHERE total <= ?3), (SELECT MIN(seq) FROM page))
  ORDER BY seq`;
// Same page logic, restricted to the changes under an actor-id prefix (what a street hub
// pushes to its district: its own and its stations'). At a street nearly every change is its
// own, so walking the log in seq order and testing the prefix reads few rows it skips.
const CHANGES_AFTER_BY_PREFIX = `WITH page AS (
    SELECT seq, SUM(size) OVER (ORDER BY seq ROWS UNBOUNDED PRECEDING) AS total
    FROM (SELECT seq, size FROM changes WHERE seq > ?1 AND substr(actor, 1, length(?4)) = ?4
          ORDER BY seq LIMIT ?2)
  )
  SELECT seq, case_id, hash, actor, bytes FROM changes
  WHERE seq > ?1 AND substr(actor, 1, length(?4)) = ?4 AND seq <= COALESCE(
    (SELECT MAX(seq) FROM page WHERE total <= ?3), (SELECT MIN(seq) FROM page))
  ORDER BY seq`;
// Feeds (hub). The commit first notes the log's end; after its changes and scope rows are in:
// a site already holding a case's history gets the case's changes past the mark; a site the
// case just entered (filled = 0) gets the case's whole history; then those rows are filled.
// Within a case, feed order is log order (causal); rows already there are skipped.
const FEED_MARK_KEY = "hub:feed-mark";
const SET_FEED_MARK = `INSERT INTO meta (key, value)
  VALUES ('${FEED_MARK_KEY}', (SELECT COALESCE(MAX(seq), 0) FROM changes))
  ON CONFLICT(key) DO UPDATE SET value = excluded.value`;
const FILL_NEW = `INSERT INTO site_feed (site_id, change_seq)
  SELECT s.site_id, c.seq FROM changes c JOIN case_scope s ON s.case_id = c.case_id AND s.filled = 1
  WHERE c.seq > (SELECT CAST(value AS INTEGER) FROM meta WHERE key = '${FEED_MARK_KEY}')
  ORDER BY c.seq, s.site_id
  ON CONFLICT(site_id, change_seq) DO NOTHING`;
// The rows waiting to be filled (a partial index), then each one's case's changes: CROSS JOIN
// fixes that order. Left to itself, the planner walked the whole change log in seq order to
// match it (hub-store.test.ts: a push's commit grew with the hub's history).
export const FILL_ENTERED = `INSERT INTO site_feed (site_id, change_seq)
  SELECT s.site_id, c.seq FROM case_scope s CROSS JOIN changes c ON c.case_id = s.case_id
  WHERE s.filled = 0 ORDER BY c.seq, s.site_id
  ON CONFLICT(site_id, change_seq) DO NOTHING`;
const MARK_FILLED = "UPDATE case_scope SET filled = 1 WHERE filled = 0";
const LAST_SEQ = "SELECT COALESCE(MAX(seq), 0) AS seq FROM changes";
const GET_META = "SELECT value FROM meta WHERE key = ?";
const SET_META = `INSERT INTO meta (key, value) VALUES (?, ?)
  ON CONFLICT(key) DO UPDATE SET value = excluded.value`;

const STATUSES: ReadonlySet<string> = new Set(CASE_STATUSES);

export interface LibsqlCaseStoreOptions {
  /** The clock for storage timestamps (`created_at`, `updated_at`); ISO instants. */
  now?: () => string;
}

/**
 * A station's unsent cases among given ones (casesAfter with `among`), by the cases' index.
 * `+actor` keeps the planner off the actor index: without statistics (a fresh file, a libSQL
 * server) it chose that one, which walks every unsent change of the station.
 */
export const UNSENT_AMONG = `SELECT DISTINCT case_id FROM changes
  WHERE case_id IN (SELECT value FROM json_each(?)) AND +actor = ? AND seq > ?`;

/**
 * The CaseStore on libSQL. Every commit is one write transaction (a `client.batch` in
 * "write" mode): change log, snapshots, projections and audit rows land together or not at all.
 */
export class LibsqlCaseStore implements CaseStore {
  private readonly now: () => string;
  /**
   * Hub mode (set by LibsqlHubStore): the sites a case is in scope of, from its projection.
   * When set, every commit also records scope (sites are added, never removed) and fills the
   * sites' pull feeds.
   */
  protected readonly feedScope: ((p: CaseProjection) => string[]) | undefined = undefined;

  constructor(
    protected readonly db: Db,
    opts: LibsqlCaseStoreOptions = {},
  ) {
    this.now = opts.now ?? (() => new Date().toISOString());
  }

  async loadCase(caseId: string): Promise<LoadedCase | null> {
    return (await this.loadCases([caseId])).get(caseId) ?? null;
  }

  /** Many cases in one query (a sync batch); cases the store does not hold are absent. */
  async loadCases(caseIds: readonly string[]): Promise<Map<string, LoadedCase>> {
    const out = new Map<string, LoadedCase>();
    if (caseIds.length === 0) return out;
    const rows = await selectRows(this.db, { sql: LOAD_CASES, args: [JSON.stringify(caseIds)] });
    for (const row of rows) {
      const caseId = String(row.c);
      let c = out.get(caseId);
      if (!c) {
        c = { snapshot: null, changes: [] };
        out.set(caseId, c);
      }
      const bytes = toBytes(row.b);
      if (row.k === 0) c.snapshot = bytes;
      else if (bytes) c.changes.push(bytes);
    }
    for (const [id, c] of out) if (!c.snapshot && c.changes.length === 0) out.delete(id);
    return out;
  }

  async commit(
    writes: readonly CaseWrite[],
    audit: readonly AuditEntry[] = [],
    options: CommitOptions = {},
  ): Promise<CommitResult> {
    // Everything is checked before the database is touched; a bad write throws here.
    writes.forEach(validateWrite);
    validateAudit(audit);
    const now = this.now();
    const stmts: InStatement[] = [];
    const inserts: number[] = [];
    const feeds = this.feedScope !== undefined && writes.length > 0;
    if (feeds) stmts.push(SET_FEED_MARK);
    // A case written twice in one commit: its second write goes in a later round, so a
    // snapshot of the first covers exactly the changes up to it (see CaseWrite.snapshot).
    for (const round of rounds(writes)) {
      for (const part of chunks(round, ROWS_PER_STATEMENT)) {
        stmts.push(
          multiRow(
            ENSURE_DOCS,
            part.length,
            part.flatMap((w) => [w.caseId, now]),
          ),
        );
      }
      const changeRows = round.flatMap((w) => w.changes.map((c) => [w.caseId, c] as const));
      if (changeRows.length > 0) {
        const { blob, at } = byteRegion(changeRows.map(([, c]) => c.bytes));
        inserts.push(stmts.length);
        stmts.push({
          sql: INSERT_CHANGES,
          args: [
            JSON.stringify(changeRows.map(([caseId, c], i) => [caseId, c.hash, c.actor, ...at(i)])),
            blob,
            now,
          ],
        });
      }
      for (const w of round) {
        if (w.snapshot) stmts.push({ sql: SET_SNAPSHOT, args: [w.snapshot, w.caseId] });
      }
      stmts.push(
        ...projectionsStatements(
          round.map((w) => w.projection),
          options.newCases ? "keep" : "replace",
        ),
      );
      // The attachment index: references are only ever added (the hub refuses a removal), so
      // upserting the document's list keeps the index equal to it without a delete.
      const refRows = round.flatMap((w) =>
        (w.attachments ?? []).map((a) => blobRefArgs(blobRef(w.caseId, a))),
      );
      for (const part of chunks(refRows, ROWS_PER_STATEMENT)) {
        stmts.push(multiRow(UPSERT_REFS, part.length, part.flat()));
      }
      if (feeds && this.feedScope) {
        const scopeRows = round.flatMap((w) =>
          [...new Set(this.feedScope?.(w.projection))].map((site) => [w.caseId, site, now]),
        );
        for (const part of chunks(scopeRows, ROWS_PER_STATEMENT)) {
          stmts.push(multiRow(ADD_SCOPE, part.length, part.flat()));
        }
      }
    }
    if (feeds) stmts.push(FILL_NEW, FILL_ENTERED, MARK_FILLED);
    if (stmts.length === 0 && audit.length === 0) return { appended: 0 };
    // Audit lines go last, chained after the log's tail, so `inserts` indexes still hold. At a
    // hub (groupCommit), the write joins the others made before the loop's next turn (WriteGroup).
    const results: readonly { rowsAffected: number }[] = this.db.writer
      ? await this.db.writer.write(stmts, audit)
      : await withAuditChain(this.db, audit, (chained) => [...stmts, ...chained]);
    // A change already held in its case's log is not inserted, so not counted.
    const appended = inserts.reduce((n, at) => n + (results[at]?.rowsAffected ?? 0), 0);
    return { appended };
  }

  async hasChanges(changes: readonly ChangeKey[]): Promise<Set<string>> {
    if (changes.length === 0) return new Set();
    const pairs = JSON.stringify(changes.map((c) => [c.caseId, c.hash]));
    const rows = await selectRows(this.db, { sql: HAS_CHANGES, args: [pairs] });
    return new Set(rows.map((r) => changeKey(String(r.case_id), String(r.hash))));
  }

  async changesAfter(
    after: number,
    limit: ChangeLimit,
    filter: ChangeFilter = {},
  ): Promise<StoredChange[]> {
    const maxChanges = Math.max(1, Math.floor(limit.maxChanges));
    const maxBytes = Number.isFinite(limit.maxBytes) ? limit.maxBytes : Number.MAX_SAFE_INTEGER;
    const { rows } = await this.db.client.execute(
      filter.actor !== undefined
        ? { sql: CHANGES_AFTER_BY_ACTOR, args: [after, maxChanges, maxBytes, filter.actor] }
        : filter.actorPrefix !== undefined
          ? {
              sql: CHANGES_AFTER_BY_PREFIX,
              args: [after, maxChanges, maxBytes, filter.actorPrefix],
            }
          : { sql: CHANGES_AFTER, args: [after, maxChanges, maxBytes] },
    );
    return rows.map(storedChange);
  }

  async countAfter(after: number, filter: ChangeFilter = {}): Promise<number> {
    const where = ["seq > ?"];
    const args: (string | number)[] = [after];
    if (filter.actor !== undefined) {
      where.push("actor = ?");
      args.push(filter.actor);
    }
    if (filter.actorPrefix !== undefined) {
      where.push("substr(actor, 1, length(?)) = ?");
      args.push(filter.actorPrefix, filter.actorPrefix);
    }
    const { rows } = await this.db.client.execute({
      sql: `SELECT count(*) AS n FROM changes WHERE ${where.join(" AND ")}`,
      args,
    });
    return Number(rows[0]?.n ?? 0);
  }

  async casesAfter(after: number, actor: string, among?: readonly string[]): Promise<string[]> {
    // With `among`, by the cases' own entries (the case_id index): the whole set costs a walk
    // over every unsent entry, which grew with each intake while a station was offline
    // (station bench: 3.75 ms a call at 3,000 cases, two calls an intake).
    const { rows } = await this.db.client.execute(
      among
        ? {
            sql: UNSENT_AMONG,
            args: [JSON.stringify(among), actor, after],
          }
        : {
            sql: "SELECT DISTINCT case_id FROM changes WHERE actor = ? AND seq > ?",
            args: [actor, after],
          },
    );
    return rows.map((r) => String(r.case_id));
  }

  async lastSeq(): Promise<number> {
    const { rows } = await this.db.client.execute(LAST_SEQ);
    return Number(rows[0]?.seq ?? 0);
  }

  async getProjection(caseId: string): Promise<CaseProjection | null> {
    const row = await this.db.orm
      .select({ ...getTableColumns(caseProjections), ruleState: caseRuleStates.ruleState })
      .from(caseProjections)
      .leftJoin(caseRuleStates, eq(caseRuleStates.caseId, caseProjections.caseId))
      .where(eq(caseProjections.caseId, caseId))
      .get();
    return row ?? null;
  }

  /**
   * A bulk load into an empty node builds the projection table's plain indexes once, at the
   * end (`setAsideIndexes`); they are built again whether the load ends or fails, and at the
   * next open after a crash. Not with a write thread (a hub's): a hub sets them aside at its
   * bulk intake instead (`LibsqlBulkStore.beginIntake`).
   */
  async bulkLoad<T>(work: () => Promise<T>): Promise<T> {
    const aside = !this.db.writer && (await setAsideIndexes(this.db.client));
    try {
      return await work();
    } finally {
      if (aside) await restoreIndexes(this.db.client);
    }
  }

  async getCursor(name: string): Promise<number> {
    const { rows } = await this.db.client.execute({ sql: GET_META, args: [cursorKey(name)] });
    const value = rows[0]?.value;
    return value === undefined || value === null ? 0 : Number(value);
  }

  async setCursor(name: string, value: number): Promise<void> {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new TypeError(`cursor ${name}: expected a non-negative integer, got ${value}`);
    }
    await this.db.client.execute({ sql: SET_META, args: [cursorKey(name), String(value)] });
  }

  async quarantined(): Promise<Quarantine[]> {
    const { rows } = await this.db.client.execute(LIST_QUARANTINE);
    return rows.map((r) => JSON.parse(String(r.value)) as Quarantine);
  }

  async quarantine(q: Quarantine): Promise<void> {
    await this.db.client.execute({
      sql: SET_META,
      args: [`${QUARANTINE}${q.caseId}`, JSON.stringify(q)],
    });
  }

  async unquarantine(caseId: string): Promise<void> {
    await this.db.client.execute({
      sql: "DELETE FROM meta WHERE key = ?",
      args: [`${QUARANTINE}${caseId}`],
    });
  }

  async caseChanges(caseId: string, actor: string): Promise<StoredChange[]> {
    const { rows } = await this.db.client.execute({
      sql: `SELECT seq, case_id, hash, actor, bytes FROM changes
        WHERE case_id = ? AND substr(actor, 1, length(?2)) = ?2 ORDER BY seq`,
      args: [caseId, actor],
    });
    return rows.map(storedChange);
  }

  async blobRefs(hash: string): Promise<BlobRef[]> {
    const { rows } = await this.db.client.execute({
      sql: `SELECT case_id, hash, material_code, mime, size, name, page FROM case_attachments
        WHERE hash = ? ORDER BY case_id`,
      args: [hash],
    });
    return rows.map(blobRefOfRow);
  }
}

/** A `case_attachments` row as the sync package's BlobRef. */
export function blobRefOfRow(r: Row): BlobRef {
  return {
    caseId: String(r.case_id),
    hash: String(r.hash),
    materialCode: String(r.material_code),
    mime: String(r.mime),
    size: Number(r.size),
    name: String(r.name),
    page: r.page === null || r.page === undefined ? null : Number(r.page),
  };
}

function blobRefArgs(r: BlobRef): InValue[] {
  return [r.caseId, r.hash, r.materialCode, r.mime, r.size, r.name, r.page];
}

const UPSERT_REFS = {
  head: "INSERT INTO case_attachments (case_id, hash, material_code, mime, size, name, page) VALUES ",
  row: "(?, ?, ?, ?, ?, ?, ?)",
  tail: ` ON CONFLICT(case_id, hash) DO UPDATE SET material_code = excluded.material_code,
    mime = excluded.mime, size = excluded.size, name = excluded.name, page = excluded.page`,
};

/** A quarantined case is one meta row, `quarantine:<caseId>` → its refusal as JSON. */
const QUARANTINE = "quarantine:";
const LIST_QUARANTINE = `SELECT value FROM meta WHERE key >= '${QUARANTINE}' AND key < 'quarantine;' ORDER BY key`;

const ENSURE_DOCS = {
  head: "INSERT INTO case_docs (case_id, snapshot, snapshot_seq, updated_at) VALUES ",
  row: "(?, NULL, 0, ?)",
  tail: " ON CONFLICT(case_id) DO UPDATE SET updated_at = excluded.updated_at",
};
/**
 * A commit's changes in one statement of constant text: the rows as JSON ([case, hash, actor,
 * where its bytes start in ?2, their length]) and the bytes as one blob (`byteRegion`: a pulled
 * frame's own bytes, no copy). A multi-row VALUES with a blob a row was compiled for every 400
 * rows and bound a buffer each: B2-100K's pull, 0.7 s of compiling alone on the station.
 * `json_each` gives the rows in order, so the log's seq follows the commit's order as before.
 */
const INSERT_CHANGES = `INSERT INTO changes (case_id, hash, actor, bytes, size, created_at)
  SELECT value ->> 0, value ->> 1, value ->> 2, substr(?2, value ->> 3, value ->> 4),
    value ->> 4, ?3
  FROM json_each(?1) WHERE true
  ON CONFLICT(case_id, hash) DO NOTHING`;
// New scope rows wait to be filled (see FILL_ENTERED); existing ones are left as they are.
const ADD_SCOPE = {
  head: "INSERT INTO case_scope (case_id, site_id, added_at, filled) VALUES ",
  row: "(?, ?, ?, 0)",
  tail: " ON CONFLICT(case_id, site_id) DO NOTHING",
};

export interface MultiRow {
  head: string;
  row: string;
  tail: string;
}

const multiRowSql = new Map<MultiRow, Map<number, string>>();

/** One INSERT of `rows` rows; the SQL text per row count is built once. */
export function multiRow(shape: MultiRow, rows: number, args: InValue[]): InStatement {
  let byCount = multiRowSql.get(shape);
  if (!byCount) {
    byCount = new Map();
    multiRowSql.set(shape, byCount);
  }
  let sql = byCount.get(rows);
  if (sql === undefined) {
    sql = `${shape.head}${Array(rows).fill(shape.row).join(", ")}${shape.tail}`;
    byCount.set(rows, sql);
  }
  return { sql, args };
}

export function chunks<T>(xs: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/** Writes split so that no case appears twice in one round, keeping each case's order. */
function rounds(writes: readonly CaseWrite[]): CaseWrite[][] {
  const out: CaseWrite[][] = [];
  const seen = new Map<string, number>();
  for (const w of writes) {
    const k = seen.get(w.caseId) ?? 0;
    seen.set(w.caseId, k + 1);
    const round = out[k];
    if (round) round.push(w);
    else out[k] = [w];
  }
  return out;
}

/** The meta key of a named cursor. */
export function cursorKey(name: string): string {
  return `cursor:${name}`;
}

function validateWrite(w: CaseWrite, i: number): void {
  const where = `writes[${i}]`;
  if (typeof w.caseId !== "string" || w.caseId === "") {
    throw new TypeError(`${where}.caseId: expected a case id`);
  }
  if (w.projection?.caseId !== w.caseId) {
    throw new TypeError(
      `${where}.projection.caseId: projection is of case ${w.projection?.caseId}, the write of ${w.caseId}`,
    );
  }
  if (!STATUSES.has(w.projection.status)) {
    throw new TypeError(`${where}.projection.status: unknown status ${w.projection.status}`);
  }
  if (w.snapshot !== undefined && !(w.snapshot instanceof Uint8Array)) {
    throw new TypeError(`${where}.snapshot: expected bytes`);
  }
  w.changes.forEach((c, j) => {
    if (typeof c.hash !== "string" || c.hash === "") {
      throw new TypeError(`${where}.changes[${j}].hash: expected the change hash`);
    }
    if (typeof c.actor !== "string" || c.actor === "") {
      throw new TypeError(`${where}.changes[${j}].actor: expected the change actor`);
    }
    if (!(c.bytes instanceof Uint8Array) || c.bytes.byteLength === 0) {
      throw new TypeError(`${where}.changes[${j}].bytes: expected the encoded change`);
    }
  });
}

export function storedChange(row: Row): StoredChange {
  return {
    seq: Number(row.seq),
    caseId: String(row.case_id),
    hash: String(row.hash),
    actor: String(row.actor),
    bytes: toBytes(row.bytes) ?? new Uint8Array(),
  };
}

/** libSQL returns blobs as ArrayBuffer; callers (Automerge) want Uint8Array. */
export function toBytes(v: unknown): Uint8Array | null {
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  // The synchronous driver (WriteGroup.query) gives a Buffer: the same bytes, as a plain view.
  if (v instanceof Uint8Array) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  return null;
}

/**
 * A read of the case store's hot path (changes held, cases to load, scope, case numbers). At a
 * hub (WriteGroup): on the write thread's connection while no write is in flight, else on the
 * client's pool.
 *
 * Why both: SQLite drops a connection's page cache whenever another connection has written, so
 * on the pool these reads start cold after every group commit (measured: 500 random keys of a
 * 200,000-row index, 0.9 ms where the write was made, 2.0 ms on another connection; B2-100K's
 * one station pushing batch after batch: 87.4 s warm, 101.4 s cold). But on the write thread a
 * read waits for the transaction running there: in a storm (B7, 200 stations) every push's
 * reads queued behind 100 ms transactions while the main thread, the bound, sat idle (31.8 s and
 * 12.5 s to all durable, 10.2 s and 12.1 s reading on the pool). A push that follows its own
 * acknowledged write finds the thread idle and reads warm; pushes that overlap read on the pool.
 */
export async function selectRows(db: Db, stmt: InStatement): Promise<Record<string, unknown>[]> {
  return db.writer?.idle ? db.writer.query(stmt) : (await db.client.execute(stmt)).rows;
}
