import { z } from "zod";
import { isLocalDate } from "../calendar/local-date";
import { type EligibilityCondition, eligibilitySchema } from "../eligibility/eligibility";
import { type Check, DomainError, type DomainErrorCode, fail, ok } from "../errors";
import { parsePhone } from "../validation/phone";

/**
 * The 实施清单 (item catalog) and 办事指南 (service guide), DOMAIN.md §1 and §9.
 * Messages in the schemas are Chinese because they reach the people who maintain the catalog.
 */

// ---------------------------------------------------------------------------
// Enumerations

/** 事项类型 [S2]. */
export const itemTypeSchema = z.enum([
  "ADMIN_LICENSE",
  "ADMIN_BENEFIT",
  "ADMIN_CONFIRMATION",
  "ADMIN_RULING",
  "ADMIN_REWARD",
  "ADMIN_FILING",
  "OTHER_POWER",
  "PUBLIC_SERVICE",
]);
/** 事项类型. */
export type ItemType = z.infer<typeof itemTypeSchema>;

/** Chinese label of each 事项类型. */
export const itemTypeLabels: Readonly<Record<ItemType, string>> = {
  ADMIN_LICENSE: "行政许可",
  ADMIN_BENEFIT: "行政给付",
  ADMIN_CONFIRMATION: "行政确认",
  ADMIN_RULING: "行政裁决",
  ADMIN_REWARD: "行政奖励",
  ADMIN_FILING: "行政备案",
  OTHER_POWER: "其他行政权力",
  PUBLIC_SERVICE: "公共服务",
};

/** 办件类型: 即办件 / 承诺件 / 联办件 / 报批件 [S4]. */
export const caseKindSchema = z.enum(["IMMEDIATE", "PROMISED", "JOINT", "ESCALATED"]);
/** 办件类型. */
export type CaseKind = z.infer<typeof caseKindSchema>;

/** Chinese label of each 办件类型. */
export const caseKindLabels: Readonly<Record<CaseKind, string>> = {
  IMMEDIATE: "即办件",
  PROMISED: "承诺件",
  JOINT: "联办件",
  ESCALATED: "报批件",
};

/** Where an item is decided: the station, the street center, or a district/county department. */
export const approvalLevelSchema = z.enum(["STATION", "CENTER", "DEPARTMENT"]);
/** Where an item is decided. */
export type ApprovalLevel = z.infer<typeof approvalLevelSchema>;

/** Chinese label of each approval level. */
export const approvalLevelLabels: Readonly<Record<ApprovalLevel, string>> = {
  STATION: "社区/村便民服务站",
  CENTER: "街道便民服务中心",
  DEPARTMENT: "区县主管部门",
};

/** M 必交 / R 可容缺 / C 视情况提交 (DOMAIN.md §9 legend). */
export const materialRequirementSchema = z.enum(["mandatory", "deferrable", "conditional"]);
/** Whether a material is mandatory, may be deferred (容缺), or needed only under a condition. */
export type MaterialRequirement = z.infer<typeof materialRequirementSchema>;

/** Chinese label of each material requirement. */
export const materialRequirementLabels: Readonly<Record<MaterialRequirement, string>> = {
  mandatory: "必须提交",
  deferrable: "可容缺后补",
  conditional: "视情况提交",
};

/** 材料形式 as written in a 办事指南. */
export const materialFormSchema = z.enum(
  ["原件", "复印件", "原件及复印件", "电子件", "纸质或电子件"],
  {
    error: "材料形式应为 原件、复印件、原件及复印件、电子件 或 纸质或电子件",
  },
);
/** 材料形式. */
export type MaterialForm = z.infer<typeof materialFormSchema>;

// ---------------------------------------------------------------------------
// Building blocks

const nonBlank = (max: number) =>
  z.string({ error: "必须填写" }).trim().min(1, "不能为空").max(max, `不能超过 ${max} 个字`);

const workdays = (what: string) =>
  z
    .number({ error: `${what}应为数字（工作日）` })
    .int(`${what}应为整数个工作日`)
    .min(0, `${what}不能为负数`)
    .max(365, `${what}不能超过 365 个工作日`);

/** Government hotlines such as 12345 and 12315, besides landlines and mobiles (§7). */
const HOTLINE = /^12\d{3}$/;

const phone = z
  .string({ error: "必须填写电话号码" })
  .trim()
  .refine((s) => HOTLINE.test(s) || parsePhone(s).ok, {
    message: "电话号码格式不正确，应为固定电话（如 0571-88881234）、手机号或 12345 类热线",
  });

/** A calendar date `YYYY-MM-DD` that exists (no 2026-02-30). */
export const localDateSchema = z
  .string({ error: "必须填写日期" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD")
  .refine(isLocalDate, { message: "日期不存在" });

// ---------------------------------------------------------------------------
// Materials and guide

/** One 申请材料 line of a 办事指南. */
export const materialSpecSchema = z
  .object({
    /** Stable code, e.g. `ID_CARD`; cases refer to materials by it. */
    code: z
      .string({ error: "必须填写材料编码" })
      .regex(/^[A-Z][A-Z0-9_]{1,63}$/, "材料编码应为大写字母、数字和下划线，如 ID_CARD"),
    name: nonBlank(100),
    requirement: materialRequirementSchema,
    form: materialFormSchema,
    copies: z
      .number({ error: "份数应为数字" })
      .int("份数应为整数")
      .min(1, "份数至少为 1")
      .max(20, "份数不能超过 20"),
    /** When a conditional material is needed, in words. */
    condition: nonBlank(200).optional(),
    /**
     * The condition a machine can check: `proxy` = needed whenever someone applies on the
     * resident's behalf (代办), such as the agent's ID and the 委托书.
     */
    neededFor: z.enum(["proxy"], { error: "neededFor 只能为 proxy（代办时必交）" }).optional(),
    note: nonBlank(500).optional(),
  })
  .superRefine((m, ctx) => {
    if (m.neededFor !== undefined && m.requirement !== "conditional") {
      ctx.addIssue({
        code: "custom",
        path: ["neededFor"],
        message: "neededFor：只有视情况提交的材料才能写明代办时必交",
        params: { domainCode: "NOT_ALLOWED", en: "only a conditional material has neededFor" },
      });
    }
    if (m.requirement === "conditional" && m.condition === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["condition"],
        message: "condition：视情况提交的材料须写明提交条件",
        params: { domainCode: "REQUIRED", en: "a conditional material needs its condition" },
      });
    }
  });
/** One 申请材料 line of a 办事指南. */
export type MaterialSpec = z.infer<typeof materialSpecSchema>;

const extensionSchema = z.object({
  /** The legal limit after the extension, in working days. */
  toLegalDays: workdays("延长后的法定时限"),
  reason: nonBlank(200),
});

/** 办事指南 [S3]. Limits are working days (DOMAIN.md §3). */
export const serviceGuideSchema = z
  .object({
    acceptanceConditions: z.array(nonBlank(500)).min(1, "至少写明一条受理条件"),
    materials: z.array(materialSpecSchema).min(1, "至少列出一项申请材料"),
    processSteps: z.array(nonBlank(200)).min(1, "至少写明一个办理环节"),
    /** 法定时限; null when no statute sets one. */
    legalDays: workdays("法定时限").nullable(),
    /** 承诺时限; 0 means same day (即办). */
    promisedDays: workdays("承诺时限"),
    extendable: extensionSchema.optional(),
    /** Working days of 公示, which the clock excludes (DOMAIN.md §3.3). */
    publicityWorkdays: workdays("公示期").min(1, "公示期至少 1 个工作日").optional(),
    /** 收费; never blank: write 不收费 when free. */
    fee: nonBlank(200),
    place: nonBlank(200),
    hours: nonBlank(200),
    consultPhone: phone,
    supervisionPhone: phone,
  })
  .superRefine(refineGuide);
/** 办事指南. */
export type ServiceGuide = z.infer<typeof serviceGuideSchema>;

type GuideShape = Pick<ServiceGuide, "materials" | "legalDays" | "promisedDays" | "extendable">;

function refineGuide(g: GuideShape, ctx: z.RefinementCtx): void {
  if (g.legalDays !== null && g.promisedDays > g.legalDays) {
    ctx.addIssue({
      code: "custom",
      path: ["promisedDays"],
      message: `guide.promisedDays 承诺时限（${g.promisedDays} 个工作日）不得超过法定时限 guide.legalDays（${g.legalDays} 个工作日）`,
      params: { domainCode: "OUT_OF_RANGE", en: "the promised limit exceeds the legal limit" },
    });
  }
  if (g.extendable !== undefined) refineExtension(g.legalDays, g.extendable.toLegalDays, ctx);
  const seen = new Set<string>();
  g.materials.forEach((m, i) => {
    if (seen.has(m.code)) {
      ctx.addIssue({
        code: "custom",
        path: ["materials", i, "code"],
        message: `materials.code 材料编码 ${m.code} 重复`,
        params: { domainCode: "DUPLICATE", en: `material code ${m.code} is listed twice` },
      });
    }
    seen.add(m.code);
  });
}

function refineExtension(legal: number | null, to: number, ctx: z.RefinementCtx): void {
  if (legal === null || to <= legal) {
    ctx.addIssue({
      code: "custom",
      path: ["extendable", "toLegalDays"],
      message: "guide.extendable.toLegalDays 延长后的时限须大于法定时限；无法定时限的事项不能延长",
      params: { domainCode: "OUT_OF_RANGE", en: "an extension must exceed a set legal limit" },
    });
  }
}

// ---------------------------------------------------------------------------
// Item and catalog

/**
 * `{dept}-{type}-{seq}`, e.g. `MZ-GF-001` (DOMAIN.md §9); a street's local item carries its
 * street's 9-digit code in front, `330106001-MZ-GF-001` (local-items.ts).
 */
export const ITEM_CODE_PATTERN = /^(\d{9}-)?[A-Z]{2,4}-[A-Z]{2}-\d{3,4}$/;

/** One 政务服务事项 of the 实施清单. */
export const serviceItemSchema = z
  .object({
    code: z
      .string({ error: "必须填写事项编码" })
      .regex(
        ITEM_CODE_PATTERN,
        "事项编码格式应为 部门-类型-序号，如 MZ-GF-001（街道自设事项前加街道代码，如 330106001-MZ-GF-001）",
      ),
    name: nonBlank(100),
    type: itemTypeSchema,
    kind: caseKindSchema,
    /** 主管部门. */
    department: nonBlank(100),
    /** 实施机关. */
    implementingBody: nonBlank(100),
    /** 设定和实施依据. */
    basis: nonBlank(1000),
    /** 帮办: stations may take the item in. */
    stationAssist: z.boolean(),
    /** 即办 at the station: the station may complete the item itself. */
    stationMayComplete: z.boolean(),
    approvalLevel: approvalLevelSchema,
    /** On the 容缺清单. */
    deferralAllowed: z.boolean(),
    /** 受理条件 intake checks from the applicant's ID number; the guide's words say the rest. */
    eligibility: eligibilitySchema.optional(),
    guide: serviceGuideSchema,
    version: z.number().int("版本号应为整数").min(1, "版本号从 1 开始"),
    effectiveFrom: localDateSchema,
  })
  .superRefine(refineItem);
/** One 政务服务事项 of the 实施清单. */
export type ServiceItem = z.infer<typeof serviceItemSchema>;

type ItemShape = Pick<
  ServiceItem,
  "kind" | "stationAssist" | "stationMayComplete" | "approvalLevel" | "deferralAllowed" | "guide"
>;

function refineItem(item: ItemShape, ctx: z.RefinementCtx): void {
  if (item.kind === "IMMEDIATE" && item.guide.promisedDays !== 0) {
    issue(ctx, ["guide", "promisedDays"], "OUT_OF_RANGE", {
      zh: "guide.promisedDays 即办件的承诺时限应为 0（当场办结）",
      en: "an immediate item is promised the same day (0)",
    });
  }
  if (item.stationMayComplete && (!item.stationAssist || item.approvalLevel !== "STATION")) {
    issue(ctx, ["stationMayComplete"], "NOT_ALLOWED", {
      zh: "stationMayComplete 只有站点可帮办且由站点审批（approvalLevel 为 STATION）的事项才能在站点办结",
      en: "only assisted items approved at the station may be completed there",
    });
  }
  item.guide.materials.forEach((m, i) => {
    if (m.requirement === "deferrable" && !item.deferralAllowed) {
      issue(ctx, ["guide", "materials", i, "requirement"], "NOT_ALLOWED", {
        zh: `deferralAllowed 事项未列入容缺清单，材料 ${m.code} 不能标为可容缺`,
        en: `material ${m.code} is deferrable but the item is not on the 容缺 list`,
      });
    }
  });
}

function issue(
  ctx: z.RefinementCtx,
  path: (string | number)[],
  domainCode: DomainErrorCode,
  text: { zh: string; en: string },
): void {
  ctx.addIssue({ code: "custom", path, message: text.zh, params: { domainCode, en: text.en } });
}

/** A versioned 实施清单. */
export const itemCatalogSchema = z
  .object({
    version: z.number().int("版本号应为整数").min(1, "版本号从 1 开始"),
    items: z.array(serviceItemSchema),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.items.forEach((item, i) => {
      if (seen.has(item.code)) {
        issue(ctx, ["items", i, "code"], "DUPLICATE", {
          zh: `items.code 事项编码 ${item.code} 重复`,
          en: `item code ${item.code} is listed twice`,
        });
      }
      seen.add(item.code);
    });
  });
/** A versioned 实施清单. */
export type ItemCatalog = z.infer<typeof itemCatalogSchema>;

// ---------------------------------------------------------------------------
// Snapshot

/** The rule-relevant part of a material, as a case keeps it. */
export interface MaterialSnapshot {
  code: string;
  name: string;
  requirement: MaterialRequirement;
}

/**
 * The rule-relevant subset of an item that a case keeps for life, so a later catalog
 * version never changes the rules of a case already taken in. `version` is the item's version.
 */
export interface ItemSnapshot {
  code: string;
  version: number;
  name: string;
  type: ItemType;
  kind: CaseKind;
  approvalLevel: ApprovalLevel;
  stationAssist: boolean;
  stationMayComplete: boolean;
  deferralAllowed: boolean;
  legalDays: number | null;
  promisedDays: number;
  /** null when the guide has no 公示. */
  publicityWorkdays: number | null;
  materials: MaterialSnapshot[];
  /** Present only when the item has machine-checkable conditions (older snapshots have none). */
  eligibility?: EligibilityCondition[];
}

/** Freezes the rule-relevant subset of `item` into a plain, JSON-safe snapshot. */
export function toItemSnapshot(item: ServiceItem): ItemSnapshot {
  return {
    code: item.code,
    version: item.version,
    name: item.name,
    type: item.type,
    kind: item.kind,
    approvalLevel: item.approvalLevel,
    stationAssist: item.stationAssist,
    stationMayComplete: item.stationMayComplete,
    deferralAllowed: item.deferralAllowed,
    legalDays: item.guide.legalDays,
    promisedDays: item.guide.promisedDays,
    publicityWorkdays: item.guide.publicityWorkdays ?? null,
    materials: item.guide.materials.map(({ code, name, requirement }) => ({
      code,
      name,
      requirement,
    })),
    // Absent rather than empty, so an item without conditions snapshots exactly as before.
    ...(item.eligibility?.length ? { eligibility: item.eligibility.map((c) => ({ ...c })) } : {}),
  };
}

// ---------------------------------------------------------------------------
// Parsing

const zhMessages = z.locales.zhCN().localeError;
const enMessages = z.locales.en().localeError;

function messageOf(map: z.core.$ZodErrorMap, i: z.core.$ZodIssue): string {
  const out = map(i as unknown as Parameters<z.core.$ZodErrorMap>[0]);
  if (typeof out === "string") return out;
  return out?.message ?? "Invalid input";
}

function domainCodeOf(i: z.core.$ZodIssue): DomainErrorCode {
  if (i.code === "custom") {
    const code = (i.params as { domainCode?: DomainErrorCode } | undefined)?.domainCode;
    return code ?? "INVALID_FORMAT";
  }
  if (i.code === "invalid_type" && i.input === undefined) return "REQUIRED";
  // A blank string or an empty list is a missing answer, not a number out of range.
  if (i.code === "too_small" && i.origin !== "number" && i.minimum === 1) return "REQUIRED";
  if (i.code === "too_small" || i.code === "too_big") return "OUT_OF_RANGE";
  return "INVALID_FORMAT";
}

/**
 * The first zod issue as a DomainError whose `field` is the dotted path (`items.3.guide.fee`).
 * The Chinese message is the schema's own, prefixed by the field when it does not name it.
 */
export function domainErrorFromZod(error: z.ZodError): DomainError {
  const first = error.issues[0];
  if (first === undefined) {
    return new DomainError({
      code: "INVALID_FORMAT",
      field: "",
      zh: "输入无效",
      en: "Invalid input",
    });
  }
  const field = first.path.map(String).join(".");
  const last = first.path[first.path.length - 1];
  const zh =
    last === undefined || first.message.includes(String(last))
      ? first.message
      : `${field}：${first.message}`;
  const en =
    first.code === "custom"
      ? ((first.params as { en?: string } | undefined)?.en ?? "Invalid value")
      : messageOf(enMessages, first);
  return new DomainError({ code: domainCodeOf(first), field, zh, en });
}

/** Parses `input` with `schema`, turning the first issue into a DomainError. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): Check<z.output<S>> {
  const result = schema.safeParse(input, { error: zhMessages, reportInput: true });
  if (result.success) return ok(result.data);
  const e = domainErrorFromZod(result.error);
  return fail({ code: e.code, field: e.field, zh: e.zh, en: e.en });
}

/** Validates an 实施清单 from untrusted input (a file, the hub). */
export function parseCatalog(input: unknown): Check<ItemCatalog> {
  return parseWith(itemCatalogSchema, input);
}

/** Validates one 政务服务事项 from untrusted input. */
export function parseServiceItem(input: unknown): Check<ServiceItem> {
  return parseWith(serviceItemSchema, input);
}

/** Finds an item of the catalog by its code. */
export function findItem(catalog: ItemCatalog, code: string): ServiceItem | undefined {
  return catalog.items.find((item) => item.code === code);
}
