import {
  ACCESS_PURPOSE_LABELS,
  ACCESS_PURPOSES,
  type AccessPurpose,
  type AccessPurposeKind,
  type RevealTarget,
  type Role,
  revealRefusal,
} from "@bangban/domain";
import type { Lang } from "../../i18n/lang";

/**
 * Whether to show 查看完整证件号 beside the masked ID: the same rule the server enforces
 * (`revealRefusal` in packages/domain), so nobody is offered a link that can only fail.
 */
export function revealOffered(
  detail: RevealTarget,
  user: { role: Role; siteId: string },
  node: "station" | "hub",
): boolean {
  return revealRefusal(user, node, detail) === null;
}

/** The purpose choices of the dialog (and of a search by full ID number). */
export function purposeOptions(lang: Lang): { value: AccessPurposeKind; label: string }[] {
  return ACCESS_PURPOSES.map((k) => ({ value: k, label: ACCESS_PURPOSE_LABELS[k][lang] }));
}

/** The purpose form's values as the API takes them: a blank note left out. */
export function purposeOf(v: { kind: AccessPurposeKind; note?: string }): AccessPurpose {
  const note = v.note?.trim();
  return note ? { kind: v.kind, note } : { kind: v.kind };
}
