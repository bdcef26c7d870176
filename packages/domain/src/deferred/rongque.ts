import { assertLocalDate, type LocalDate } from "../calendar/local-date";
import type { WorkCalendar } from "../calendar/workdays";
import type { JurisdictionRules } from "../config";
import { type Check, fail, ok } from "../errors";

/** One material of the application as the front desk sees it at intake. */
export interface IntakeMaterial {
  code: string;
  /**
   * `mandatory`: main material, never deferrable. `deferrable`: on the item's 容缺 list.
   * `conditional`: required only in some situations; list it only when it applies here.
   */
  requirement: "mandatory" | "deferrable" | "conditional";
  state: "provided" | "missing";
}

/** What the front desk knows when the applicant asks for 容缺受理 (DOMAIN.md §4). */
export interface DeferredEligibilityInput {
  /** The item is on the 容缺受理清单. */
  itemAllowsDeferral: boolean;
  materials: IntakeMaterial[];
  applicantOptsIn: boolean;
  /** 失信 record or a past false commitment, not yet repaired. */
  creditBarred: boolean;
  /** 容缺受理承诺书 signed. */
  commitmentSigned: boolean;
  /** An agent's authorisation to commit for the applicant; null when the applicant comes in person. */
  agentAuthorised: boolean | null;
}

/** A promise to supply one deferred material. */
export interface DeferredPromise {
  materialCode: string;
  /** Last day to hand it in at the office (end of day). */
  promisedBy: LocalDate;
  /** Day it was received at the office; absent or null while outstanding. */
  suppliedOn?: LocalDate | null;
}

/** What to do about missed 容缺 promises (§4 "Overdue"). */
export interface OverdueAction {
  /** `terminate` (default policy), `suspend` during the grace period, `return` (退件) after it. */
  action: "none" | "terminate" | "suspend" | "return";
  /** Materials whose promise date has passed without them being supplied, sorted. */
  materialCodes: string[];
  /** Last day of grace under `suspend_then_return` (the earliest, if several lapsed). */
  graceUntil?: LocalDate;
  /** The grace period reaches into a year whose holidays are not yet published. */
  calendarUncertain: boolean;
}

/**
 * Whether a case may be accepted with materials missing (容缺受理, §4). On success lists
 * the material codes being deferred. Refusals name the first condition that fails.
 */
export function checkDeferredEligibility(
  input: DeferredEligibilityInput,
): Check<{ deferredCodes: string[] }> {
  if (!input.itemAllowsDeferral) {
    return notEligible(
      "itemAllowsDeferral",
      "该事项不在容缺受理清单内，不能容缺受理，请按一次性告知补齐材料后再受理",
      "item is not on the deferral list",
    );
  }
  if (input.creditBarred) {
    return notEligible(
      "creditBarred",
      "申请人有失信记录或曾未履行容缺承诺，信用修复前不能容缺受理",
      "applicant is barred by a credit record",
    );
  }
  const materialRefusal = refuseMissingMaterials(input.materials);
  if (materialRefusal !== null) return materialRefusal;
  const deferredCodes = unique(
    input.materials.filter((m) => m.state === "missing").map((m) => m.code),
  );
  if (deferredCodes.length === 0) {
    return notEligible(
      "materials",
      "材料已齐全，无需容缺受理，请按一般程序受理",
      "nothing is missing, accept normally",
    );
  }
  if (!input.applicantOptsIn) {
    return notEligible(
      "applicantOptsIn",
      "申请人未选择容缺受理；须申请人本人（或受托人）自愿选择",
      "applicant has not opted in",
    );
  }
  if (!input.commitmentSigned) {
    return notEligible(
      "commitmentSigned",
      "申请人尚未签署容缺受理承诺书，请签署后再受理",
      "the deferral commitment is not signed",
    );
  }
  if (input.agentAuthorised === false) {
    return notEligible(
      "agentAuthorised",
      "代办人未取得申请人的授权委托，不能代为作出容缺承诺，请补充委托书",
      "the agent holds no authorisation",
    );
  }
  return ok({ deferredCodes });
}

/**
 * A promised supplement date must fall after acceptance and no later than the item's
 * promised limit, i.e. acceptedOn + promisedDays working days (§4 "Deadline").
 */
export function checkPromiseDate(input: {
  acceptedOn: LocalDate;
  promisedBy: LocalDate;
  promisedDays: number;
  calendar: WorkCalendar;
}): Check<{ promisedBy: LocalDate; latest: LocalDate; calendarUncertain: boolean }> {
  const { acceptedOn, promisedBy } = input;
  assertLocalDate(acceptedOn, "acceptedOn");
  assertLocalDate(promisedBy, "promisedBy");
  if (promisedBy <= acceptedOn) {
    return fail({
      code: "OUT_OF_RANGE",
      field: "promisedBy",
      zh: `补齐材料承诺日期（${promisedBy}）须晚于受理日期（${acceptedOn}）`,
      en: `promisedBy ${promisedBy} must be after acceptedOn ${acceptedOn}`,
    });
  }
  const limit = input.calendar.addWorkdays(acceptedOn, input.promisedDays);
  // No pauses are passed, so the target cannot be blocked; narrow for the type checker.
  const latest = limit.date ?? acceptedOn;
  if (promisedBy > latest) {
    return fail({
      code: "OUT_OF_RANGE",
      field: "promisedBy",
      zh: `补齐材料承诺日期（${promisedBy}）不得晚于事项承诺时限届满日（${latest}，受理后 ${input.promisedDays} 个工作日）`,
      en: `promisedBy ${promisedBy} is after the item's promised limit ${latest}`,
    });
  }
  return ok({ promisedBy, latest, calendarUncertain: limit.uncertain });
}

/** The promises whose material has not been received. */
export function outstandingDeferred<P extends DeferredPromise>(promises: readonly P[]): P[] {
  return promises.filter((p) => p.suppliedOn === null || p.suppliedOn === undefined);
}

/** Review may go on, but the result is withheld while any promised material is outstanding (§4). */
export function resultWithheld(promises: readonly DeferredPromise[]): boolean {
  return outstandingDeferred(promises).length > 0;
}

/**
 * What the rules require as of `asOf` about promises that ran out (§4 "Overdue"). A promise
 * is missed when its material is still not received after the end of its promised day.
 * Policy `terminate`: 终止 at once. Policy `suspend_then_return`: 中止 through
 * `rules.deferredGraceWorkdays` working days after the promised day, then 退件.
 */
export function overdueAction(input: {
  promises: readonly DeferredPromise[];
  asOf: LocalDate;
  rules: JurisdictionRules;
  calendar: WorkCalendar;
}): OverdueAction {
  const { asOf, rules, calendar } = input;
  assertLocalDate(asOf, "asOf");
  const missed = unsuppliedAsOf(input.promises, asOf).filter((p) => asOf > p.promisedBy);
  const materialCodes = unique(missed.map((p) => p.materialCode)).sort();
  if (missed.length === 0) return { action: "none", materialCodes, calendarUncertain: false };
  if (rules.deferredOverduePolicy === "terminate") {
    return { action: "terminate", materialCodes, calendarUncertain: false };
  }
  const graces = missed.map((p) => calendar.addWorkdays(p.promisedBy, rules.deferredGraceWorkdays));
  const calendarUncertain = graces.some((g) => g.uncertain);
  // Without pauses the target is never blocked; the fallback only satisfies the type.
  const graceUntil = graces.map((g) => g.date ?? asOf).sort()[0] ?? asOf;
  const action = asOf > graceUntil ? "return" : "suspend";
  return { action, materialCodes, graceUntil, calendarUncertain };
}

/**
 * When to remind the applicant (and the station helper) of a promise (§4 "Reminders"): on
 * acceptance, and `rules.deferredReminderWorkdaysBefore` working days before the promised
 * day (0 = on the day). Dates before acceptance are dropped; sorted, without repeats.
 */
export function reminderDates(input: {
  promisedBy: LocalDate;
  acceptedOn: LocalDate;
  rules: JurisdictionRules;
  calendar: WorkCalendar;
}): LocalDate[] {
  const { promisedBy, acceptedOn, calendar } = input;
  assertLocalDate(promisedBy, "promisedBy");
  assertLocalDate(acceptedOn, "acceptedOn");
  const before = input.rules.deferredReminderWorkdaysBefore.map(
    (n) => calendar.subtractWorkdays(promisedBy, n).date,
  );
  return unique([acceptedOn, ...before].filter((d) => d >= acceptedOn)).sort();
}

/** Promises not received by the end of `asOf` (a later receipt date is not yet true). */
function unsuppliedAsOf(promises: readonly DeferredPromise[], asOf: LocalDate): DeferredPromise[] {
  return promises.filter((p, i) => {
    assertLocalDate(p.promisedBy, `promises[${i}].promisedBy`);
    if (p.suppliedOn === null || p.suppliedOn === undefined) return true;
    assertLocalDate(p.suppliedOn, `promises[${i}].suppliedOn`);
    return p.suppliedOn > asOf;
  });
}

/** Mandatory or conditional materials cannot be deferred; the first missing one refuses. */
function refuseMissingMaterials(
  materials: readonly IntakeMaterial[],
): Check<{ deferredCodes: string[] }> | null {
  for (const m of materials) {
    if (m.state !== "missing" || m.requirement === "deferrable") continue;
    if (m.requirement === "mandatory") {
      return fail({
        code: "MATERIALS_OUTSTANDING",
        field: `materials.${m.code}`,
        zh: `主要材料「${m.code}」缺失，主要材料不能容缺，请先补齐后再受理`,
        en: `main material ${m.code} is missing and cannot be deferred`,
      });
    }
    return fail({
      code: "NOT_ELIGIBLE",
      field: `materials.${m.code}`,
      zh: `情形材料「${m.code}」缺失，不在容缺材料目录内；如本申请不涉及该情形，请从材料清单中移除`,
      en: `conditional material ${m.code} is missing and is not on the deferrable list`,
    });
  }
  return null;
}

function notEligible(field: string, zh: string, en: string): Check<never> {
  return fail({ code: "NOT_ELIGIBLE", field, zh, en });
}

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}
