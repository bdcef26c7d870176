import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import type { ApiContext } from "../context";
import { caseId } from "../inputs";
import { CASE_STAFF, RECEIVERS } from "../roles";
import { DOCUMENT_KINDS, printDocument } from "../services/print-document";
import { draftInput, printDraft } from "../services/print-draft";
import { createCallerFactory, createTRPCRouter, roleProcedure } from "../trpc";

const printInput = z.object({
  kind: z.enum(DOCUMENT_KINDS),
  caseId: caseId.nullable().default(null),
  noticeId: z.string().max(64).optional(),
});

/** 受理回执, 一次性告知书, 容缺 papers and the 委托书 template, as printable HTML pages. */
export const printRouter = {
  document: roleProcedure(CASE_STAFF)
    .input(printInput)
    .query(({ ctx, input }) => printDocument(ctx, input.kind, input.caseId, input.noticeId)),
  /**
   * 委托书 or 容缺受理承诺书 from the intake form, before the case exists: a mutation, so the
   * typed names and ID number travel in the request body, never in a URL.
   */
  draft: roleProcedure(RECEIVERS)
    .input(draftInput)
    .mutation(({ ctx, input }) => printDraft(ctx, input)),
} satisfies TRPCRouterRecord;

const printCaller = createCallerFactory(createTRPCRouter({ document: printRouter.document }));

/**
 * `print.document` called from the HTTP `/print` page: the same procedure, so the same role
 * check and input validation rather than a copy of them. Refusals are thrown as TRPCErrors.
 */
export function callPrintDocument(
  ctx: ApiContext,
  input: z.input<typeof printInput>,
): Promise<{ title: string; html: string }> {
  return printCaller(ctx).document(input);
}
