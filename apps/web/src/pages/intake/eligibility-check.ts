import { checkEligibility, type ServiceItem } from "@bangban/domain";
import { idFeedback } from "./id-check";
import type { IntakeValues } from "./intake-values";

export type EligibilityFeedback =
  /** No conditions, or the ID number is not complete and valid yet. */
  | { kind: "none" }
  | { kind: "ok" }
  | {
      kind: "refused";
      zh: string;
      en: string;
      /** Only 户籍 refuses, so the 户口簿 check can lift it (the ID was issued elsewhere). */
      householdMayVerify: boolean;
    };

/**
 * The item's 受理条件 against the ID number as soon as it is complete and valid — the same
 * domain check the station makes on submit, so the reason is shown before it.
 */
export function eligibilityFeedback(
  item: Pick<ServiceItem, "name" | "eligibility"> | undefined,
  v: IntakeValues,
  today: string,
): EligibilityFeedback {
  if (!item?.eligibility?.length) return { kind: "none" };
  const id = idFeedback(v.applicant?.idNumber, today, true);
  if (id.kind !== "ok") return { kind: "none" };
  const applicant = { idNumber: id.info.normalized };
  const verified = v.householdVerified === true;
  const r = checkEligibility(item, applicant, today, { householdVerified: verified });
  if (r.ok) return { kind: "ok" };
  const lifted = checkEligibility(item, applicant, today, { householdVerified: true }).ok;
  return { kind: "refused", zh: r.error.zh, en: r.error.en, householdMayVerify: lifted };
}
