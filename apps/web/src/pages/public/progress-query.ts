import dayjs from "dayjs";
import type { Progress } from "../../api/types";
import type { MessageKey } from "../../i18n/zh";

export interface ProgressValues {
  caseNumber?: string;
  phoneLast4?: string;
}

/** Full-width digits and dashes (a Chinese input method) as ASCII; spaces dropped. */
export function halfWidth(v: string): string {
  return v
    .replace(/[\uff10-\uff19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\uff0d\u2014\u2013\u2212]/g, "-")
    .replace(/\s+/g, "");
}

/** `330106001001-20261123-0001`: the site code, the day, the day's counter. */
const CASE_NUMBER = /^\d{6,12}-\d{8}-\d{1,6}$/;

export function caseNumberProblem(v: string | undefined): MessageKey | null {
  const s = halfWidth(v ?? "");
  if (!s) return "progress.caseNumberRequired";
  return CASE_NUMBER.test(s) ? null : "progress.caseNumberFormat";
}

export function phoneLast4Problem(v: string | undefined): MessageKey | null {
  const s = halfWidth(v ?? "");
  if (!s) return "progress.phoneRequired";
  return /^\d{4}$/.test(s) ? null : "progress.phoneFormat";
}

/** What public.progress receives. */
export function progressInputOf(v: ProgressValues): { caseNumber: string; phoneLast4: string } {
  return { caseNumber: halfWidth(v.caseNumber ?? ""), phoneLast4: halfWidth(v.phoneLast4 ?? "") };
}

/** The case number a receipt's QR code carries (`/progress?no=…`), if any. */
export function caseNumberFromSearch(params: URLSearchParams): string {
  return halfWidth(params.get("no") ?? params.get("caseNumber") ?? "");
}

/** The line that says where the result waits and since when, or who collected it, where and when. */
export function whereabouts(
  p: Pick<Progress, "waiting" | "collected">,
): { key: MessageKey; params: Record<string, string> } | null {
  const at = (iso: string) => dayjs(iso).format("YYYY-MM-DD HH:mm");
  if (p.waiting) {
    return {
      key: "progress13.waiting",
      params: { site: p.waiting.siteName, since: at(p.waiting.since) },
    };
  }
  if (p.collected) {
    return {
      key: p.collected.how === "collector" ? "progress13.collectedBy" : "progress13.collectedSelf",
      params: { name: p.collected.nameMasked, site: p.collected.siteName, at: at(p.collected.at) },
    };
  }
  return null;
}
