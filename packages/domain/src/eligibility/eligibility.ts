import { z } from "zod";
import { type Check, fail, ok } from "../errors";
import { parseIdNumber } from "../validation/id-number";

/**
 * 受理条件 a machine can check (DOMAIN.md §1 办事指南): age from the ID number's birth date on
 * the day of intake, and 户籍 from the ID number's address code. The guide's written
 * conditions stay the authority for everything else; these are the ones intake refuses on.
 */
export const eligibilityConditionSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({
      kind: z.literal("min_age"),
      years: z.number({ error: "年龄应为数字" }).int("年龄应为整数").min(0).max(150),
    }),
    z.object({
      kind: z.literal("max_age"),
      years: z.number({ error: "年龄应为数字" }).int("年龄应为整数").min(0).max(150),
    }),
    z.object({
      kind: z.literal("residence_in"),
      /** A division code prefix: 2 (省), 4 (市) or 6 (区县) digits. */
      division: z
        .string({ error: "必须填写行政区划代码" })
        .regex(/^\d{2}(\d{2}){0,2}$/, "户籍地区划代码应为 2、4 或 6 位数字，如 330106"),
      /** The division's name as a person reads it (本区, 杭州市). */
      name: z.string().trim().min(1, "不能为空").max(50, "不能超过 50 个字"),
    }),
  ],
  { error: "受理条件类型应为 min_age、max_age 或 residence_in" },
);
/** One machine-checkable 受理条件. */
export type EligibilityCondition = z.infer<typeof eligibilityConditionSchema>;

/** The conditions of one item: at most one of each kind, and a minimum not above the maximum. */
export const eligibilitySchema = z
  .array(eligibilityConditionSchema)
  .max(3)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((c, i) => {
      if (seen.has(c.kind)) {
        ctx.addIssue({
          code: "custom",
          path: [i, "kind"],
          message: `eligibility 受理条件 ${c.kind} 重复`,
          params: { domainCode: "DUPLICATE", en: `condition ${c.kind} is listed twice` },
        });
      }
      seen.add(c.kind);
    });
    const min = list.find((c) => c.kind === "min_age");
    const max = list.find((c) => c.kind === "max_age");
    if (min && max && min.years > max.years) {
      ctx.addIssue({
        code: "custom",
        path: [list.indexOf(max), "years"],
        message: `eligibility 最高年龄（${max.years}）不能小于最低年龄（${min.years}）`,
        params: { domainCode: "OUT_OF_RANGE", en: "the maximum age is below the minimum" },
      });
    }
  });

/** Full years from `birthDate` to `onDate` (both `YYYY-MM-DD`); a 29 February birthday counts from 1 March. */
export function ageOn(birthDate: string, onDate: string): number {
  const years = Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  // Zero-padded MM-DD compare as dates: the birthday has not come yet this year.
  return onDate.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** A condition in words, for the guide (zh and en). */
export function describeCondition(c: EligibilityCondition): { zh: string; en: string } {
  switch (c.kind) {
    case "min_age":
      return { zh: `年满 ${c.years} 周岁`, en: `aged ${c.years} or over` };
    case "max_age":
      return { zh: `未满 ${c.years + 1} 周岁`, en: `aged ${c.years} or under` };
    case "residence_in":
      return {
        zh: `户籍在${c.name}（身份证号码前 ${c.division.length} 位为 ${c.division}）`,
        en: `household registration in ${c.name} (ID number starting ${c.division})`,
      };
  }
}

/** What eligibility needs of an item: its name (for the message) and its conditions. */
export interface EligibilityItem {
  name: string;
  eligibility?: readonly EligibilityCondition[] | undefined;
}

export interface EligibilityOptions {
  /** Field named in the refusal; defaults to `applicant.idNumber` (age and 户籍 come from it). */
  field?: string;
  /**
   * The helper checked the 户口簿 and the 户籍 is in the division although the ID number was
   * issued elsewhere: a number keeps the address code of where it was first issued, so a
   * resident who moved in keeps a foreign prefix. Skips `residence_in`, nothing else.
   */
  householdVerified?: boolean;
}

/**
 * Whether the applicant meets the item's machine-checkable conditions on `onDate` (the intake
 * day, `YYYY-MM-DD`; the domain has no clock). The first condition not met is the refusal,
 * NOT_ELIGIBLE naming the field; an invalid ID number is refused as parseIdNumber does.
 */
export function checkEligibility(
  item: EligibilityItem,
  applicant: { idNumber: string },
  onDate: string,
  opts: EligibilityOptions = {},
): Check<void> {
  const field = opts.field ?? "applicant.idNumber";
  const conditions = item.eligibility ?? [];
  if (conditions.length === 0) return ok(undefined);
  const id = parseIdNumber(applicant.idNumber, { today: onDate, field });
  if (!id.ok) return id;
  const age = ageOn(id.value.birthDate, onDate);
  for (const c of conditions) {
    const refusal = refusalOf(c, { age, addressCode: id.value.addressCode }, item.name, opts);
    if (refusal) return fail({ code: "NOT_ELIGIBLE", field, ...refusal });
  }
  return ok(undefined);
}

function refusalOf(
  c: EligibilityCondition,
  a: { age: number; addressCode: string },
  itemName: string,
  opts: EligibilityOptions,
): { zh: string; en: string } | null {
  switch (c.kind) {
    case "min_age":
      return a.age >= c.years
        ? null
        : {
            zh: `申请人现年 ${a.age} 周岁（按身份证号码中的出生日期计算），「${itemName}」须年满 ${c.years} 周岁，不能受理`,
            en: `The applicant is ${a.age} (from the ID number's birth date); ${itemName} requires ${c.years} or over`,
          };
    case "max_age":
      return a.age <= c.years
        ? null
        : {
            zh: `申请人现年 ${a.age} 周岁（按身份证号码中的出生日期计算），「${itemName}」限 ${c.years} 周岁及以下，不能受理`,
            en: `The applicant is ${a.age} (from the ID number's birth date); ${itemName} is for ${c.years} or under`,
          };
    case "residence_in":
      return opts.householdVerified || a.addressCode.startsWith(c.division)
        ? null
        : {
            zh: `申请人身份证号码前 6 位为 ${a.addressCode}，不在${c.name}（${c.division}）；「${itemName}」须${c.name}户籍。户籍已迁入的，请查验户口簿后勾选“已查验户口簿”`,
            en: `The ID number's address code ${a.addressCode} is outside ${c.name} (${c.division}); ${itemName} needs household registration there. If it moved in, check the household register and confirm`,
          };
  }
}
