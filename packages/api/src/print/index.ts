/**
 * Printable documents a community station hands to residents: complete A4 HTML pages in
 * Chinese, rendered from plain, already-masked data. Pure functions: no I/O, no clock.
 */
import { renderClosureNotice } from "./closure-notice";
import { renderDeferredCommitment, renderDeferredNotice } from "./deferred";
import { renderDeliveryReceipt } from "./delivery-receipt";
import { PrintInputError } from "./errors";
import { renderExtensionNotice } from "./extension-notice";
import { renderOneTimeNotice } from "./one-time-notice";
import { renderPowerOfAttorney } from "./power-of-attorney";
import { receiptTitle, renderReceipt } from "./receipt";
import type { DocumentKind, PrintCase, PrintNotice, PrintSite } from "./types";

export * from "./closure-notice";
export * from "./deferred";
export * from "./delivery-receipt";
export * from "./errors";
export * from "./extension-notice";
export { esc, page } from "./layout";
export * from "./one-time-notice";
export * from "./power-of-attorney";
export * from "./receipt";
export type * from "./types";

/** The Chinese title of each document kind. */
export const documentTitles: Record<DocumentKind, string> = {
  receipt: "受理回执",
  "one-time-notice": "一次性告知书",
  "deferred-commitment": "容缺受理承诺书",
  "deferred-notice": "容缺受理通知书",
  "power-of-attorney": "委托书",
  "delivery-receipt": "送达回证",
  "return-notice": "退件通知书",
  "termination-notice": "终止办理告知书",
  "extension-notice": "延期告知书",
};

/** What {@link renderDocument} needs; `case` may be null only for a blank 委托书. */
export interface RenderInput {
  case: PrintCase | null;
  site: PrintSite;
  /** Required for the 一次性告知书. */
  notice?: PrintNotice;
}

/** A rendered document: its title (for the browser tab or a file name) and the full page. */
export interface RenderedDocument {
  title: string;
  html: string;
}

function requireCase(kind: DocumentKind, c: PrintCase | null): PrintCase {
  if (c) return c;
  throw new PrintInputError(
    "input.case",
    `打印「${documentTitles[kind]}」需要办件信息（input.case），请先选择办件；只有委托书可以打印空白模板。`,
  );
}

function requireNotice(notice: PrintNotice | undefined): PrintNotice {
  if (notice) return notice;
  throw new PrintInputError(
    "input.notice",
    "打印「一次性告知书」需要告知内容（input.notice），请先登记需补齐或补正的材料。",
  );
}

async function renderHtml(kind: DocumentKind, input: RenderInput): Promise<string> {
  const { site } = input;
  switch (kind) {
    case "receipt":
      return renderReceipt(requireCase(kind, input.case), site);
    case "one-time-notice":
      return renderOneTimeNotice(requireCase(kind, input.case), site, requireNotice(input.notice));
    case "deferred-commitment":
      return renderDeferredCommitment(requireCase(kind, input.case), site);
    case "deferred-notice":
      return renderDeferredNotice(requireCase(kind, input.case), site);
    case "power-of-attorney":
      return renderPowerOfAttorney(input.case, site);
    case "delivery-receipt":
      return renderDeliveryReceipt(requireCase(kind, input.case), site);
    case "return-notice":
      return renderClosureNotice(requireCase(kind, input.case), site, "returned");
    case "termination-notice":
      return renderClosureNotice(requireCase(kind, input.case), site, "terminated");
    case "extension-notice":
      return renderExtensionNotice(requireCase(kind, input.case), site);
  }
}

/**
 * Renders one document kind. Throws {@link PrintInputError} when an input the kind needs is
 * missing: the case (every kind but the blank 委托书), or the notice for the 一次性告知书.
 */
export async function renderDocument(
  kind: DocumentKind,
  input: RenderInput,
): Promise<RenderedDocument> {
  const html = await renderHtml(kind, input);
  const title = kind === "receipt" && input.case ? receiptTitle(input.case) : documentTitles[kind];
  return { title, html };
}
