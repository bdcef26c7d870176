import type { CaseKind, ItemType } from "../catalog/schema";
import type { JurisdictionRules } from "../config";
import { type Check, fail, ok } from "../errors";
import { extensionFor } from "./deadline";

/** The extension an item's own rule allows (DOMAIN.md §3.4), and the rule it comes from. */
export interface ExtensionRule {
  /** Most working days one approved extension may add. */
  workdays: number;
  /** `licence`: 行政许可法 Art. 42 (+10); `joint`: 联合办理 (45 + 15). */
  basis: "licence" | "joint";
}

/**
 * The item's extension rule: joint handling (联办件) takes the joint extension, any other
 * 行政许可 the licence one; every other item has none (null), so it cannot be extended.
 * A jurisdiction that sets an extension to 0 has no rule for those items either.
 */
export function extensionRuleOf(
  item: { type: ItemType; kind: CaseKind },
  rules: JurisdictionRules,
): ExtensionRule | null {
  const basis = item.kind === "JOINT" ? "joint" : item.type === "ADMIN_LICENSE" ? "licence" : null;
  if (basis === null) return null;
  const workdays = extensionFor(basis, rules);
  return workdays > 0 ? { workdays, basis } : null;
}

/**
 * Whether the head may approve an extension of `workdays` (§3.4): only where the item's rule
 * provides one, at most its amount, and once per case (`grantedWorkdays` is what the case
 * already received). The reason told to the applicant is the caller's required field.
 */
export function checkExtension(input: {
  item: { type: ItemType; kind: CaseKind };
  grantedWorkdays: number;
  workdays: number;
  rules: JurisdictionRules;
}): Check<{ workdays: number }> {
  const { workdays, grantedWorkdays } = input;
  if (grantedWorkdays > 0) {
    return fail({
      code: "INVALID_TRANSITION",
      field: "caseId",
      zh: `本件已延期 ${grantedWorkdays} 个工作日，不能再次延期`,
      en: `The case was already extended by ${grantedWorkdays} working days; it cannot be extended again`,
    });
  }
  const rule = extensionRuleOf(input.item, input.rules);
  if (rule === null) {
    return fail({
      code: "NOT_ALLOWED",
      field: "workdays",
      zh: "该事项无法定延期规定，不能延期；请在承诺时限内办结",
      en: "The item has no extension rule and cannot be extended",
    });
  }
  if (!Number.isInteger(workdays) || workdays < 1 || workdays > rule.workdays) {
    return fail({
      code: "OUT_OF_RANGE",
      field: "workdays",
      zh: `延期天数应为 1 至 ${rule.workdays} 个工作日（${EXTENSION_BASIS_ZH[rule.basis]}）`,
      en: `workdays must be a whole number from 1 to ${rule.workdays}; got ${workdays}`,
    });
  }
  return ok({ workdays });
}

/** The rule as printed and shown: where the extension comes from. */
export const EXTENSION_BASIS_ZH: Readonly<Record<ExtensionRule["basis"], string>> = {
  licence: "行政许可事项，经本机关负责人批准可延长",
  joint: "联合办理事项，经负责人批准可延长",
};
