import type { Complainant, ComplaintState } from "@bangban/domain";
import type { InValue } from "@libsql/client";
import type { Db } from "../client";

/** One row of the 投诉台账 / 办不成事 board: the fold and the complainant (masked by the caller). */
export interface ComplaintRow {
  id: string;
  state: ComplaintState;
  complainant: Complainant | null;
}

export interface ComplaintFilter {
  kind?: "complaint" | "fallback";
  stages?: readonly string[];
  /** Only those registered at or targeting this site (a station's own view). */
  siteId?: string;
  targetStaffId?: string;
  /** Registered on or after / before this day (`YYYY-MM-DD`, China time as stored). */
  from?: string;
  to?: string;
  limit: number;
}

/** The ledger: newest registration first. */
export async function listComplaints(db: Db, f: ComplaintFilter): Promise<ComplaintRow[]> {
  const where: string[] = [];
  const args: InValue[] = [];
  if (f.kind) {
    where.push("kind = ?");
    args.push(f.kind);
  }
  if (f.stages?.length) {
    where.push("stage IN (SELECT value FROM json_each(?))");
    args.push(JSON.stringify(f.stages));
  }
  if (f.siteId) {
    where.push("(site_id = ? OR target_site_id = ?)");
    args.push(f.siteId, f.siteId);
  }
  if (f.targetStaffId) {
    where.push("target_staff_id = ?");
    args.push(f.targetStaffId);
  }
  if (f.from) {
    where.push("substr(registered_at, 1, 10) >= ?");
    args.push(f.from);
  }
  if (f.to) {
    where.push("substr(registered_at, 1, 10) <= ?");
    args.push(f.to);
  }
  const { rows } = await db.client.execute({
    sql: `SELECT id, state, complainant FROM complaint_docs
      ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
      ORDER BY registered_at DESC, id DESC LIMIT ?`,
    args: [...args, f.limit],
  });
  return rows.map((r) => ({
    id: String(r.id),
    state: JSON.parse(String(r.state)) as ComplaintState,
    complainant: r.complainant === null ? null : (JSON.parse(String(r.complainant)) as Complainant),
  }));
}

/** Substantiated complaints closed in [from, to] (`YYYY-MM-DD`), counted by a target column. */
async function substantiatedBy(
  db: Db,
  column: "target_site_id" | "target_staff_id" | "substr(target_site_id, 1, 9)",
  from: string,
  to: string,
): Promise<Map<string, number>> {
  const { rows } = await db.client.execute({
    sql: `SELECT ${column} AS k, COUNT(*) AS n FROM complaint_docs
      WHERE kind = 'complaint' AND substantiated = 1 AND ${column} IS NOT NULL
        AND closed_on >= ? AND closed_on <= ?
      GROUP BY 1`,
    args: [from, to],
  });
  return new Map(rows.map((r) => [String(r.k), Number(r.n)]));
}

/** 属实投诉 per targeted site, closed in the period (the radar's complaint rate numerator). */
export function substantiatedComplaintsBySite(db: Db, from: string, to: string) {
  return substantiatedBy(db, "target_site_id", from, to);
}

/** 属实投诉 per street of the targeted site (its first 9 digits), closed in the period. */
export function substantiatedComplaintsByStreet(db: Db, from: string, to: string) {
  return substantiatedBy(db, "substr(target_site_id, 1, 9)", from, to);
}

/** 属实投诉 per targeted staff member, closed in the period (the removal flag, per-staff figures). */
export function substantiatedComplaintsByStaff(db: Db, from: string, to: string) {
  return substantiatedBy(db, "target_staff_id", from, to);
}

/**
 * Whether this node holds any complaint at all. A district does not yet (complaints stay at
 * the street that registered them): its screens then say the rate is not collected.
 */
export async function holdsComplaints(db: Db): Promise<boolean> {
  const { rows } = await db.client.execute("SELECT EXISTS (SELECT 1 FROM complaint_docs) AS held");
  return Number(rows[0]?.held ?? 0) === 1;
}
