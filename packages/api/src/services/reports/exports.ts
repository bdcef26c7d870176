import {
  type DashboardPeriod,
  listCases,
  listSites,
  MAX_PAGE,
  type ProjectionRow,
} from "@bangban/db";
import { type AccessPurpose, maskIdNumber, REPORT_READERS, revealRefusal } from "@bangban/domain";
import { cnDateTime } from "../../print/format";
import { type AuthedContext, auditEntry, todayOf } from "../case-commands";
import { auditIdSearch, caseListFilter, type ListInput } from "../case-list";
import { dashboardFigures, type rates } from "../dashboard";
import {
  checkExportSize,
  type ExportColumn,
  type ExportFile,
  type ExportFormat,
  exportFile,
  MAX_EXPORT_ROWS,
  table,
} from "../export/table-file";
import { requirePurpose } from "../id-access";
import { listRow } from "../views";
import { type StaffFigures, staffFigures } from "./staff-figures";

/**
 * The exports of the node, each written by the generic exporter and each leaving one audit
 * line: what, the filters, how many rows, the format (and, for full ID numbers, the purpose
 * and the cases revealed).
 */

/** The rates a site row and a staff row share. */
type Rates = Pick<ReturnType<typeof rates>, "onTime" | "satisfaction" | "activeRating">;

const rateCols = <R>(of: (r: R) => Rates): ExportColumn<R>[] => [
  { header: "按时办结率", kind: "percent", value: (r) => of(r).onTime.value },
  { header: "满意率", kind: "percent", value: (r) => of(r).satisfaction.value },
  { header: "主动评价率", kind: "percent", value: (r) => of(r).activeRating.value },
];

type SiteRow = Awaited<ReturnType<typeof dashboardFigures>>["bySite"][number];

const SITE_COLUMNS: ExportColumn<SiteRow>[] = [
  { header: "站点编码", value: (r) => r.siteId, width: 16 },
  { header: "站点", value: (r) => r.name, width: 28 },
  { header: "收件量", kind: "count", value: (r) => r.received },
  { header: "在办", kind: "count", value: (r) => r.open },
  { header: "办结", kind: "count", value: (r) => r.completed },
  ...rateCols<SiteRow>((r) => r.rates),
  { header: "超期未结(法定)", kind: "count", value: (r) => r.overdueOpen },
  { header: "超期办结(法定)", kind: "count", value: (r) => r.overdueFinished },
  { header: "差评数", kind: "count", value: (r) => r.levels[0] + r.levels[1] },
  { header: "差评整改率", kind: "percent", value: (r) => r.rates.rectification.value },
  { header: "回访率", kind: "percent", value: (r) => r.rates.callback.value },
  { header: "终止/退件", kind: "count", value: (r) => r.terminated },
  { header: "数据截至", value: (r) => (r.dataAsOf ? cnDateTime(r.dataAsOf) : "从未同步") },
];

type StaffRow = StaffFigures["rows"][number];

function staffColumns(figures: StaffFigures, siteName: (id: string) => string) {
  return [
    { header: "姓名", value: (r) => r.displayName ?? r.userId, width: 14 },
    { header: "岗位", value: (r) => r.roleLabel },
    { header: "所属站点", value: (r) => (r.siteId ? siteName(r.siteId) : null), width: 28 },
    { header: "办件量", kind: "count", value: (r) => r.handled },
    { header: "办结", kind: "count", value: (r) => r.completed },
    ...rateCols<StaffRow>((r) => r.rates),
    { header: "超期(法定)", kind: "count", value: (r) => r.overdue },
    { header: "差评数", kind: "count", value: (r) => r.badRatings },
    ...figures.columns.map(
      (c): ExportColumn<StaffRow> => ({
        header: c.zh,
        kind: "count",
        value: (r) => r.extra[c.key] ?? 0,
      }),
    ),
  ] satisfies ExportColumn<StaffRow>[];
}

const periodName = (p: DashboardPeriod) =>
  p.from || p.to ? `${p.from ?? "起"}至${p.to ?? "今"}` : "全部";

/**
 * 数据看板 for a period: a sheet per site (with the 合计 row), and for the leads a sheet per
 * staff member. A station lead's export holds the station's own rows only.
 */
export async function exportDashboard(
  ctx: AuthedContext,
  period: DashboardPeriod,
  format: ExportFormat,
): Promise<ExportFile> {
  const figures = await dashboardFigures(ctx, period);
  const own = ctx.user.role === "station_lead" ? ctx.user.siteId : null;
  const bySite = own ? figures.bySite.filter((s) => s.siteId === own) : figures.bySite;
  const total: SiteRow = {
    ...figures.totals,
    siteId: "",
    name: "合计",
    dataAsOf: figures.asOf,
    rectification: { siteId: "", ...figures.rectification },
    rates: figures.rates,
  };
  const sheets = [
    table({ name: "站点", columns: SITE_COLUMNS, rows: own ? bySite : [...bySite, total] }),
  ];
  if (REPORT_READERS.includes(ctx.user.role)) {
    const staff = await staffFigures(ctx, period);
    const names = new Map(figures.freshness.map((f) => [f.siteId, f.name]));
    const columns = staffColumns(staff, (id) => names.get(id) ?? id);
    sheets.push(table({ name: "人员", columns, rows: staff.rows }));
  }
  const file = await exportFile(format, `数据看板_${periodName(period)}`, sheets);
  await audit(ctx, "export.dashboard", {
    period,
    format,
    rows: file.rowCount,
    sheets: sheets.map((s) => s.name),
  });
  return file;
}

/** The most rows an export with full ID numbers writes: each row loads its case document. */
export const MAX_REVEAL_ROWS = 500;

type CaseRow = ReturnType<typeof listRow> & {
  idNumber: string;
  phone: string;
  origin: string;
  handling: string;
};

const CASE_COLUMNS: ExportColumn<CaseRow>[] = [
  { header: "办件编号", value: (r) => r.caseNumber, width: 30 },
  { header: "事项编码", value: (r) => r.itemCode, width: 12 },
  { header: "事项名称", value: (r) => r.itemName, width: 24 },
  { header: "状态", value: (r) => r.statusLabel, width: 18 },
  { header: "申请人", value: (r) => r.applicantNameMasked },
  { header: "证件号码", value: (r) => r.idNumber, width: 22 },
  { header: "联系电话", value: (r) => r.phone, width: 14 },
  { header: "收件站点", value: (r) => r.origin, width: 24 },
  { header: "办理站点", value: (r) => r.handling, width: 24 },
  { header: "收件时间", value: (r) => cnDateTime(r.submittedAt), width: 20 },
  { header: "承诺办结日", value: (r) => r.dueOn, width: 12 },
  { header: "剩余工作日", kind: "count", value: (r) => r.workdaysLeft },
  { header: "法定办结日", value: (r) => r.legalDueOn, width: 12 },
  {
    header: "办结时间",
    value: (r) => (r.completedAt ? cnDateTime(r.completedAt) : null),
    width: 20,
  },
  { header: "评价等级", kind: "count", value: (r) => r.ratingLevel },
];

export interface CaseExportInput extends Omit<ListInput, "limit" | "offset"> {
  /** Full ID numbers and phones where the user may reveal them; needs a purpose. */
  reveal?: AccessPurpose;
}

/**
 * The case list with the screen's filters, masked as on screen. With `reveal` (and its
 * purpose), a case the user may reveal (revealRefusal) shows the full ID number and phone;
 * the others stay masked. Bounded: MAX_EXPORT_ROWS, MAX_REVEAL_ROWS with full numbers.
 */
export async function exportCases(
  ctx: AuthedContext,
  input: CaseExportInput,
  format: ExportFormat,
): Promise<ExportFile> {
  const today = todayOf(ctx);
  const { reveal, ...list } = input;
  const purpose = reveal ? requirePurpose(reveal) : null;
  const { filter, idSearch } = caseListFilter(ctx, list, today);
  const pages: ProjectionRow[] = [];
  let total = 0;
  do {
    const page = await listCases(ctx.services.db, {
      ...filter,
      limit: MAX_PAGE,
      offset: pages.length,
    });
    total = page.total;
    checkExportSize(total, purpose ? MAX_REVEAL_ROWS : MAX_EXPORT_ROWS);
    pages.push(...page.rows);
    if (page.rows.length === 0) break;
  } while (pages.length < total);
  await auditIdSearch(ctx, idSearch, total, "export.cases");
  const calendar = ctx.services.calendar.get();
  const sites = new Map((await listSites(ctx.services.db)).map((s) => [s.id, s.name]));
  const revealed: string[] = [];
  const rows: CaseRow[] = [];
  for (const p of pages) {
    let idNumber = p.applicantIdMasked;
    let phone = p.phoneMasked;
    if (purpose && !revealRefusal(ctx.user, ctx.services.nodeRole, p)) {
      const view = await ctx.services.repo.get(p.caseId);
      if (view) {
        idNumber = view.record.applicant.idNumber;
        phone = view.record.applicant.phone;
        revealed.push(p.caseId);
      }
    }
    const origin = sites.get(p.originSiteId) ?? p.originSiteId;
    const handling = sites.get(p.handlingSiteId) ?? p.handlingSiteId;
    rows.push({ ...listRow(p, today, calendar), idNumber, phone, origin, handling });
  }
  const file = await exportFile(format, `办件清单_${today}`, [
    table({ name: "办件", columns: CASE_COLUMNS, rows }),
  ]);
  await audit(ctx, "export.cases", {
    filters: {
      ...list,
      idNumber: list.idNumber ? maskIdNumber(list.idNumber) : undefined,
      purpose: undefined,
    },
    format,
    rows: file.rowCount,
    ...(purpose ? { reveal: { ...purpose, revealed: revealed.length, caseIds: revealed } } : {}),
  });
  return file;
}

async function audit(ctx: AuthedContext, action: string, detail: Record<string, unknown>) {
  await ctx.services.repo.store.commit([], [auditEntry(ctx, action, null, detail)]);
}
