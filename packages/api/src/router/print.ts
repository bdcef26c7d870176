import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import type { ApiContext } from "../context";
import { caseId } from "../inputs";
import { CASE_STAFF } from "../roles";
import { DOCUMENT_KINDS, printDocument } from "../services/print-document";
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
