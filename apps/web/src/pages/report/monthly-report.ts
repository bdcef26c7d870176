import type { MonthlyReport } from "../../api/types";
import type { Translate } from "../../i18n/i18n-context";

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The month the page shows: `?month=` when it is one (YYYY-MM), else the month of `today`. */
export function monthOf(param: string | null, today: string): string {
  return param && MONTH.test(param) ? param : today.slice(0, 7);
}

type RedCase = MonthlyReport["redCases"]["rows"][number];

/** Why a case is red, deadline by deadline: 超承诺时限 5 个工作日（11-23 到期）；… */
export function reasonText(reasons: RedCase["reasons"], t: Translate, sep: string): string {
  return reasons
    .map((r) =>
      r.deadline === "paused"
        ? t("report.reason.paused")
        : t(r.deadline === "legal" ? "report.reason.legal" : "report.reason.promised", {
            days: r.workdays ?? 0,
            due: r.dueOn ?? "",
          }),
    )
    .join(sep);
}

/** "共 N 件，列出前 M 件" when a list was cut at its bound; null when all are listed. */
export function moreText(list: { total: number; rows: unknown[] }, t: Translate): string | null {
  return list.total > list.rows.length
    ? t("report.more", { total: list.total, shown: list.rows.length })
    : null;
}

type SiteRow = MonthlyReport["figures"]["bySite"][number];

/** A site-table row: a site's figures, or the 合计 row over all of them. */
export interface SiteLine {
  key: string;
  name: string;
  received: number;
  open: number;
  completed: number;
  onTime: number | null;
  satisfaction: number | null;
  activeRating: number | null;
  overdue: number;
  bad: number;
}

type Counted = Pick<
  SiteRow,
  "received" | "open" | "completed" | "rates" | "overdueOpen" | "overdueFinished" | "levels"
>;

function line(key: string, name: string, c: Counted) {
  return {
    key,
    name,
    received: c.received,
    open: c.open,
    completed: c.completed,
    onTime: c.rates.onTime.value,
    satisfaction: c.rates.satisfaction.value,
    activeRating: c.rates.activeRating.value,
    overdue: c.overdueOpen + c.overdueFinished,
    bad: c.levels[0] + c.levels[1],
  };
}

/** The per-site table of the report, with its 合计 row when the report has totals. */
export function siteLines(f: MonthlyReport["figures"], totalName: string): SiteLine[] {
  const rows = f.bySite.map((s) => line(s.siteId, s.name, s));
  if (!f.totals || !f.rates) return rows;
  return [...rows, line("total", totalName, { ...f.totals, rates: f.rates })];
}
