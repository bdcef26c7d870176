import type { MessageKey } from "../../i18n/zh";

interface Material {
  code: string;
  name: string;
  state: string;
  requirement: string;
  /** The standing 材料审查 mark (CaseDetail.materials[].check); absent or null: not marked. */
  check?: { verdict: string; reason?: string } | null;
}

/** The 补正 form: which materials the notice names, and what is needed of each. */
export interface CorrectionValues {
  codes: string[];
  reasons: Record<string, string | undefined>;
}

/** Materials a notice must name: every one still missing (conditional ones only if chosen). */
export function requiredCodes(materials: readonly Material[]): string[] {
  return materials
    .filter((m) => m.state === "missing" && m.requirement !== "conditional")
    .map((m) => m.code);
}

/**
 * The form's start: the missing materials ticked with the usual wording, and those marked
 * 需补正 in 审查 ticked with the reviewer's reason — so the notice lists what 审查 found.
 */
export function initialCorrection(
  materials: readonly Material[],
  missingWording: string,
): CorrectionValues {
  const must = new Set(requiredCodes(materials));
  const chosen = materials.filter(
    (m) => must.has(m.code) || m.check?.verdict === "needs_correction",
  );
  return {
    codes: chosen.map((m) => m.code),
    reasons: Object.fromEntries(
      chosen.map((m) => [
        m.code,
        m.check?.verdict === "needs_correction" && m.check.reason ? m.check.reason : missingWording,
      ]),
    ),
  };
}

/** What is wrong with the form before it is sent (message keys by field), or nothing. */
export function correctionProblems(
  v: CorrectionValues,
  materials: readonly Material[],
): { codes?: MessageKey; reasons: Record<string, MessageKey> } {
  const out: { codes?: MessageKey; reasons: Record<string, MessageKey> } = { reasons: {} };
  if (v.codes.length === 0) out.codes = "correction.codesRequired";
  else if (requiredCodes(materials).some((c) => !v.codes.includes(c)))
    out.codes = "correction.allMissing";
  for (const c of v.codes) if (!v.reasons[c]?.trim()) out.reasons[c] = "correction.reasonRequired";
  return out;
}

/** What cases.requestCorrection receives: the chosen materials in checklist order. */
export function correctionInputOf(
  v: CorrectionValues,
  materials: readonly Material[],
): { missing: { code: string; reason: string }[] } {
  return {
    missing: materials
      .filter((m) => v.codes.includes(m.code))
      .map((m) => ({ code: m.code, reason: (v.reasons[m.code] ?? "").trim() })),
  };
}

/**
 * Where the server's complaint belongs on the form: `missing.2.reason` beside the third
 * material sent, `missing` (or `materials.X`) beside the list.
 */
export function correctionFieldOf(
  field: string,
  sent: readonly { code: string }[],
): (string | number)[] | null {
  const m = /^missing\.(\d+)\.(reason|code)$/.exec(field);
  if (m) {
    const code = sent[Number(m[1])]?.code;
    if (!code) return ["codes"];
    return m[2] === "reason" ? ["reasons", code] : ["codes"];
  }
  if (field === "missing" || field.startsWith("materials")) return ["codes"];
  return null;
}
