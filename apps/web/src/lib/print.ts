/** Printable papers the station renders as HTML pages (`/print/<kind>/<caseId>`). */
export type PrintKind =
  | "receipt"
  | "one-time-notice"
  | "deferred-commitment"
  | "deferred-notice"
  | "power-of-attorney";

export function printUrl(kind: PrintKind, caseId: string | null, noticeId?: string): string {
  const base = caseId ? `/print/${kind}/${encodeURIComponent(caseId)}` : `/print/${kind}`;
  return noticeId ? `${base}?notice=${encodeURIComponent(noticeId)}` : base;
}

/** Opens the paper in a new tab, where the browser's own print dialog prints it. */
export function openPrint(kind: PrintKind, caseId: string | null, noticeId?: string): void {
  window.open(printUrl(kind, caseId, noticeId), "_blank", "noopener");
}
