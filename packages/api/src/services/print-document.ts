import { DomainError } from "@bangban/domain";
import type { ApiContext } from "../context";
import { type DocumentKind, PrintInputError, renderDocument } from "../print";
import { auditEntry } from "./case-commands";
import { printCase, printNotice, printSite } from "./print-input";

export const DOCUMENT_KINDS = [
  "receipt",
  "one-time-notice",
  "deferred-commitment",
  "deferred-notice",
  "power-of-attorney",
  "delivery-receipt",
  "return-notice",
  "termination-notice",
  "extension-notice",
] as const satisfies readonly DocumentKind[];

/**
 * Renders a printable document for a case (or a blank 委托书 when `caseId` is null) and logs
 * the print in the audit log: printed papers carry personal data too.
 */
export async function printDocument(
  ctx: ApiContext,
  kind: DocumentKind,
  caseId: string | null,
  noticeId?: string,
): Promise<{ title: string; html: string }> {
  const site = await printSite(ctx);
  const view = caseId ? await ctx.services.repo.get(caseId) : null;
  if (caseId && !view) {
    throw new DomainError({
      code: "NOT_ELIGIBLE",
      field: "caseId",
      zh: "办件不存在",
      en: "No such case",
    });
  }
  try {
    const doc = await renderDocument(kind, {
      case: view ? await printCase(ctx, view) : null,
      site,
      notice: view && kind === "one-time-notice" ? printNotice(ctx, view, noticeId) : undefined,
    });
    await ctx.services.repo.store.commit([], [auditEntry(ctx, `print.${kind}`, caseId)]);
    return doc;
  } catch (e) {
    if (e instanceof PrintInputError) {
      throw new DomainError({ code: "REQUIRED", field: e.field, zh: e.message, en: e.message });
    }
    throw e;
  }
}
