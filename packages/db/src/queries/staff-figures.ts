import { TERMINAL_STATUSES } from "@bangban/domain";
import type { InValue } from "@libsql/client";
import type { Db } from "../client";
import type { DashboardPeriod, SiteCaseCounts } from "./dashboard";
import type { SiteRectificationCounts } from "./rectifications";

/**
 * Per-staff figures over `case_projections`, for the center lead (and a station lead, for the
 * station's own staff).
 *
 * Attribution, 谁办理谁负责: every figure of a case is credited to its 办理人, the projection's
 * `assignee_id` — the first responder who took the case in, unless AB岗 reassigned it, then the
 * person it was reassigned to (machine.ts: intake sets it, only `reassign` changes it). The
 * projection records no one else per case: not who reviewed or decided at the center, nor who
 * handed the result over. So a case forwarded to the center stays with the helper who took it
 * in, and the center's reviewers and approvers are credited only with cases they took in
 * themselves. (`first_responder_id` stands in for rows written before `assignee_id` was set.)
 */
export interface StaffCaseCounts extends Omit<SiteCaseCounts, "siteId" | "received"> {
  userId: string;
  /**
   * From the node's users table, else (at a district) from the staff its street reported;
   * null when the node knows neither.
   */
  displayName: string | null;
  siteId: string | null;
  role: string | null;
  /** Cases of the period this person is the 办理人 of (what `received` is for a site). */
  handled: number;
  /**
   * 差评整改 over those cases (as a site's, SiteRectificationCounts): the 差评 of the cases
   * this person is the 办理人 of, and how many were rectified and called back.
   */
  rectification: Omit<SiteRectificationCounts, "siteId">;
}

/** Which staff to count: only accounts of this site (a station lead's own station). */
export interface StaffScope {
  staffSiteId?: string;
}

const CHINA_DAY = "date(p.submitted_at, '+8 hours')";
const TERMINAL = `(${[...TERMINAL_STATUSES].map((s) => `'${s}'`).join(",")})`;

// At a district node the street staff have no account there: their names, sites and roles come
// from what each street reported (`district_staff`); a node's own account wins where both exist.
const BY_STAFF = `SELECT p.staff AS staff, COALESCE(u.display_name, ds.display_name) AS name,
    COALESCE(u.site_id, ds.site_id) AS site, COALESCE(u.role, ds.role) AS role,
    count(*) AS handled,
    SUM(p.status NOT IN ${TERMINAL}) AS open,
    SUM(p.status = 'COMPLETED') AS completed,
    SUM(p.status = 'COMPLETED' AND p.on_time IS NOT NULL) AS verdict,
    SUM(p.status = 'COMPLETED' AND p.on_time = 1) AS on_time,
    SUM(p.status NOT IN ${TERMINAL} AND p.status != 'READY_FOR_PICKUP'
        AND p.legal_due_on IS NOT NULL AND p.legal_due_on < ?3) AS overdue_open,
    SUM(p.status IN ('COMPLETED', 'READY_FOR_PICKUP') AND p.legal_on_time = 0) AS overdue_finished,
    SUM(p.status = 'COMPLETED' AND p.rating_level IS NOT NULL) AS rated_completed,
    SUM(p.status = 'TERMINATED') AS terminated,
    SUM(p.rectify_bad) AS rect_bad, SUM(p.rectify_closed) AS rect_closed,
    SUM(p.rectify_real_name) AS rect_real_name, SUM(p.rectify_called_back) AS rect_called_back,
    SUM(p.rectify_open) AS rect_open,
    SUM(CASE WHEN p.rectify_open > 0 AND p.rectify_due_on < ?3 THEN p.rectify_open ELSE 0 END)
      AS rect_overdue,
    SUM(p.rating_level = 1) AS l1, SUM(p.rating_level = 2) AS l2, SUM(p.rating_level = 3) AS l3,
    SUM(p.rating_level = 4) AS l4, SUM(p.rating_level = 5) AS l5
  FROM (SELECT *, COALESCE(assignee_id, first_responder_id) AS staff FROM case_projections) p
  LEFT JOIN users u ON u.id = p.staff
  LEFT JOIN district_staff ds ON ds.user_id = p.staff
  WHERE (?1 IS NULL OR ${CHINA_DAY} >= ?1) AND (?2 IS NULL OR ${CHINA_DAY} <= ?2)
    AND (?4 IS NULL OR COALESCE(u.site_id, ds.site_id) = ?4)
  GROUP BY p.staff ORDER BY handled DESC, p.staff`;

const n = (v: unknown): number => Number(v ?? 0);
const textOrNull = (v: unknown): string | null => (v == null ? null : String(v));

/**
 * Case counts per 办理人 (see StaffCaseCounts) of the cases submitted in the period; `today`
 * (China time) is the day open cases are judged 超期 against their legal limit.
 */
export async function caseCountsByStaff(
  db: Db,
  today: string,
  period: DashboardPeriod = {},
  scope: StaffScope = {},
): Promise<StaffCaseCounts[]> {
  const args: InValue[] = [
    period.from ?? null,
    period.to ?? null,
    today,
    scope.staffSiteId ?? null,
  ];
  const { rows } = await db.client.execute({ sql: BY_STAFF, args });
  return rows.map((r) => ({
    userId: String(r.staff),
    displayName: textOrNull(r.name),
    siteId: textOrNull(r.site),
    role: textOrNull(r.role),
    handled: n(r.handled),
    open: n(r.open),
    completed: n(r.completed),
    withVerdict: n(r.verdict),
    onTime: n(r.on_time),
    overdueOpen: n(r.overdue_open),
    overdueFinished: n(r.overdue_finished),
    ratedCompleted: n(r.rated_completed),
    terminated: n(r.terminated),
    levels: [n(r.l1), n(r.l2), n(r.l3), n(r.l4), n(r.l5)],
    rectification: {
      bad: n(r.rect_bad),
      closed: n(r.rect_closed),
      realName: n(r.rect_real_name),
      calledBack: n(r.rect_called_back),
      open: n(r.rect_open),
      overdue: n(r.rect_overdue),
    },
  }));
}
