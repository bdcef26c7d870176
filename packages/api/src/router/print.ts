import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { caseId } from "../inputs";
import { CASE_STAFF } from "../roles";
import { DOCUMENT_KINDS, printDocument } from "../services/print-document";
import { roleProcedure } from "../trpc";

/** 受理回执, 一次性告知书, 容缺 papers and the 委托书 template, as printable HTML pages. */
export const printRouter = {
  document: roleProcedure(CASE_STAFF)
    .input(
      z.object({
        kind: z.enum(DOCUMENT_KINDS),
        caseId: caseId.nullable().default(null),
        noticeId: z.string().max(64).optional(),
      }),
    )
    .query(({ ctx, input }) => printDocument(ctx, input.kind, input.caseId, input.noticeId)),
} satisfies TRPCRouterRecord;
