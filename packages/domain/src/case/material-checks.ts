import type { DomainError } from "../errors";
import { materialName, refuse } from "./guards";
import type { CaseState } from "./state";
import type { EventOf, Role } from "./types";

/**
 * 审查 material by material: the reviewer marks each material 合格 or 需补正 (with what is
 * wanting), and the 需补正 ones feed the 一次性告知. A mark is a journal event, so the hub
 * judges a station's marks with the same machine and every replica shows the same marks.
 */

export type MaterialVerdict = "ok" | "needs_correction";

/** The standing mark on one material: the latest in journal order, with who and when. */
export interface MaterialCheck {
  code: string;
  verdict: MaterialVerdict;
  /** What is wanting (需补正 only). */
  reason?: string;
  eventId: string;
  at: string;
  byUserId: string;
  byRole: Role;
  bySiteId: string;
}

/** The fewest characters a 需补正 reason may have: one character says nothing a resident can act on. */
export const MIN_CHECK_REASON = 2;

/** Whether a reason is enough for this verdict (需补正 needs one of at least two characters). */
export function checkReasonMissing(verdict: MaterialVerdict, reason: string | undefined): boolean {
  return verdict === "needs_correction" && (reason?.trim().length ?? 0) < MIN_CHECK_REASON;
}

/**
 * Records a mark: the material must be on the case's checklist, and 需补正 must say why. The
 * mark replaces the material's earlier one (the latest mark per material wins).
 */
export function applyMaterialCheck(
  s: CaseState,
  e: EventOf<"check_material">,
): CaseState | DomainError {
  const { code, verdict } = e.payload;
  if (!s.item.materials.some((m) => m.code === code)) {
    return refuse({
      code: "NOT_ELIGIBLE",
      field: "code",
      zh: `材料「${code}」不在该事项的材料清单中`,
      en: `Material ${code} is not on this item's list`,
    });
  }
  const reason = e.payload.reason?.trim() || undefined;
  if (checkReasonMissing(verdict, reason)) {
    return refuse({
      code: "REQUIRED",
      field: "reason",
      zh: `请写明「${materialName(s, code)}」需补正的原因（至少 ${MIN_CHECK_REASON} 个字）`,
      en: `Say what is wanting in ${code} (at least ${MIN_CHECK_REASON} characters)`,
    });
  }
  const mark: MaterialCheck = {
    code,
    verdict,
    ...(verdict === "needs_correction" ? { reason } : {}),
    eventId: e.id,
    at: e.at,
    byUserId: e.actor.userId,
    byRole: e.actor.role,
    bySiteId: e.actor.siteId,
  };
  return { ...s, materialChecks: { ...(s.materialChecks ?? {}), [code]: mark } };
}

/**
 * A supplement brings a new copy of a material: the mark judged the old one, so it goes and
 * the material waits for a fresh 审查.
 */
export function clearChecks(s: CaseState, codes: Iterable<string>): CaseState["materialChecks"] {
  const next = { ...(s.materialChecks ?? {}) };
  for (const c of codes) delete next[c];
  return next;
}
