import {
  type DashboardPeriod,
  type LedgerFilter,
  listRectificationLedger,
  listSites,
  staffNames,
  substantiatedComplaintsByStaff,
} from "@bangban/db";
import {
  type ComplaintViewingNode,
  complainantShown,
  complainantShownZh,
  complaintChannelLabels,
  complaintStageLabels,
  type RectificationState,
  ratingLevelLabels,
  rectificationStateLabels,
} from "@bangban/domain";
import { type AuthedContext, auditEntry, todayOf } from "../case-commands";
import { type ComplaintListInput, complaintLedger } from "../complaint-view";
import {
  checkExportSize,
  type ExportColumn,
  type ExportFile,
  type ExportFormat,
  exportFile,
  MAX_EXPORT_ROWS,
  table,
} from "../export/table-file";
import type { ReportTable } from "./monthly-report";
import type { StaffFigureSource } from "./staff-figures";

/**
 * The two ledgers of the supervision loop (差评台账, 投诉台账) as the screens, the exports and
 * the monthly report read them: one reader each, so the three never disagree about scope.
 */

const names = async (ctx: AuthedContext) => {
  const [sites, user] = await Promise.all([
    listSites(ctx.services.db),
    staffNames(ctx.services.db),
  ]);
  return { site: new Map(sites.map((s) => [s.id, s.name])), user };
};

// ---------------------------------------------------------------------------
// 差评台账

export interface RectifyLedgerInput {
  siteId?: string;
  state?: RectificationState;
  openOnly?: boolean;
}

/** The 差评台账: a station lead always gets their own site's, whatever they ask for. */
export async function rectificationLedger(
  ctx: AuthedContext,
  input: RectifyLedgerInput & Pick<LedgerFilter, "period" | "limit">,
) {
  const today = todayOf(ctx);
  const siteId = ctx.user.role === "station_lead" ? ctx.user.siteId : input.siteId;
  const [rows, n] = await Promise.all([
    listRectificationLedger(ctx.services.db, today, { ...input, siteId }),
    names(ctx),
  ]);
  return {
    today,
    rows: rows.map((r) => ({ ...r, siteName: n.site.get(r.siteId) ?? r.siteId })),
  };
}

type RectifyRow = Awaited<ReturnType<typeof rectificationLedger>>["rows"][number];

const levelLabel = (level: number) =>
  level in ratingLevelLabels ? ratingLevelLabels[level as 1 | 2] : String(level);

const RECTIFY_COLUMNS: ExportColumn<RectifyRow>[] = [
  { header: "办件编号", value: (r) => r.caseNumber, width: 30 },
  { header: "事项名称", value: (r) => r.itemName, width: 24 },
  { header: "责任站点", value: (r) => r.siteName, width: 24 },
  { header: "评价等级", value: (r) => levelLabel(r.level) },
  { header: "评价日期", value: (r) => r.ratedOn, width: 12 },
  { header: "整改状态", value: (r) => rectificationStateLabels[r.state].zh, width: 12 },
  { header: "未完成", kind: "count", value: (r) => r.open },
  { header: "整改期限", value: (r) => r.dueOn, width: 12 },
  { header: "是否逾期", value: (r) => (r.overdue ? "逾期" : "") },
];

// ---------------------------------------------------------------------------
// 投诉台账

type ComplaintRow = Awaited<ReturnType<typeof complaintLedger>>["rows"][number];

/** This node, as the complainant rule needs it. */
const viewingNode = (ctx: AuthedContext): ComplaintViewingNode => ({
  siteId: ctx.services.site.id,
  siteKind: ctx.services.site.kind,
});

/** The complainant as the screen shows it (`complainantShown`): masked, or the word for why not. */
function complainantText(r: ComplaintRow, node: ComplaintViewingNode): string {
  const shown = complainantShown(r, node);
  return shown.kind === "masked" ? shown.text : complainantShownZh[shown.kind];
}

function complaintColumns(
  n: Awaited<ReturnType<typeof names>>,
  node: ComplaintViewingNode,
): ExportColumn<ComplaintRow>[] {
  const target = (r: ComplaintRow) =>
    [
      r.target?.siteId ? (n.site.get(r.target.siteId) ?? r.target.siteId) : null,
      r.target?.staffId ? (n.user.get(r.target.staffId) ?? r.target.staffId) : null,
    ]
      .filter(Boolean)
      .join(" / ") || null;
  return [
    { header: "投诉编号", value: (r) => r.id, width: 28 },
    { header: "登记日期", value: (r) => r.registeredOn, width: 12 },
    { header: "登记站点", value: (r) => n.site.get(r.siteId) ?? r.siteId, width: 24 },
    { header: "渠道", value: (r) => (r.channel ? complaintChannelLabels[r.channel] : null) },
    { header: "投诉对象", value: target, width: 24 },
    { header: "投诉人", value: (r) => complainantText(r, node), width: 20 },
    { header: "内容", value: (r) => r.content, width: 40 },
    { header: "环节", value: (r) => complaintStageLabels[r.stage] },
    {
      header: "是否属实",
      value: (r) => (r.substantiated === null ? null : r.substantiated ? "属实" : "不属实"),
    },
    {
      header: "待办期限",
      value: (r) => r.dues.map((d) => `${d.date}${d.overdue ? "（逾期）" : ""}`).join("；") || null,
      width: 16,
    },
  ];
}

// ---------------------------------------------------------------------------
// Exports

async function audit(ctx: AuthedContext, action: string, detail: Record<string, unknown>) {
  await ctx.services.repo.store.commit([], [auditEntry(ctx, action, null, detail)]);
}

/** 差评台账 as XLSX or CSV, with the screen's filters; one audit line. */
export async function exportRectifyLedger(
  ctx: AuthedContext,
  input: RectifyLedgerInput,
  format: ExportFormat,
): Promise<ExportFile> {
  const ledger = await rectificationLedger(ctx, { ...input, limit: MAX_EXPORT_ROWS + 1 });
  checkExportSize(ledger.rows.length);
  const sheets = [table({ name: "差评台账", columns: RECTIFY_COLUMNS, rows: ledger.rows })];
  const file = await exportFile(format, `差评台账_${ledger.today}`, sheets);
  await audit(ctx, "export.rectify", { filters: input, format, rows: file.rowCount });
  return file;
}

/**
 * 投诉台账 as XLSX or CSV, with the screen's filters. The complainant is as on screen: masked,
 * or absent where the viewer may not see it; never in clear. One audit line.
 */
export async function exportComplaints(
  ctx: AuthedContext,
  input: Omit<ComplaintListInput, "limit">,
  format: ExportFormat,
): Promise<ExportFile> {
  const [ledger, n] = await Promise.all([
    complaintLedger(ctx, { ...input, limit: MAX_EXPORT_ROWS + 1 }),
    names(ctx),
  ]);
  checkExportSize(ledger.rows.length);
  const name = input.kind === "fallback" ? "办不成事" : "投诉台账";
  const sheets = [
    table({ name, columns: complaintColumns(n, viewingNode(ctx)), rows: ledger.rows }),
  ];
  const file = await exportFile(format, `${name}_${ledger.today}`, sheets);
  await audit(ctx, "export.complaints", { filters: input, format, rows: file.rowCount });
  return file;
}

// ---------------------------------------------------------------------------
// The monthly report's sections and the per-staff figure

/** Rows a report section shows before saying how many there are in all. */
const SECTION_ROWS = 200;

/** The 差评 on the month's cases (as the report's 差评 list) and where each rectification stands. */
export async function rectificationSection(
  ctx: AuthedContext,
  period: Required<DashboardPeriod>,
): Promise<ReportTable> {
  const ledger = await rectificationLedger(ctx, { period, limit: SECTION_ROWS });
  return {
    columns: [
      { key: "caseNumber", zh: "办件编号" },
      { key: "site", zh: "责任站点" },
      { key: "level", zh: "评价" },
      { key: "ratedOn", zh: "评价日期" },
      { key: "state", zh: "整改状态" },
      { key: "dueOn", zh: "整改期限" },
    ],
    rows: ledger.rows.map((r) => ({
      caseNumber: r.caseNumber,
      site: r.siteName,
      level: levelLabel(r.level),
      ratedOn: r.ratedOn,
      state: `${rectificationStateLabels[r.state].zh}${r.overdue ? "（逾期）" : ""}`,
      dueOn: r.dueOn,
    })),
  };
}

/** The month's complaints (by the day registered), their stage and whether substantiated. */
export async function complaintSection(
  ctx: AuthedContext,
  period: Required<DashboardPeriod>,
): Promise<ReportTable> {
  const [ledger, n] = await Promise.all([
    complaintLedger(ctx, {
      kind: "complaint",
      state: "all",
      from: period.from,
      to: period.to,
      limit: SECTION_ROWS,
    }),
    names(ctx),
  ]);
  const cols = complaintColumns(n, viewingNode(ctx)).filter((c) =>
    ["登记日期", "登记站点", "渠道", "投诉对象", "环节", "是否属实", "待办期限"].includes(c.header),
  );
  return {
    columns: cols.map((c) => ({ key: c.header, zh: c.header })),
    rows: ledger.rows.map((r) => {
      const row: Record<string, string | number | null> = {};
      for (const c of cols) {
        const v = c.value(r);
        row[c.header] = typeof v === "number" || typeof v === "string" ? v : null;
      }
      return row;
    }),
  };
}

/** 属实投诉 per staff member, closed in the period: a column of the per-staff figures. */
export const substantiatedComplaintsSource: StaffFigureSource = {
  key: "substantiatedComplaints",
  zh: "属实投诉",
  en: "Substantiated complaints",
  countsBy: (ctx, period) =>
    substantiatedComplaintsByStaff(
      ctx.services.db,
      period.from ?? "0000-01-01",
      period.to ?? todayOf(ctx),
    ),
};
