import {
  appendAudit,
  findUserById,
  getCaseByNumber,
  getSite,
  knownStaff,
  listComplaints,
  listUsers,
  staffNames,
  substantiatedComplaintsByStaff,
} from "@bangban/db";
import {
  COMPLAINT_CHANNELS,
  type Complainant,
  type ComplaintEvent,
  complaintConcernsSite,
  complaintEventSchema,
  DomainError,
  FALLBACK_OUTCOMES,
  NOT_ACCEPTED_REASONS,
  parseComplainant,
  READERS,
  removalFromWindow,
  STAFF,
} from "@bangban/domain";
import { loadComplaintDoc, readComplaintDoc, type StoredComplaint } from "@bangban/sync";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { localDate } from "../inputs";
import { type AuthedContext, actorOf, auditEntry, todayOf } from "../services/case-commands";
import {
  complaintLedger,
  complaintListInput,
  mayRevealComplainant,
  complaintSiteScope as siteScope,
  complaintSummaryFor as summary,
  complaintViewer as viewerOf,
} from "../services/complaint-view";
import { roleProcedure, TRPCError } from "../trpc";

/** Who reads the 办不成事 board and the removal flags: the center lead and the district. */
export const COMPLAINT_BOARD_READERS = ["center_lead", "district_admin"] as const;

const id = z.string().trim().min(10, "投诉编号不正确").max(40, "投诉编号不正确");
const optionalId = (max: number, msg: string) =>
  z
    .string()
    .trim()
    .max(max, msg)
    .optional()
    .transform((s) => s || undefined);
const text = (what: string, max: number) =>
  z.string().trim().min(1, `请填写${what}`).max(max, `${what}不超过 ${max} 字`);

const complainantInput = z
  .object({
    name: z.string().max(50, "投诉人姓名不超过 50 字"),
    phone: z.string().max(30, "联系电话格式不正确"),
    idNumber: optionalId(30, "身份证号码格式不正确"),
    address: optionalId(200, "住址不超过 200 字"),
  })
  .nullable();

const registerInput = z.object({
  channel: z.enum(COMPLAINT_CHANNELS, "请选择投诉渠道"),
  target: z.object({
    siteId: optionalId(20, "投诉对象站点不正确"),
    staffId: optionalId(64, "投诉对象人员不正确"),
    caseId: optionalId(40, "投诉涉及的办件编号不正确"),
  }),
  content: text("投诉内容", 2000),
  written: z.boolean("请选择是否书面投诉"),
  complexity: z.enum(["simple", "complex"], "请选择简易或复杂投诉"),
  complainant: complainantInput,
});

const fallbackInput = z.object({
  matter: text("反映事项", 2000),
  coordinatorId: z.string().trim().min(1, "请选择协调人").max(64),
  deadline: localDate,
  complainant: complainantInput,
});

const actInput = z.discriminatedUnion("type", [
  z.object({ id, type: z.literal("accept") }),
  z.object({
    id,
    type: z.literal("decline"),
    reason: z.enum(NOT_ACCEPTED_REASONS, "请选择不予受理的理由"),
    note: optionalId(500, "说明不超过 500 字"),
  }),
  z.object({ id, type: z.literal("start_handling") }),
  z.object({
    id,
    type: z.literal("close"),
    substantiated: z.boolean("请选择投诉是否属实"),
    reply: optionalId(4000, "书面答复不超过 4000 字"),
    result: text("处理结果", 2000),
  }),
  z.object({ id, type: z.literal("file_result"), result: text("整改结果", 2000) }),
  z.object({
    id,
    type: z.literal("follow_up"),
    reached: z.boolean("请选择是否联系上投诉人"),
    result: text("回访情况", 1000),
  }),
  z.object({
    id,
    type: z.literal("fallback_close"),
    outcome: z.enum(FALLBACK_OUTCOMES, "请选择办理结果"),
    note: text("办理说明", 2000),
  }),
]);

const notFound = () =>
  new TRPCError({ code: "NOT_FOUND", message: "No such complaint in your scope" });

async function visible(ctx: AuthedContext, complaintId: string): Promise<StoredComplaint> {
  const held = await ctx.services.complaints.get(complaintId);
  const scope = siteScope(ctx);
  if (!held || (scope && !complaintConcernsSite(held.state, scope))) throw notFound();
  return held;
}

const bad = (field: string, zh: string, en: string) =>
  new DomainError({ code: "INVALID_FORMAT", field, zh, en });

/** The complainant checked (null: anonymous, e.g. the suggestion box). */
function checkedComplainant(ctx: AuthedContext, c: z.infer<typeof complainantInput>) {
  if (!c) return null;
  const r = parseComplainant(c, todayOf(ctx));
  if (!r.ok) throw r.error;
  return r.value;
}

/** The target as the hub needs it for scope: a staff member's site is filled in. */
/** A case number as printed on the receipt: site code, date, counter. */
const CASE_NUMBER = /^\d{9,12}-\d{8}-\d{4}$/;

async function checkedTarget(ctx: AuthedContext, t: z.infer<typeof registerInput>["target"]) {
  const { db, repo } = ctx.services;
  const out = { ...t };
  if (t.staffId) {
    const u = await findUserById(db, t.staffId);
    if (!u) throw bad("target.staffId", "投诉对象人员不存在", "unknown staff member");
    out.siteId ??= u.siteId;
  }
  if (out.siteId && !(await getSite(db, out.siteId))) {
    throw bad("target.siteId", "投诉对象站点不存在", "unknown site");
  }
  if (t.caseId) {
    // People know a case by its number (on the receipt); the record keeps the case's id.
    const held = CASE_NUMBER.test(t.caseId)
      ? await getCaseByNumber(db, t.caseId)
      : await repo.store.getProjection(t.caseId);
    if (!held) throw bad("target.caseId", "投诉涉及的办件不存在，请核对办件编号", "unknown case");
    out.caseId = held.caseId;
  }
  return out;
}

async function register(
  ctx: AuthedContext,
  payload: ComplaintEvent["payload"],
  complainant: Complainant | null,
) {
  const { services } = ctx;
  const complaintId = services.newId();
  const event = complaintEventSchema.parse({
    id: services.newId(),
    at: services.clock().toISOString(),
    actor: actorOf(ctx),
    type: "register",
    payload,
  });
  const saved = await services.complaints.register(complaintId, event, complainant);
  await appendAudit(services.db, [
    auditEntry(ctx, `complaint.register`, null, { complaintId, kind: saved.state.kind }),
  ]);
  if (services.nodeRole === "station") services.sync.nudge();
  return summary(ctx, saved.state, saved.complainant);
}

function eventPayload(input: z.infer<typeof actInput>): ComplaintEvent["payload"] {
  const { id: _id, type: _type, ...rest } = input;
  return rest as ComplaintEvent["payload"];
}

/**
 * 投诉 and 办不成事 (DOMAIN.md §6) on both nodes: staff register; the center's handlers run
 * the loop (the complaint machine in packages/domain decides every step); the complainant is
 * masked everywhere, hidden from those complained about, and shown in clear only to a handler
 * who asks, with the request audited.
 */
export const complaintsRouter = {
  register: roleProcedure(STAFF)
    .input(registerInput)
    .mutation(async ({ ctx, input }) => {
      const complainant = checkedComplainant(ctx, input.complainant);
      const target = await checkedTarget(ctx, input.target);
      const { complainant: _c, ...rest } = input;
      return register(ctx, { kind: "complaint", ...rest, target }, complainant);
    }),

  registerFallback: roleProcedure(STAFF)
    .input(fallbackInput)
    .mutation(async ({ ctx, input }) => {
      if (input.deadline < todayOf(ctx)) {
        throw bad("deadline", "办理期限不能早于今天", "the deadline is in the past");
      }
      const complainant = checkedComplainant(ctx, input.complainant);
      const u = await findUserById(ctx.services.db, input.coordinatorId);
      if (!u?.active || !STAFF.includes(u.role)) {
        throw bad(
          "coordinatorId",
          "协调人须为在岗工作人员",
          "the coordinator must be active staff",
        );
      }
      const { complainant: _c, ...rest } = input;
      return register(ctx, { kind: "fallback", ...rest }, complainant);
    }),

  /** The staff a complaint may name or a 办不成事 record be given to: this node's active staff. */
  staff: roleProcedure(READERS).query(async ({ ctx }) =>
    (await listUsers(ctx.services.db))
      .filter((u) => u.active && STAFF.includes(u.role))
      .map((u) => ({ id: u.id, name: u.displayName, role: u.role, siteId: u.siteId })),
  ),

  /**
   * The names of every member of staff this node knows (its own accounts, the directory from
   * above, at a district what each street reported), to name a complaint's target, coordinator
   * and each step's actor.
   */
  names: roleProcedure(READERS).query(async ({ ctx }) =>
    [...(await staffNames(ctx.services.db))].map(([id, name]) => ({ id, name })),
  ),

  /** 投诉台账 / the 办不成事 list: newest first, with open deadlines (red when overdue). */
  list: roleProcedure(READERS)
    .input(complaintListInput)
    .query(({ ctx, input }) => complaintLedger(ctx as AuthedContext, input)),

  /** One complaint: its summary and its journal as a timeline. */
  get: roleProcedure(READERS)
    .input(z.object({ id }))
    .query(async ({ ctx, input }) => {
      const held = await visible(ctx, input.id);
      const journal = readComplaintDoc(loadComplaintDoc(held.doc, ctx.services.actorId)).journal;
      return {
        ...summary(ctx, held.state, held.complainant),
        reply: held.state.reply,
        result: held.state.result,
        resultFiledOn: held.state.resultFiledOn,
        filedResult: held.state.filedResult,
        followUps: held.state.followUps,
        timeline: journal.map((e) => ({
          id: e.id,
          type: e.type,
          at: e.at,
          userId: e.actor.userId,
          role: e.actor.role,
          siteId: e.actor.siteId,
        })),
      };
    }),

  /** The handler's view: the complainant in clear, audited with the purpose. */
  revealComplainant: roleProcedure(READERS)
    .input(z.object({ id, purpose: text("查看用途", 200) }))
    .mutation(async ({ ctx, input }) => {
      const held = await visible(ctx, input.id);
      if (!mayRevealComplainant(held.state, viewerOf(ctx))) {
        throw new DomainError({
          code: "NOT_ALLOWED",
          field: "role",
          zh: "只有街道中心的投诉办理人员可以查看投诉人信息（被投诉人不能查看）",
          en: "only the center's complaint handlers (not the staff complained about) see the complainant",
        });
      }
      await appendAudit(ctx.services.db, [
        auditEntry(ctx, "complaint.reveal_complainant", null, {
          complaintId: input.id,
          purpose: input.purpose,
        }),
      ]);
      return { complainant: held.complainant };
    }),

  /** One step of the loop (or closing a 办不成事 record); the complaint machine decides. */
  act: roleProcedure(READERS)
    .input(actInput)
    .mutation(async ({ ctx, input }) => {
      await visible(ctx, input.id);
      const { services } = ctx;
      const event = complaintEventSchema.parse({
        id: services.newId(),
        at: services.clock().toISOString(),
        actor: actorOf(ctx),
        type: input.type,
        payload: eventPayload(input),
      });
      const saved = await services.complaints.record(input.id, event);
      await appendAudit(services.db, [
        auditEntry(ctx, `complaint.${input.type}`, null, { complaintId: input.id }),
      ]);
      if (services.nodeRole === "station") services.sync.nudge();
      return summary(ctx, saved.state, saved.complainant);
    }),

  /**
   * The center lead's board: open 办不成事 records with coordinator and deadline, and the staff
   * with ≥ complaintRemovalThreshold substantiated complaints this calendar year (离岗 flag).
   */
  board: roleProcedure(COMPLAINT_BOARD_READERS)
    .input(complaintListInput)
    .query(async ({ ctx, input }) => {
      const { db, rules } = ctx.services;
      const today = todayOf(ctx);
      const year = today.slice(0, 4);
      const [fallbacks, byStaff, staff] = await Promise.all([
        listComplaints(db, {
          kind: "fallback",
          ...(input.state === "open" ? { stages: ["registered"] } : {}),
          ...(input.state === "closed" ? { stages: ["closed"] } : {}),
          limit: input.limit,
        }),
        substantiatedComplaintsByStaff(db, `${year}-01-01`, `${year}-12-31`),
        knownStaff(db),
      ]);
      const names = new Map(staff.map((u) => [u.id, u]));
      return {
        today,
        fallbacks: fallbacks.map((r) => ({
          ...summary(ctx, r.state, r.complainant),
          coordinatorName:
            names.get(r.state.register.kind === "fallback" ? r.state.register.coordinatorId : "")
              ?.displayName ?? null,
        })),
        flagged: [...byStaff]
          .filter(([, n]) => removalFromWindow(n, rules))
          .map(([staffId, n]) => ({
            staffId,
            name: names.get(staffId)?.displayName ?? staffId,
            siteId: names.get(staffId)?.siteId ?? null,
            substantiated: n,
          })),
        threshold: rules.complaintRemovalThreshold,
      };
    }),
} satisfies TRPCRouterRecord;
