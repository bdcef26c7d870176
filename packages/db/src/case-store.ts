import { CASE_STATUSES } from "@bangban/domain";
import type {
  AuditEntry,
  CaseProjection,
  CaseStore,
  CaseWrite,
  ChangeLimit,
  CommitResult,
  LoadedCase,
  StoredChange,
} from "@bangban/sync";
import type { InStatement, Row } from "@libsql/client";
import { eq } from "drizzle-orm";
import { AUDIT_INSERT_SQL, auditArgs, validateAudit } from "./audit-row";
import type { Db } from "./client";
import { projectionArgs, UPSERT_PROJECTION_SQL } from "./projection-row";
import { caseProjections } from "./schema";

// Hot-path statements run through the raw client: constant SQL, no query building.
const ENSURE_DOC = `INSERT INTO case_docs (case_id, snapshot, snapshot_seq, updated_at)
  VALUES (?, NULL, 0, ?) ON CONFLICT(case_id) DO UPDATE SET updated_at = excluded.updated_at`;
/** Rows per multi-row change insert (6 parameters each, well under SQLite's 32766). */
const CHANGE_ROWS_PER_INSERT = 500;
// Runs after the write's changes are in, so the snapshot's seq covers all of them.
const SET_SNAPSHOT = `UPDATE case_docs SET snapshot = ?1,
  snapshot_seq = (SELECT COALESCE(MAX(seq), 0) FROM changes WHERE case_id = ?2) WHERE case_id = ?2`;
// One statement, so the snapshot and the changes after it are read from one database state.
const LOAD_CASE = `SELECT 0 AS k, snapshot_seq AS s, snapshot AS b FROM case_docs WHERE case_id = ?1
  UNION ALL
  SELECT 1 AS k, seq AS s, bytes AS b FROM changes WHERE case_id = ?1
    AND seq > COALESCE((SELECT snapshot_seq FROM case_docs WHERE case_id = ?1), 0)
  ORDER BY k, s`;
const HAS_CHANGES = "SELECT hash FROM changes WHERE hash IN (SELECT value FROM json_each(?))";
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
const ADD_SCOPE = `INSERT INTO case_scope (case_id, site_id, added_at) VALUES (?, ?, ?)
  ON CONFLICT(case_id, site_id) DO NOTHING`;
// Ensures every change of the case is in the feed of every site in its scope, in seq order
// (causal order within the case); rows already there are skipped by the unique index.
const FILL_FEEDS = `INSERT INTO site_feed (site_id, change_seq)
  SELECT s.site_id, c.seq FROM case_scope s JOIN changes c ON c.case_id = s.case_id
  WHERE s.case_id = ? ORDER BY s.site_id, c.seq
  ON CONFLICT(site_id, change_seq) DO NOTHING`;
const LAST_SEQ = "SELECT COALESCE(MAX(seq), 0) AS seq FROM changes";
const GET_META = "SELECT value FROM meta WHERE key = ?";
const SET_META = `INSERT INTO meta (key, value) VALUES (?, ?)
  ON CONFLICT(key) DO UPDATE SET value = excluded.value`;

const STATUSES: ReadonlySet<string> = new Set(CASE_STATUSES);

export interface LibsqlCaseStoreOptions {
  /** The clock for storage timestamps (`created_at`, `updated_at`); ISO instants. */
  now?: () => string;
  /**
   * Hub mode: the sites a case is in scope of, from its projection. When set, every commit
   * also records scope (sites are added, never removed) and fills the sites' pull feeds.
   */
  feedScope?: (p: CaseProjection) => string[];
}

/**
 * The CaseStore on libSQL. Every commit is one write transaction (a `client.batch` in
 * "write" mode): change log, snapshots, projections and audit rows land together or not at all.
 */
export class LibsqlCaseStore implements CaseStore {
  private readonly now: () => string;
  protected readonly feedScope: ((p: CaseProjection) => string[]) | undefined;

  constructor(
    protected readonly db: Db,
    opts: LibsqlCaseStoreOptions = {},
  ) {
    this.now = opts.now ?? (() => new Date().toISOString());
    this.feedScope = opts.feedScope;
  }

  async loadCase(caseId: string): Promise<LoadedCase | null> {
    const { rows } = await this.db.client.execute({ sql: LOAD_CASE, args: [caseId] });
    let snapshot: Uint8Array | null = null;
    const changes: Uint8Array[] = [];
    for (const row of rows) {
      const bytes = toBytes(row.b);
      if (row.k === 0) snapshot = bytes;
      else if (bytes) changes.push(bytes);
    }
    if (!snapshot && changes.length === 0) return null;
    return { snapshot, changes };
  }

  async commit(
    writes: readonly CaseWrite[],
    audit: readonly AuditEntry[] = [],
  ): Promise<CommitResult> {
    // Everything is checked before the database is touched; a bad write throws here.
    writes.forEach(validateWrite);
    validateAudit(audit);
    const now = this.now();
    const stmts: InStatement[] = [];
    const inserts: number[] = [];
    for (const w of writes) {
      stmts.push({ sql: ENSURE_DOC, args: [w.caseId, now] });
      for (let i = 0; i < w.changes.length; i += CHANGE_ROWS_PER_INSERT) {
        inserts.push(stmts.length);
        stmts.push(insertChanges(w.caseId, w.changes.slice(i, i + CHANGE_ROWS_PER_INSERT), now));
      }
      if (w.snapshot) stmts.push({ sql: SET_SNAPSHOT, args: [w.snapshot, w.caseId] });
      stmts.push({ sql: UPSERT_PROJECTION_SQL, args: projectionArgs(w.projection) });
      if (this.feedScope) {
        for (const site of new Set(this.feedScope(w.projection))) {
          stmts.push({ sql: ADD_SCOPE, args: [w.caseId, site, now] });
        }
        stmts.push({ sql: FILL_FEEDS, args: [w.caseId] });
      }
    }
    for (const a of audit) stmts.push({ sql: AUDIT_INSERT_SQL, args: auditArgs(a) });
    if (stmts.length === 0) return { appended: [] };
    const results = await this.db.client.batch(stmts, "write");
    // RETURNING yields a row per change actually inserted (not a hash already held), in no
    // promised order; seq order is the order they were appended.
    const appended = inserts.flatMap((at) =>
      (results[at]?.rows ?? []).map((r) => ({ hash: String(r.hash), seq: Number(r.seq) })),
    );
    appended.sort((a, b) => a.seq - b.seq);
    return { appended };
  }

  async hasChanges(hashes: readonly string[]): Promise<Set<string>> {
    if (hashes.length === 0) return new Set();
    const { rows } = await this.db.client.execute({
      sql: HAS_CHANGES,
      args: [JSON.stringify(hashes)],
    });
    return new Set(rows.map((r) => String(r.hash)));
  }

  async changesAfter(
    after: number,
    limit: ChangeLimit,
    filter: { actor?: string } = {},
  ): Promise<StoredChange[]> {
    const maxChanges = Math.max(1, Math.floor(limit.maxChanges));
    const maxBytes = Number.isFinite(limit.maxBytes) ? limit.maxBytes : Number.MAX_SAFE_INTEGER;
    const { rows } = await this.db.client.execute(
      filter.actor === undefined
        ? { sql: CHANGES_AFTER, args: [after, maxChanges, maxBytes] }
        : { sql: CHANGES_AFTER_BY_ACTOR, args: [after, maxChanges, maxBytes, filter.actor] },
    );
    return rows.map(storedChange);
  }

  async countAfter(after: number, filter: { actor?: string } = {}): Promise<number> {
    const { rows } = await this.db.client.execute(
      filter.actor === undefined
        ? { sql: "SELECT count(*) AS n FROM changes WHERE seq > ?", args: [after] }
        : {
            sql: "SELECT count(*) AS n FROM changes WHERE seq > ? AND actor = ?",
            args: [after, filter.actor],
          },
    );
    return Number(rows[0]?.n ?? 0);
  }

  async lastSeq(): Promise<number> {
    const { rows } = await this.db.client.execute(LAST_SEQ);
    return Number(rows[0]?.seq ?? 0);
  }

  async getProjection(caseId: string): Promise<CaseProjection | null> {
    const row = await this.db.orm
      .select()
      .from(caseProjections)
      .where(eq(caseProjections.caseId, caseId))
      .get();
    return row ?? null;
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
}

const insertSql = new Map<number, string>();

/** One multi-row INSERT for a write's changes: one statement to prepare instead of one per change. */
function insertChanges(caseId: string, changes: CaseWrite["changes"], now: string): InStatement {
  let sql = insertSql.get(changes.length);
  if (sql === undefined) {
    sql = `INSERT INTO changes (case_id, hash, actor, bytes, size, created_at) VALUES ${Array(
      changes.length,
    )
      .fill("(?, ?, ?, ?, ?, ?)")
      .join(", ")} ON CONFLICT(hash) DO NOTHING RETURNING seq, hash`;
    insertSql.set(changes.length, sql);
  }
  const args = changes.flatMap((c) => [caseId, c.hash, c.actor, c.bytes, c.bytes.byteLength, now]);
  return { sql, args };
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
function toBytes(v: Row[string] | undefined): Uint8Array | null {
  return v instanceof ArrayBuffer ? new Uint8Array(v) : null;
}
