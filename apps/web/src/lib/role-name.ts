import { ROLES, roleLabels } from "@bangban/domain";
import type { Lang } from "../i18n/lang";

/**
 * auth.pinUsers and the case timeline send a role's Chinese label only; this finds the role
 * again to show it in the current language (unknown labels are shown as sent).
 */
export function roleName(zhLabel: string, lang: Lang): string {
  const role = ROLES.find((r) => roleLabels[r].zh === zhLabel);
  return role ? roleLabels[role][lang] : zhLabel;
}
