/** Printable papers the station renders as HTML pages (`/print/<kind>/<caseId>`). */
export type PrintKind =
  | "receipt"
  | "one-time-notice"
  | "deferred-commitment"
  | "deferred-notice"
  | "power-of-attorney"
  | "delivery-receipt"
  | "return-notice"
  | "termination-notice"
  | "extension-notice";

export function printUrl(kind: PrintKind, caseId: string | null, noticeId?: string): string {
  const base = caseId ? `/print/${kind}/${encodeURIComponent(caseId)}` : `/print/${kind}`;
  return noticeId ? `${base}?notice=${encodeURIComponent(noticeId)}` : base;
}

/** Opens the paper in a new tab, where the browser's own print dialog prints it. */
export function openPrint(kind: PrintKind, caseId: string | null, noticeId?: string): void {
  window.open(printUrl(kind, caseId, noticeId), "_blank", "noopener");
}

/**
 * A paper the server renders from what is typed (no case yet, so no URL to open): the tab is
 * opened at once, inside the click (pop-up blockers allow nothing later), and the page is
 * written into it when it arrives. The page's 打印 button gets its handler from here — the
 * tab has the app's CSP, which refuses the page's inline one.
 */
export async function openRenderedPrint(render: () => Promise<{ html: string }>): Promise<void> {
  const w = window.open("", "_blank");
  try {
    const { html } = await render();
    if (!w) return;
    w.document.open();
    w.document.write(html);
    w.document.close();
    w.document.querySelector(".toolbar button")?.addEventListener("click", () => w.print());
    w.focus();
  } catch (e) {
    w?.close();
    throw e;
  }
}
