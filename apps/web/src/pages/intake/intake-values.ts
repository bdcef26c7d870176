import type { MaterialRequirement, ServiceItem } from "@bangban/domain";
import type { IntakeInput } from "../../api/types";

export interface PersonValues {
  name?: string;
  idNumber?: string;
  phone?: string;
  address?: string;
}

export type Outcome = "accept" | "deferred" | "notice";

/** Everything the wizard's form holds; plain JSON so a draft can be kept in sessionStorage. */
export interface IntakeValues {
  itemCode?: string;
  applicant?: PersonValues;
  mode?: "assist" | "proxy";
  residentPresent?: boolean;
  agent?: PersonValues & { relation?: string };
  powerOfAttorney?: boolean;
  /** Material code → provided at the counter. */
  materials?: Record<string, boolean | undefined>;
  outcome?: Outcome;
  /** 容缺: material code → promised supplement date, `YYYY-MM-DD`. */
  promises?: Record<string, string | undefined>;
  commitmentSigned?: boolean;
  /** 一次性告知: material code → why it is needed / what is wrong. */
  reasons?: Record<string, string | undefined>;
  /** Conditional materials the helper judged necessary for this applicant. */
  conditionalNeeded?: Record<string, boolean | undefined>;
}

type Material = { code: string; name: string; requirement: MaterialRequirement };

export function materialsOf(item: Pick<ServiceItem, "guide">): Material[] {
  return item.guide.materials.map((m) => ({
    code: m.code,
    name: m.name,
    requirement: m.requirement,
  }));
}

const provided = (v: IntakeValues, code: string) => v.materials?.[code] === true;

/** The materials not handed over, split by what the rules allow for them. */
export function gaps(item: Pick<ServiceItem, "guide">, v: IntakeValues) {
  const missing = materialsOf(item).filter((m) => !provided(v, m.code));
  return {
    mandatory: missing.filter((m) => m.requirement === "mandatory"),
    deferrable: missing.filter((m) => m.requirement === "deferrable"),
    conditional: missing.filter((m) => m.requirement === "conditional"),
  };
}

export type OutcomeRefusal =
  | "missing"
  | "notDeferrable"
  | "sameDay"
  | "mandatoryMissing"
  | "complete";

/** Which outcomes the counter may choose now (DOMAIN §2, §4), with the reason when not. */
export function outcomesFor(
  item: Pick<ServiceItem, "guide" | "deferralAllowed">,
  v: IntakeValues,
): Record<Outcome, { ok: boolean; why?: OutcomeRefusal }> {
  const g = gaps(item, v);
  const conditionalNeeded = g.conditional.filter((m) => v.conditionalNeeded?.[m.code]);
  const anyMissing = g.mandatory.length + g.deferrable.length + conditionalNeeded.length > 0;
  return {
    accept: anyMissing ? { ok: false, why: "missing" } : { ok: true },
    deferred: !item.deferralAllowed
      ? { ok: false, why: "notDeferrable" }
      : item.guide.promisedDays === 0
        ? { ok: false, why: "sameDay" }
        : g.mandatory.length > 0 || conditionalNeeded.length > 0
          ? { ok: false, why: "mandatoryMissing" }
          : g.deferrable.length === 0
            ? { ok: false, why: "complete" }
            : { ok: true },
    notice: anyMissing ? { ok: true } : { ok: false, why: "complete" },
  };
}

/** The first outcome the rules allow: accept, else 容缺, else 一次性告知. */
export function defaultOutcome(
  item: Pick<ServiceItem, "guide" | "deferralAllowed">,
  v: IntakeValues,
): Outcome {
  const o = outcomesFor(item, v);
  return o.accept.ok ? "accept" : o.deferred.ok ? "deferred" : "notice";
}

const trim = (s?: string) => (s ?? "").trim();

function person(p: PersonValues = {}) {
  return {
    name: trim(p.name),
    idNumber: trim(p.idNumber),
    phone: trim(p.phone),
    address: trim(p.address),
  };
}

/** The `cases.intake` input for the form's values. */
export function toIntakeInput(
  item: Pick<ServiceItem, "code" | "guide">,
  v: IntakeValues,
): IntakeInput {
  const proxy = v.mode === "proxy";
  return {
    itemCode: item.code,
    applicant: person(v.applicant),
    mode: v.mode ?? "assist",
    residentPresent: v.residentPresent ?? true,
    agent: proxy ? { ...person(v.agent), relation: trim(v.agent?.relation) } : null,
    powerOfAttorney: proxy && v.powerOfAttorney === true,
    materials: materialsOf(item).map((m) => ({
      code: m.code,
      state: provided(v, m.code) ? ("provided" as const) : ("missing" as const),
    })),
  };
}

/** `cases.accept`'s deferred list for 容缺 (empty for a plain acceptance). */
export function toDeferred(item: Pick<ServiceItem, "guide">, v: IntakeValues) {
  if (v.outcome !== "deferred") return [];
  return gaps(item, v).deferrable.map((m) => ({
    code: m.code,
    promisedBy: v.promises?.[m.code] ?? "",
  }));
}

/** `cases.requestCorrection`'s list: every missing material, plus conditional ones judged needed. */
export function toMissing(item: Pick<ServiceItem, "guide">, v: IntakeValues, fallback: string) {
  const g = gaps(item, v);
  const needed = g.conditional.filter((m) => v.conditionalNeeded?.[m.code]);
  return [...g.mandatory, ...g.deferrable, ...needed].map((m) => ({
    code: m.code,
    reason: trim(v.reasons?.[m.code]) || fallback,
  }));
}
