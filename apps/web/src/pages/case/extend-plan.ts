import type { MessageKey } from "../../i18n/zh";

/** The case detail's `extension`: the item's rule (null: none) and what was granted. */
export interface ExtensionFacts {
  rule: { workdays: number; basis: "licence" | "joint" } | null;
  grantedWorkdays: number;
}

/**
 * What the 延期 dialog offers (DOMAIN §3.4; the server checks the same with checkExtension):
 * the item's rule, prefilled and as the most allowed; nothing for an item without a rule;
 * nothing once the case was extended.
 */
export type ExtendPlan =
  | { kind: "rule"; workdays: number; basis: MessageKey }
  | { kind: "none" }
  | { kind: "granted"; workdays: number };

export function extendPlan(x: ExtensionFacts): ExtendPlan {
  if (x.grantedWorkdays > 0) return { kind: "granted", workdays: x.grantedWorkdays };
  if (!x.rule) return { kind: "none" };
  return { kind: "rule", workdays: x.rule.workdays, basis: `extend.basis.${x.rule.basis}` };
}
