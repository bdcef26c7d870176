import {
  type Absence,
  absencesOn,
  appendAudit,
  cancelAbsence,
  findAbsence,
  listAbsences,
  overlappingAbsences,
  recordAbsence,
  staffWithBackups,
} from "@bangban/db";
import {
  ABSENCE_KINDS,
  checkAbsenceDates,
  DomainError,
  routeAssignment,
  staffRolesFor,
} from "@bangban/domain";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import * as I from "../inputs";
import { caseStaffOf } from "../services/ab-posts";
import { type AuthedContext, auditEntry, todayOf } from "../services/case-commands";
import { roleProcedure } from "../trpc";

/** Who records absences: the lead of the person's site (a station's lead, the center's lead). */
const ABSENCE_LEADS = ["station_lead", "center_lead"] as const;

const refuse = (
  code: "NOT_ALLOWED" | "NOT_ELIGIBLE" | "DUPLICATE" | "OUT_OF_RANGE",
  field: string,
  zh: string,
  en: string,
) => new DomainError({ code, field, zh, en });

/**
 * The lead works at this node's own site: absences are stored where they are recorded, and
 * the node of the person's site is the one whose rules (AB岗 routing) read them.
 */
function leadSite(ctx: AuthedContext): string {
  const site = ctx.services.site.id;
  if (ctx.user.siteId !== site) {
    throw refuse(
      "NOT_ALLOWED",
      "userId",
      "请在本站点的系统中登记本站点人员的请假与AB岗",
      `Record absences at your own site's node (${ctx.user.siteId}), not ${site}`,
    );
  }
  return site;
}

function absenceView(a: Absence, names: Map<string, string>) {
  return {
    ...a,
    userName: names.get(a.userId) ?? a.userId,
    recordedByName: names.get(a.recordedBy) ?? a.recordedBy,
  };
}

/** 请假与AB岗: absences of the lead's site, and who covers whom. */
export const absencesRouter = {
  /** The site's staff with their B岗 and the absences not yet over (or all, with `includePast`). */
  list: roleProcedure(ABSENCE_LEADS)
    .input(z.object({ includePast: z.boolean().optional() }).default({}))
    .query(async ({ ctx, input }) => {
      const c = ctx as AuthedContext;
      const site = leadSite(c);
      const today = todayOf(c);
      const everyone = await staffWithBackups(c.services.db);
      const names = new Map(everyone.map((s) => [s.id, s.displayName]));
      const rows = await listAbsences(c.services.db, {
        siteIds: [site],
        endingFrom: input.includePast ? undefined : today,
        includeCancelled: input.includePast,
      });
      return {
        today,
        staff: everyone.filter((s) => s.siteId === site),
        absences: rows.map((a) => absenceView(a, names)),
      };
    }),

  create: roleProcedure(ABSENCE_LEADS)
    .input(
      z.object({
        userId: z.string().trim().min(1, "请选择人员").max(64),
        kind: z.enum(ABSENCE_KINDS, "请选择类型：请假、培训、公出或其他"),
        from: I.localDate,
        to: I.localDate,
        note: z.string().trim().max(200, "备注不超过 200 字").optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const c = ctx as AuthedContext;
      const site = leadSite(c);
      const person = (await staffWithBackups(c.services.db)).find((s) => s.id === input.userId);
      if (!person || person.siteId !== site || !person.active) {
        throw refuse(
          "NOT_ELIGIBLE",
          "userId",
          "只能为本站点在岗（已启用）的人员登记",
          `${input.userId} is not active staff of ${site}`,
        );
      }
      const dates = checkAbsenceDates(input.from, input.to);
      if (!dates.ok) throw dates.error;
      const today = todayOf(c);
      if (input.to < today) {
        throw refuse(
          "OUT_OF_RANGE",
          "to",
          `结束日期（${input.to}）已过，只能登记今天（${today}）及以后的请假`,
          `The end date ${input.to} is past; record absences from today (${today}) on`,
        );
      }
      const [clash] = await overlappingAbsences(c.services.db, input.userId, input.from, input.to);
      if (clash) {
        throw refuse(
          "DUPLICATE",
          "from",
          `${person.displayName}在 ${clash.from} 至 ${clash.to} 已登记，请勿重叠登记`,
          `${input.userId} is already recorded away ${clash.from}..${clash.to}`,
        );
      }
      const saved = await recordAbsence(c.services.db, {
        id: `ab-${c.services.newId()}`,
        userId: input.userId,
        siteId: site,
        kind: input.kind,
        from: input.from,
        to: input.to,
        note: input.note ?? "",
        recordedBy: c.user.id,
        createdAt: c.services.clock().toISOString(),
      });
      await appendAudit(c.services.db, [
        auditEntry(c, "absence.create", null, {
          absenceId: saved.id,
          targetUserId: saved.userId,
          kind: saved.kind,
          from: saved.from,
          to: saved.to,
        }),
      ]);
      return saved;
    }),

  cancel: roleProcedure(ABSENCE_LEADS)
    .input(z.object({ id: z.string().trim().min(1, "请选择要撤销的登记").max(64) }))
    .mutation(async ({ ctx, input }) => {
      const c = ctx as AuthedContext;
      const site = leadSite(c);
      const a = await findAbsence(c.services.db, input.id);
      if (!a || a.siteId !== site) {
        throw refuse("NOT_ELIGIBLE", "id", "没有这条请假登记", `No absence ${input.id} at ${site}`);
      }
      const saved = await cancelAbsence(
        c.services.db,
        a.id,
        c.user.id,
        c.services.clock().toISOString(),
      );
      if (!saved) {
        throw refuse(
          "NOT_ELIGIBLE",
          "id",
          "这条请假登记已撤销",
          `Absence ${a.id} is cancelled already`,
        );
      }
      await appendAudit(c.services.db, [
        auditEntry(c, "absence.cancel", null, { absenceId: a.id, targetUserId: a.userId }),
      ]);
      return saved;
    }),

  /**
   * For the 转派 dialog: the active staff of the case's handling site, who is away today and
   * where a case handed to them would go (their B岗), as the API will route it.
   */
  assignable: roleProcedure(staffRolesFor("reassign"))
    .input(z.object({ caseId: I.caseId }))
    .query(async ({ ctx, input }) => {
      const c = ctx as AuthedContext;
      const view = await c.services.repo.get(input.caseId);
      if (!view) throw refuse("NOT_ELIGIBLE", "caseId", "办件不存在", "No such case");
      const today = todayOf(c);
      const staff = await caseStaffOf(c, view.state.handlingSiteId);
      const away = await absencesOn(c.services.db, today);
      return {
        today,
        handlingSiteId: view.state.handlingSiteId,
        staff: staff.map((s) => {
          const route = routeAssignment(s.id, today, staff, away);
          return {
            ...s,
            absentToday: !route.ok || route.value.absentUserId !== null,
            routesTo: route.ok ? route.value.toUserId : null,
          };
        }),
      };
    }),
} satisfies TRPCRouterRecord;
