import { ACCESS_PURPOSES, CASE_STAGES, isLocalDate } from "@bangban/domain";
import { z } from "zod";

/** Shared zod inputs. Messages are Chinese: they reach the helper beside the field. */
export const caseId = z.string().trim().min(10, "办件编号不正确").max(40, "办件编号不正确");
export const materialCode = z.string().trim().min(1, "请选择材料").max(64);
/**
 * A calendar day, checked by the domain's own rule: the shape alone let 2026-02-30 and
 * 2026-13-01 through to the deadline arithmetic.
 */
export const localDate = z.string().refine(isLocalDate, {
  message: "日期不存在或格式不对，应为 YYYY-MM-DD，如 2026-03-01",
  params: { domainCode: "INVALID_DATE", en: "Not a calendar date; expected YYYY-MM-DD" },
});
export const reason = (what: string) =>
  z.string().trim().min(1, `请填写${what}`).max(500, `${what}不超过 500 字`);

/**
 * Why a full ID number is searched or revealed. Optional here so that a missing purpose gets
 * the typed REQUIRED error from `requirePurpose` (services/id-access.ts), naming `purpose`.
 */
export const accessPurpose = z.object({
  kind: z.enum(ACCESS_PURPOSES, "请选择用途"),
  note: z.string().trim().max(200, "用途说明不超过 200 字").optional(),
});

export const personInput = z.object({
  name: z.string().trim().min(1, "请填写姓名").max(50, "姓名不超过 50 字"),
  idNumber: z.string().trim().min(1, "请填写身份证号码").max(30, "身份证号码格式不正确"),
  phone: z.string().trim().min(1, "请填写联系电话").max(30, "联系电话格式不正确"),
  address: z.string().trim().max(200, "地址不超过 200 字").default(""),
});

export const agentInput = personInput.extend({
  relation: z.string().trim().min(1, "请填写与申请人的关系").max(30),
});

export const intakeInput = z.object({
  /**
   * A case id minted by the browser (ULID) so a retried submit whose answer was lost finds
   * the case it already created instead of creating a second one.
   */
  clientCaseId: z
    .string()
    .regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, "办件标识格式不正确")
    .optional(),
  itemCode: z.string().trim().min(1, "请选择办理事项").max(32),
  applicant: personInput,
  mode: z.enum(["assist", "proxy"], { message: "请选择帮办或代办" }),
  residentPresent: z.boolean(),
  agent: agentInput.nullable().default(null),
  powerOfAttorney: z.boolean().default(false),
  /** The helper checked the 户口簿: the 户籍 is in the district though the ID was issued elsewhere. */
  householdVerified: z.boolean().default(false),
  materials: z
    .array(z.object({ code: materialCode, state: z.enum(["provided", "missing"]) }))
    .max(50),
});
export type IntakeInput = z.infer<typeof intakeInput>;

export const listInput = z.object({
  statuses: z.array(z.string()).max(12).optional(),
  itemCode: z.string().max(32).optional(),
  colour: z.enum(["green", "yellow", "red", "none"]).optional(),
  applicantName: z.string().trim().max(50).optional(),
  idNumber: z.string().trim().max(30).optional(),
  /** Required with `idNumber` (a person search by full ID number is audited with it). */
  purpose: accessPurpose.optional(),
  caseNumber: z.string().trim().max(40).optional(),
  open: z.boolean().optional(),
  conflict: z.boolean().optional(),
  /** The step inside the status: 待审批 (awaiting_approval), 已转报中心 (forwarded). */
  stage: z.enum(CASE_STAGES).optional(),
  scope: z.enum(["site", "all"]).default("site"),
  /** At the hub: only cases started at, handled at or to be picked up at this site. */
  siteId: z.string().trim().max(12).optional(),
  orderBy: z.enum(["due", "updated", "submitted"]).default("due"),
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).default(0),
});

/** A period of China-time days, either end open (add more fields beside them). */
export const periodFields = { from: localDate.optional(), to: localDate.optional() };

/** A period's check, for `.refine(...)`: the end not before the start. */
export const periodInOrder = (p: { from?: string; to?: string }) =>
  !p.from || !p.to || p.from <= p.to;
export const periodOrderError = { message: "结束日期不能早于开始日期", path: ["to"] };

export const periodInput = z.object(periodFields).refine(periodInOrder, periodOrderError);
