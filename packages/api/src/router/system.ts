import { verifyAuditChain } from "@bangban/db";
import { DomainError } from "@bangban/domain";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import type { NodeServices, StationSyncControl } from "../context";
import { caseId as caseIdInput } from "../inputs";
import { ADMINS } from "../roles";
import { auditEntry } from "../services/case-commands";
import { authedProcedure, publicProcedure, roleProcedure } from "../trpc";

/** The station's sync control; a hub has none (its stations call it). */
function stationSync(services: NodeServices): StationSyncControl {
  if (services.nodeRole === "station") return services.sync;
  throw new DomainError({
    code: "NOT_ALLOWED",
    field: "sync",
    zh: "本节点没有同步服务",
    en: "This node does not sync",
  });
}

/** The node's state for the sync indicator, and the station's first-run enrolment. */
export const systemRouter = {
  status: publicProcedure.query(async ({ ctx }) => {
    const { services } = ctx;
    return {
      role: services.nodeRole,
      site: services.site,
      version: services.version,
      enrolled: services.nodeRole === "station" ? await services.sync.enrolled() : null,
      sync: services.nodeRole === "station" ? services.sync.status() : null,
    };
  }),

  /**
   * First run: exchange the enrolment code from the street center for this station's
   * credential. Open without sign-in only while the station is not enrolled — before that
   * it has no users (they arrive from the hub).
   */
  enrol: publicProcedure
    .input(
      z.object({
        hubUrl: z.string().trim().url("请填写街道中心地址，如 http://192.168.1.10:8700"),
        code: z.string().trim().min(8, "请填写登记码").max(40, "登记码格式不正确"),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const sync = stationSync(ctx.services);
      if (await sync.enrolled()) {
        throw new DomainError({
          code: "NOT_ALLOWED",
          field: "code",
          zh: "本站点已登记；如需重新登记请联系街道中心",
          en: "Already enrolled",
        });
      }
      try {
        await sync.enrol(input.hubUrl, input.code);
      } catch (e) {
        const zh = (e as { data?: { zh?: string } }).data?.zh;
        throw new DomainError({
          code: "NOT_ELIGIBLE",
          field: "code",
          zh: zh || "登记失败：无法连接街道中心或登记码无效",
          en: e instanceof Error ? e.message : "Enrolment failed",
        });
      }
      await ctx.services.repo.store.commit(
        [],
        [auditEntry(ctx, "station.enrolled", null, { hubUrl: input.hubUrl })],
      );
      return { ok: true };
    }),

  /**
   * Walks the audit log's hash chain (the same check as the CLIs' `verify-audit`): ok with the
   * row count, or the first row edited, removed or reordered behind the database's back.
   */
  verifyAudit: roleProcedure([...ADMINS, "station_lead"]).query(async ({ ctx }) =>
    verifyAuditChain(ctx.services.db),
  ),

  /**
   * 重新提交: a station lead sends a quarantined case again once the center fixed the cause
   * (a user reactivated, a catalog version issued). Refused again, it stays, with the new reason.
   */
  releaseQuarantine: roleProcedure(["station_lead"])
    .input(z.object({ caseId: caseIdInput }))
    .mutation(async ({ ctx, input }) => {
      const sync = stationSync(ctx.services);
      if (!(await sync.release(input.caseId))) {
        throw new DomainError({
          code: "NOT_ELIGIBLE",
          field: "caseId",
          zh: "该办件未暂停同步",
          en: "The case is not quarantined",
        });
      }
      await ctx.services.repo.store.commit([], [auditEntry(ctx, "sync.release", input.caseId)]);
      return sync.status();
    }),

  syncNow: authedProcedure.mutation(async ({ ctx }) => {
    const sync = stationSync(ctx.services);
    await sync.syncNow().catch(() => undefined);
    return sync.status();
  }),
} satisfies TRPCRouterRecord;
