import { ADMIN_READERS, READERS, REPORT_READERS, type Role } from "@bangban/domain";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import type { ApiContext } from "../context";
import {
  accessPurpose,
  listInput,
  periodFields,
  periodInOrder,
  periodInput,
  periodOrderError,
} from "../inputs";
import type { AuthedContext } from "../services/case-commands";
import { complaintListInput } from "../services/complaint-view";
import type { ExportFile } from "../services/export/table-file";
import { exportCases, exportDashboard } from "../services/reports/exports";
import { exportComplaints, exportRectifyLedger } from "../services/reports/ledgers";
import { monthlyReport } from "../services/reports/monthly-report";
import { staffFigures } from "../services/reports/staff-figures";
import { createCallerFactory, createTRPCRouter, roleProcedure } from "../trpc";
import { LEDGER_READERS, rectifyLedgerInput } from "./rectify";

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "月份格式应为 YYYY-MM，例如 2026-11");

/** Per-staff figures and the monthly report (月报), for the leads. */
export const reportsRouter = {
  staff: roleProcedure(REPORT_READERS)
    .input(periodInput.default({}))
    .query(({ ctx, input }) => staffFigures(ctx as AuthedContext, input)),
  monthly: roleProcedure(REPORT_READERS)
    .input(z.object({ month }))
    .query(({ ctx, input }) => monthlyReport(ctx as AuthedContext, input.month)),
} satisfies TRPCRouterRecord;

const format = z.enum(["xlsx", "csv"], "请选择导出格式：Excel 或 CSV");

/** Who exports the dashboard's figures: who reads them, and the leads (their own rows). */
const DASHBOARD_EXPORTERS: readonly Role[] = [...new Set([...ADMIN_READERS, ...REPORT_READERS])];

/**
 * The exports, as procedures so that the role check and input validation are tRPC's own; they
 * return bytes, so they are called from the HTTP download route (callExport), never mounted on
 * the JSON router.
 */
const exportRouter = createTRPCRouter({
  dashboard: roleProcedure(DASHBOARD_EXPORTERS)
    .input(z.object({ ...periodFields, format }).refine(periodInOrder, periodOrderError))
    .query(({ ctx, input: { format, ...period } }) =>
      exportDashboard(ctx as AuthedContext, period, format),
    ),
  cases: roleProcedure(READERS)
    .input(
      listInput
        .omit({ limit: true, offset: true })
        .extend({ format, reveal: accessPurpose.optional() }),
    )
    .query(({ ctx, input: { format, ...filters } }) =>
      exportCases(ctx as AuthedContext, filters, format),
    ),
  rectify: roleProcedure(LEDGER_READERS)
    .input(rectifyLedgerInput.extend({ format }))
    .query(({ ctx, input: { format, ...filters } }) =>
      exportRectifyLedger(ctx as AuthedContext, filters, format),
    ),
  complaints: roleProcedure(READERS)
    .input(complaintListInput.unwrap().omit({ limit: true }).extend({ format }))
    .query(({ ctx, input: { format, ...filters } }) =>
      exportComplaints(ctx as AuthedContext, filters, format),
    ),
});

export const EXPORT_KINDS = ["dashboard", "cases", "rectify", "complaints"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

const exportCaller = createCallerFactory(exportRouter);

/** An export, called from the HTTP route; refusals are thrown as TRPCErrors. */
export function callExport(ctx: ApiContext, kind: ExportKind, input: unknown): Promise<ExportFile> {
  const caller = exportCaller(ctx);
  return caller[kind](input as never);
}
