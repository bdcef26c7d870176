import { type Check, fail, ok } from "../errors";

/**
 * Why someone looks a person up by full ID number or reveals one (DOMAIN.md §8: every
 * plain-access request is logged with its purpose). A short list people pick from, plus a
 * note; "other" needs the note, so the log always says something an auditor can read.
 */
export const ACCESS_PURPOSES = ["business", "verify_identity", "complaint", "other"] as const;
export type AccessPurposeKind = (typeof ACCESS_PURPOSES)[number];

export const ACCESS_PURPOSE_LABELS: Record<AccessPurposeKind, { zh: string; en: string }> = {
  business: { zh: "办理业务", en: "Handling a case" },
  verify_identity: { zh: "核实身份", en: "Verifying identity" },
  complaint: { zh: "投诉处理", en: "Handling a complaint" },
  other: { zh: "其他", en: "Other" },
};

export interface AccessPurpose {
  kind: AccessPurposeKind;
  note?: string;
}

/** The purpose as an audit line records it: the Chinese label (auditors read Chinese) and note. */
export interface AuditedPurpose {
  purpose: string;
  purposeKind: AccessPurposeKind;
  note?: string;
}

/** Checks a purpose given with a full-ID search or reveal; `field` names the input. */
export function checkAccessPurpose(
  p: AccessPurpose | undefined,
  field = "purpose",
): Check<AuditedPurpose> {
  if (!p) {
    return fail({
      code: "REQUIRED",
      field,
      zh: "按完整身份证号码查询或查看须选择用途",
      en: "A purpose is required to search by or reveal a full ID number",
    });
  }
  const note = p.note?.trim() || undefined;
  if (p.kind === "other" && !note) {
    return fail({
      code: "REQUIRED",
      field: `${field}.note`,
      zh: "用途为“其他”时请填写具体说明",
      en: "Describe the purpose when choosing Other",
    });
  }
  return ok({
    purpose: ACCESS_PURPOSE_LABELS[p.kind].zh,
    purposeKind: p.kind,
    ...(note ? { note } : {}),
  });
}
