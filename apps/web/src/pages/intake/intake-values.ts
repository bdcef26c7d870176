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
  /** The 户口簿 shows 户籍 in the district though the ID number was issued elsewhere. */
  householdVerified?: boolean;
}

type Material = {
  code: string;
  name: string;
  requirement: MaterialRequirement;
  neededFor?: "proxy";
};

export function materialsOf(item: Pick<ServiceItem, "guide">): Material[] {
  return item.guide.materials.map((m) => ({
    code: m.code,
    name: m.name,
    requirement: m.requirement,
    ...(m.neededFor ? { neededFor: m.neededFor } : {}),
  }));
}

/**
 * 代办 is acting for the resident: the resident is not assumed present (a pre-ticked 本人到场
 * let the 委托书 be skipped); 帮办 is the resident here in person.
 */
export function afterModeChange(mode: "assist" | "proxy"): Partial<IntakeValues> {
  return mode === "proxy"
    ? { residentPresent: false }
    : { residentPresent: true, powerOfAttorney: false };
}

/**
 * The conditional materials this application needs: those the helper judged needed, and in
 * 代办 always those the catalog marks as needed for 代办 (the agent's ID and the 委托书).
 */
export function conditionalNeeded(item: Pick<ServiceItem, "guide">, v: IntakeValues): Material[] {
  return gaps(item, v).conditional.filter(
    (m) =>
      v.conditionalNeeded?.[m.code] === true || (v.mode === "proxy" && m.neededFor === "proxy"),
  );
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
  const needed = conditionalNeeded(item, v);
  const anyMissing = g.mandatory.length + g.deferrable.length + needed.length > 0;
  return {
    accept: anyMissing ? { ok: false, why: "missing" } : { ok: true },
    deferred: !item.deferralAllowed
      ? { ok: false, why: "notDeferrable" }
      : item.guide.promisedDays === 0
        ? { ok: false, why: "sameDay" }
        : g.mandatory.length > 0 || needed.length > 0
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
    householdVerified: v.householdVerified === true,
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
  return [...g.mandatory, ...g.deferrable, ...conditionalNeeded(item, v)].map((m) => ({
    code: m.code,
    reason: trim(v.reasons?.[m.code]) || fallback,
  }));
}

/**
 * `print.draft`'s input: the 委托书 or 容缺受理承诺书 from what is typed so far (blank fields
 * print as lines to fill by hand), before the case exists.
 */
export function toDraftInput(
  kind: "power-of-attorney" | "deferred-commitment",
  item: Pick<ServiceItem, "code" | "guide">,
  v: IntakeValues,
) {
  const proxy = v.mode === "proxy";
  return {
    kind,
    itemCode: item.code,
    applicant: person(v.applicant),
    agent: proxy ? { ...person(v.agent), relation: trim(v.agent?.relation) } : null,
    deferred:
      kind === "deferred-commitment"
        ? gaps(item, v)
            .deferrable.filter((m) => v.promises?.[m.code])
            .map((m) => ({ code: m.code, promisedBy: v.promises?.[m.code] ?? "" }))
        : [],
  };
}
