import {
  allowedEvents,
  DomainError,
  maskName,
  maskPhone,
  RECTIFICATION_STATES,
  type Role,
} from "@bangban/domain";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import * as I from "../inputs";
import { type AuthedContext, actorOf, auditEntry } from "../services/case-commands";
import { rectificationLedger } from "../services/reports/ledgers";
import { roleProcedure } from "../trpc";
import { command, getView } from "./cases";

/**
 * 差评整改 (DOMAIN.md §5): the steps are case events (the machine decides who may take each,
 * case/rectify-rules.ts); the 台账 reads the projections; the rater's contact is shown only
 * to the lead who owes the callback, and each showing is logged.
 */

const ratingEventId = z.string().trim().min(1, "请选择差评").max(120);
const text = (what: string) =>
  z.string().trim().min(1, `请填写${what}`).max(500, `${what}不超过 500 字`);
const optionalText = (what: string) =>
  z.string().trim().max(500, `${what}不超过 500 字`).optional();

function required(field: string, zh: string, en: string): never {
  throw new DomainError({ code: "REQUIRED", field, zh, en });
}

/** Who reads the 差评台账: a station lead (their site's), the center lead and the district (all). */
/** The 差评台账's filters (the screen's and the export's). */
export const rectifyLedgerInput = z.object({
  siteId: z.string().trim().max(32).optional(),
  state: z.enum(RECTIFICATION_STATES).optional(),
  openOnly: z.boolean().optional(),
});

export const LEDGER_READERS: readonly Role[] = ["station_lead", "center_lead", "district_admin"];

export const rectifyRouter = {
  classify: command(
    "rectify_classify",
    {
      ratingEventId,
      kind: z.enum(["immediate", "ledger", "no_legal_basis"], "请选择整改方式"),
      due: I.localDate.optional(),
      explanation: optionalText("解释说明"),
      note: optionalText("说明"),
    },
    (i) => {
      const note = i.note ? { note: i.note } : {};
      if (i.kind === "ledger") {
        const due =
          i.due ?? required("due", "列入台账须填写整改期限", "A ledger entry needs a deadline");
        return { ratingEventId: i.ratingEventId, kind: "ledger", due, ...note };
      }
      if (i.kind === "no_legal_basis") {
        const explanation =
          i.explanation ??
          required("explanation", "请填写向群众所作的解释说明", "Say what was explained");
        return { ratingEventId: i.ratingEventId, kind: "no_legal_basis", explanation };
      }
      return { ratingEventId: i.ratingEventId, kind: "immediate", ...note };
    },
  ),
  record: command("rectify_record", { ratingEventId, text: text("整改情况") }, (i) => ({
    ratingEventId: i.ratingEventId,
    text: i.text,
  })),
  callback: command(
    "rectify_callback",
    {
      ratingEventId,
      reached: z.boolean(),
      result: text("回访结果"),
      satisfied: z.boolean().optional(),
    },
    (i) => ({
      ratingEventId: i.ratingEventId,
      reached: i.reached,
      result: i.result,
      ...(i.satisfied === undefined ? {} : { satisfied: i.satisfied }),
    }),
  ),
  appeal: command("rectify_appeal", { ratingEventId, reason: text("申诉理由") }, (i) => ({
    ratingEventId: i.ratingEventId,
    reason: i.reason,
  })),
  decide: command(
    "rectify_appeal_decide",
    { ratingEventId, upheld: z.boolean(), reason: text("复核理由") },
    (i) => ({ ratingEventId: i.ratingEventId, upheld: i.upheld, reason: i.reason }),
  ),

  /** 差评台账: the station lead sees their site's; the center lead and the district all. */
  ledger: roleProcedure(LEDGER_READERS)
    .input(rectifyLedgerInput.default({}))
    .query(({ ctx, input }) => rectificationLedger(ctx as AuthedContext, input)),

  /**
   * The rater's name and phone, for the callback: only the lead who owes it (the machine
   * offers them `rectify_callback`); never the staff rated. Every showing, and every refusal,
   * is in the audit log.
   */
  revealRater: roleProcedure(["station_lead", "center_lead"])
    .input(z.object({ caseId: I.caseId, ratingEventId }))
    .mutation(async ({ ctx, input }) => {
      const c = ctx as AuthedContext;
      const view = await getView(c, input.caseId);
      const r = view.state.rectifications.find((x) => x.ratingEventId === input.ratingEventId);
      const owes =
        r?.state === "callback_due" &&
        r.realName &&
        allowedEvents(view.state, actorOf(c)).includes("rectify_callback");
      const applicant = view.record.applicant;
      const detail = {
        ratingEventId: input.ratingEventId,
        nameMasked: maskName(applicant.name),
        phoneMasked: maskPhone(applicant.phone),
      };
      const line = owes
        ? auditEntry(c, "rating.rater_reveal", input.caseId, detail)
        : auditEntry(c, "rating.rater_reveal_refused", input.caseId, detail);
      await c.services.repo.store.commit([], [line]);
      if (!owes) {
        throw new DomainError({
          code: "NOT_ALLOWED",
          field: "ratingEventId",
          zh: "只有负责回访的负责人在待回访时可以查看实名评价人的联系方式",
          en: "Only the lead who owes the callback may see the rater's contact",
        });
      }
      return { name: applicant.name, phone: applicant.phone };
    }),
} satisfies TRPCRouterRecord;
