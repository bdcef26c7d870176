import { listCases } from "@bangban/db";
import {
  type CaseEventType,
  checkExtension,
  checkPromiseDate,
  DomainError,
  localDateOf,
  type PayloadOf,
  READERS,
  RECEIVERS,
  STAFF,
  staffRolesFor,
} from "@bangban/domain";
import { edits } from "@bangban/sync";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import * as I from "../inputs";
import { reassignTarget } from "../services/ab-posts";
import { type AuthedContext, auditEntry, recordOnCase, todayOf } from "../services/case-commands";
import { auditIdSearch, caseListFilter } from "../services/case-list";
import { handoverInput, handoverPayload } from "../services/handover";
import { intakeCase, requireSite } from "../services/intake";
import { fullDetail, listRow, syncStateOf, unsentOf } from "../services/views";
import { roleProcedure } from "../trpc";

const withCase = <S extends z.ZodRawShape>(shape: S) => z.object({ caseId: I.caseId, ...shape });

/**
 * A procedure that records one journal event, open to the roles the machine's rule names for
 * it. `payload` maps the validated input (and may check more, throwing a DomainError that
 * names the field) to the event's payload.
 */
export function command<T extends CaseEventType, S extends z.ZodRawShape>(
  type: T,
  shape: S,
  payload: (
    input: z.infer<z.ZodObject<S>> & { caseId: string },
    ctx: AuthedContext,
  ) => PayloadOf<T> | Promise<PayloadOf<T>>,
) {
  return roleProcedure(staffRolesFor(type))
    .input(withCase(shape))
    .mutation(async ({ ctx, input }) => {
      const c = ctx as AuthedContext;
      const i = input as z.infer<z.ZodObject<S>> & { caseId: string };
      const body = await payload(i, c);
      return fullDetail(c, await recordOnCase(c, i.caseId, type, body));
    });
}

export async function getView(ctx: AuthedContext, caseId: string) {
  const view = await ctx.services.repo.get(caseId);
  if (!view)
    throw new DomainError({
      code: "NOT_ELIGIBLE",
      field: "caseId",
      zh: "办件不存在",
      en: "No such case",
    });
  return view;
}

const deferredInput = z.object({ code: I.materialCode, promisedBy: I.localDate });

export const casesRouter = {
  list: roleProcedure(READERS)
    .input(I.listInput)
    .query(async ({ ctx, input }) => {
      const c = ctx as AuthedContext;
      const today = todayOf(c);
      const { filter, idSearch } = caseListFilter(c, input, today);
      const { rows, total } = await listCases(c.services.db, {
        ...filter,
        limit: input.limit,
        offset: input.offset,
      });
      await auditIdSearch(c, idSearch, total, "cases.list");
      const calendar = c.services.calendar.get();
      const unsent = await unsentOf(
        c,
        rows.map((r) => r.caseId),
      );
      return {
        rows: rows.map((r) => ({
          ...listRow(r, today, calendar),
          syncState: syncStateOf(unsent, r.caseId),
        })),
        total,
        today,
      };
    }),

  get: roleProcedure(READERS)
    .input(withCase({}))
    .query(async ({ ctx, input }) => {
      return fullDetail(ctx, await getView(ctx as AuthedContext, input.caseId));
    }),

  intake: roleProcedure(staffRolesFor("intake"))
    .input(I.intakeInput)
    .mutation(async ({ ctx, input }) =>
      fullDetail(ctx, await intakeCase(ctx as AuthedContext, input)),
    ),

  updateMaterials: command(
    "update_materials",
    {
      materials: z
        .array(z.object({ code: I.materialCode, state: z.enum(["provided", "missing"]) }))
        .min(1, "请至少勾选一项材料"),
    },
    (i) => ({ materials: i.materials }),
  ),

  /** 一次性告知: one notice listing every missing material. */
  requestCorrection: command(
    "request_correction",
    {
      missing: z
        .array(z.object({ code: I.materialCode, reason: I.reason("缺少原因") }))
        .min(1, "一次性告知至少列明一项材料"),
    },
    (i, ctx) => ({ noticeId: ctx.services.newId(), missing: i.missing }),
  ),

  /**
   * 材料审查: one material marked 合格 or 需补正 (with what is wanting); the machine holds the
   * rule (the same people and statuses as the 一次性告知, a reason for 需补正).
   */
  checkMaterial: command(
    "check_material",
    {
      code: I.materialCode,
      verdict: z.enum(["ok", "needs_correction"], "请选择审查结论：合格或需补正"),
      reason: z.string().trim().max(200, "需补正原因不超过 200 字").optional(),
    },
    (i) => ({ code: i.code, verdict: i.verdict, reason: i.reason || undefined }),
  ),

  supplement: command(
    "supplement",
    {
      materials: z
        .array(
          z.object({
            code: I.materialCode,
            attachments: z
              .array(z.string().regex(/^[0-9a-f]{64}$/))
              .max(20)
              .default([]),
          }),
        )
        .min(1, "请选择补交的材料"),
    },
    (i) => ({ materials: i.materials }),
  ),

  /** 受理, with 容缺 when materials are deferred: each needs a promise date within the item's limit. */
  accept: command(
    "accept",
    {
      deferred: z.array(deferredInput).max(20).default([]),
      commitmentSigned: z.boolean().default(false),
    },
    async (i, ctx) => {
      if (i.deferred.length && !i.commitmentSigned) {
        throw new DomainError({
          code: "NOT_ELIGIBLE",
          field: "commitmentSigned",
          zh: "容缺受理须由申请人签署容缺受理承诺书",
          en: "A signed commitment is required",
        });
      }
      const view = await getView(ctx, i.caseId);
      const acceptedOn = localDateOf(ctx.services.clock().toISOString());
      // Field names follow the state machine's: deferred.<material code>.promisedBy.
      for (const d of i.deferred) {
        const r = checkPromiseDate({
          acceptedOn,
          promisedBy: d.promisedBy,
          promisedDays: view.state.item.promisedDays,
          calendar: ctx.services.calendar.get(),
        });
        if (!r.ok) {
          throw new DomainError({ ...r.error.toJSON(), field: `deferred.${d.code}.promisedBy` });
        }
      }
      return { deferred: i.deferred };
    },
  ),

  reject: command(
    "reject_intake",
    {
      reason: I.reason("不予受理的理由"),
      competentBody: z.string().trim().max(100).optional(),
    },
    (i) => ({ reason: i.reason, competentBody: i.competentBody }),
  ),

  /** Station cases go to the street center (DOMAIN §2: within 3 working days). */
  forward: command("forward", {}, (_i, ctx) => {
    const center = ctx.services.site.parentId;
    if (!center)
      throw new DomainError({
        code: "NOT_ALLOWED",
        field: "caseId",
        zh: "本站点没有上级中心",
        en: "No parent center",
      });
    return { toSiteId: center };
  }),

  /** 办结 with 送达: who collected the result and how (optional for older clients). */
  complete: command(
    "complete",
    { note: z.string().max(500).optional(), handover: handoverInput.optional() },
    (i, ctx) => ({
      note: i.note,
      ...(i.handover ? { handover: handoverPayload(i.handover, todayOf(ctx)) } : {}),
    }),
  ),

  withdraw: command("withdraw", { reason: z.string().trim().max(500).optional() }, (i) => ({
    reason: i.reason,
  })),

  transfer: command(
    "transfer",
    {
      toSiteId: z.string().trim().min(1, "请选择转办站点").max(32),
      reason: I.reason("转办原因"),
    },
    async (i, ctx) => {
      await requireSite(ctx, i.toSiteId, "toSiteId");
      return { toSiteId: i.toSiteId, reason: i.reason };
    },
  ),

  setPickupSite: command(
    "set_pickup_site",
    {
      siteId: z.string().trim().min(1, "请选择出件站点").max(32),
    },
    async (i, ctx) => {
      await requireSite(ctx, i.siteId, "siteId");
      return { siteId: i.siteId };
    },
  ),

  note: command("note", { text: z.string().trim().min(1, "请填写备注").max(2000) }, (i) => ({
    text: i.text,
  })),

  startReview: command("start_review", {}, () => ({})),
  suspend: command(
    "suspend",
    {
      reason: z.enum([
        "publicity",
        "hearing",
        "testing",
        "appraisal",
        "expert_review",
        "verification",
        "other",
      ]),
      note: z.string().trim().max(500).optional(),
    },
    (i) => ({ reason: i.reason, note: i.note }),
  ),
  resume: command("resume", {}, () => ({})),
  /** 审查意见 and 提交审批: the reviewer's opinion goes to the approver; the case waits (待审批). */
  submitForApproval: command(
    "submit_for_approval",
    {
      opinion: z.string().trim().min(1, "请填写审查意见").max(500, "审查意见不超过 500 字"),
      recommendation: z.enum(["approve", "deny"], "请选择审查建议：准予或不予许可"),
    },
    (i) => ({ opinion: i.opinion, recommendation: i.recommendation }),
  ),
  approve: command("approve", { note: z.string().trim().max(500).optional() }, (i) => ({
    note: i.note,
  })),
  deny: command("deny", { reason: I.reason("不予许可的理由") }, (i) => ({
    reason: i.reason,
  })),
  issue: command(
    "issue",
    {
      pickupSiteId: z.string().trim().max(32).optional(),
    },
    async (i, ctx) => {
      if (i.pickupSiteId) await requireSite(ctx, i.pickupSiteId, "pickupSiteId");
      return { pickupSiteId: i.pickupSiteId };
    },
  ),
  /** 延期 (§3.4): only where the item's rule provides it, at most its amount, once per case. */
  extend: command(
    "extend",
    {
      workdays: z.number().int().min(1, "延期至少 1 个工作日").max(60),
      reason: I.reason("延期理由"),
    },
    async (i, ctx) => {
      const { state } = await getView(ctx, i.caseId);
      const r = checkExtension({
        item: state.item,
        grantedWorkdays: state.extensionWorkdays,
        workdays: i.workdays,
        rules: ctx.services.rules,
      });
      if (!r.ok) throw r.error;
      return { workdays: r.value.workdays, reason: i.reason };
    },
  ),
  reassign: command(
    "reassign",
    {
      toUserId: z.string().trim().min(1, "请选择B岗人员").max(64),
      reason: I.reason("转派原因"),
    },
    async (i, ctx) => {
      const view = await getView(ctx, i.caseId);
      return reassignTarget(ctx, view.state.handlingSiteId, i.toUserId, i.reason);
    },
  ),
  resolveConflict: command(
    "resolve_conflict",
    {
      note: I.reason("处理意见"),
    },
    (i) => ({ note: i.note }),
  ),

  /** 备注: free text on the document; concurrent edits merge. */
  updateRemarks: roleProcedure(STAFF)
    .input(withCase({ text: z.string().max(2000, "备注不超过 2000 字") }))
    .mutation(async ({ ctx, input }) => {
      const c = ctx as AuthedContext;
      const view = await c.services.repo.edit(
        input.caseId,
        (d) => edits.setRemarks(d, input.text),
        [auditEntry(c, "case.remarks", input.caseId)],
      );
      return fullDetail(c, view);
    }),

  /** Opens the resident-facing rating screen for this case (one-time, ten minutes). */
  openRating: roleProcedure(RECEIVERS)
    .input(withCase({}))
    .mutation(async ({ ctx, input }) => {
      const c = ctx as AuthedContext;
      await getView(c, input.caseId);
      const token = c.services.ratingInvites.open(
        input.caseId,
        c.services.site.id,
        c.services.clock().getTime(),
      );
      return { token, path: `/rate/${token}` };
    }),
} satisfies TRPCRouterRecord;
