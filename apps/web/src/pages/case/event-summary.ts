import type { Translate } from "../../i18n/i18n-context";

interface Ev {
  type: string;
  payload: unknown;
}

interface Materials {
  materials: { code: string; name: string }[];
}

/** One line about what an event carried (reasons, dates, materials), when it says something. */
export function eventSummary(e: Ev, c: Materials, t: Translate): string | null {
  const p = (e.payload ?? {}) as Record<string, unknown>;
  const name = (code: unknown) => c.materials.find((m) => m.code === code)?.name ?? String(code);
  const names = (xs: unknown) =>
    Array.isArray(xs) ? xs.map((x) => name((x as { code?: unknown }).code)).join("、") : "";
  switch (e.type) {
    case "intake":
      return p.mode === "proxy" ? t("intake.mode.proxy") : t("intake.mode.assist");
    case "request_correction":
    case "supplement":
      return names(p.missing ?? p.materials) || null;
    case "check_material":
      return p.verdict === "needs_correction"
        ? `${name(p.code)}：${t("scan.review.needsCorrection")}（${String(p.reason ?? "")}）`
        : `${name(p.code)}：${t("scan.review.ok")}`;
    case "accept":
      return Array.isArray(p.deferred) && p.deferred.length
        ? t("event.acceptDeferred", { names: names(p.deferred) })
        : null;
    case "submit_for_approval":
      return `${t(p.recommendation === "deny" ? "opinion.recommend.deny" : "opinion.recommend.approve")}：${String(p.opinion ?? "")}`;
    default:
      for (const key of ["reason", "note", "text", "result", "explanation"]) {
        const v = p[key];
        if (typeof v === "string" && v.trim()) return v;
      }
      return null;
  }
}
