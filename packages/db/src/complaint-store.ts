import { type Complainant, type ComplaintState, isCenterCode, targetSiteOf } from "@bangban/domain";
import type { ComplaintStore, StoredComplaint } from "@bangban/sync";
import type { InStatement, Row } from "@libsql/client";
import type { Db } from "./client";

const COLUMNS = "id, seq, state, complainant, doc";

const UPSERT = `INSERT INTO complaint_docs
  (id, seq, kind, stage, site_id, target_site_id, target_staff_id, target_case_id,
   coordinator_id, registered_at, closed_on, substantiated, state, complainant, doc, updated_at)
  VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM complaint_docs), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, stage = excluded.stage,
   closed_on = excluded.closed_on, substantiated = excluded.substantiated, state = excluded.state,
   complainant = excluded.complainant, doc = excluded.doc, updated_at = excluded.updated_at`;

function toBytes(v: unknown): Uint8Array {
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  if (v instanceof Uint8Array) return v;
  throw new Error("complaint_docs.doc is not a blob");
}

export function complaintFromRow(row: Row): StoredComplaint {
  return {
    id: String(row.id),
    seq: Number(row.seq),
    state: JSON.parse(String(row.state)) as ComplaintState,
    complainant:
      row.complainant === null ? null : (JSON.parse(String(row.complainant)) as Complainant),
    doc: toBytes(row.doc),
  };
}

function upsert(e: Omit<StoredComplaint, "seq">, now: string): InStatement {
  const s = e.state;
  const target = s.register.kind === "complaint" ? s.register.target : {};
  return {
    sql: UPSERT,
    args: [
      e.id,
      s.kind,
      s.stage,
      s.siteId,
      targetSiteOf(s),
      target.staffId ?? null,
      target.caseId ?? null,
      s.register.kind === "fallback" ? s.register.coordinatorId : null,
      s.registeredAt,
      s.closedOn,
      s.substantiated === null ? null : s.substantiated ? 1 : 0,
      JSON.stringify(s),
      e.complainant ? JSON.stringify(e.complainant) : null,
      e.doc,
      now,
    ],
  };
}

/**
 * `complaintInScope` (packages/sync hub/scope.ts) in SQL: a station's scope is its own site, a
 * street's (at the district) its center and every 12-digit station under its code.
 */
function scopeOf(node: string): { sql: string; args: string[] } {
  if (!isCenterCode(node)) {
    return { sql: "AND (site_id = ? OR target_site_id = ?)", args: [node, node] };
  }
  const under = (col: string) =>
    `(${col} = ? OR (length(${col}) = 12 AND substr(${col}, 1, 9) = ?))`;
  return {
    sql: `AND (${under("site_id")} OR ${under("target_site_id")})`,
    args: [node, node, node, node],
  };
}

/** The ComplaintStore on libSQL: each put is one write transaction (passes the sync suite). */
export class LibsqlComplaintStore implements ComplaintStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  async getComplaint(id: string): Promise<StoredComplaint | null> {
    const { rows } = await this.db.client.execute({
      sql: `SELECT ${COLUMNS} FROM complaint_docs WHERE id = ?`,
      args: [id],
    });
    return rows[0] ? complaintFromRow(rows[0]) : null;
  }

  async putComplaints(entries: readonly Omit<StoredComplaint, "seq">[]): Promise<number[]> {
    if (!entries.length) return [];
    const now = this.now();
    const ids = entries.map((e) => e.id);
    const results = await this.db.client.batch(
      [
        ...entries.map((e) => upsert(e, now)),
        {
          sql: "SELECT id, seq FROM complaint_docs WHERE id IN (SELECT value FROM json_each(?))",
          args: [JSON.stringify(ids)],
        },
      ],
      "write",
    );
    const seqs = new Map((results.at(-1)?.rows ?? []).map((r) => [String(r.id), Number(r.seq)]));
    return ids.map((id) => seqs.get(id) as number);
  }

  async complaintsAfter(after: number, opts: { limit: number; siteId?: string }) {
    const scope = opts.siteId ? scopeOf(opts.siteId) : { sql: "", args: [] };
    const { rows } = await this.db.client.execute({
      sql: `SELECT ${COLUMNS} FROM complaint_docs WHERE seq > ? ${scope.sql} ORDER BY seq LIMIT ?`,
      args: [after, ...scope.args, opts.limit],
    });
    return rows.map(complaintFromRow);
  }
}
