import type { MessageKey } from "../../i18n/zh";

/** The wizard's steps, in order. `done` shows the result and the papers to print. */
export const STEPS = ["item", "applicant", "mode", "materials", "outcome", "done"] as const;
export type StepKey = (typeof STEPS)[number];

export const stepTitles: Record<StepKey, MessageKey> = {
  item: "intake.step.item",
  applicant: "intake.step.applicant",
  mode: "intake.step.mode",
  materials: "intake.step.materials",
  outcome: "intake.step.outcome",
  done: "intake.step.done",
};

/**
 * The step whose form holds a server error's field, and the field's name on the form.
 * The server names 容缺 dates either by position (`deferred.0.promisedBy`) or by material
 * code (`deferred.ID_CARD.promisedBy`); `deferredCodes` is what was sent, in order.
 */
export function locateField(
  field: string,
  deferredCodes: readonly string[] = [],
): { step: StepKey | null; name: (string | number)[] | null } {
  const parts = field.split(".");
  const [head, second, third] = parts;
  switch (head) {
    case "itemCode":
    case "code":
      return { step: "item", name: ["itemCode"] };
    case "applicant":
      return { step: "applicant", name: second ? ["applicant", second] : null };
    case "mode":
    case "residentPresent":
    case "powerOfAttorney":
      return { step: "mode", name: [head] };
    case "agent":
      return { step: "mode", name: second ? ["agent", second] : null };
    case "materials":
      return { step: "materials", name: second ? ["materials", second] : null };
    case "deferred": {
      const code = second && /^\d+$/.test(second) ? deferredCodes[Number(second)] : second;
      return {
        step: "outcome",
        name: code && (third === "promisedBy" || third === undefined) ? ["promises", code] : null,
      };
    }
    case "commitmentSigned":
      return { step: "outcome", name: ["commitmentSigned"] };
    case "missing":
    case "outcome":
    case "promises":
    case "reasons":
    case "conditionalNeeded":
      return {
        step: "outcome",
        name: second ? [head, second] : head === "missing" ? null : [head],
      };
    default:
      return { step: null, name: null };
  }
}
