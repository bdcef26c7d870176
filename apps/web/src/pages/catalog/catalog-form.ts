import {
  type EligibilityCondition,
  type MaterialForm,
  type MaterialRequirement,
  parseServiceItem,
  type ServiceItem,
} from "@bangban/domain";

/** An item as edited: everything but the version, which the hub assigns on saving. */
export type ItemDraft = Omit<ServiceItem, "version">;

export interface MaterialRow {
  code?: string;
  name?: string;
  requirement?: MaterialRequirement;
  form?: MaterialForm;
  copies?: number | null;
  condition?: string;
  /** 代办时必交: the machine-checkable side of a conditional material. */
  neededForProxy?: boolean;
  note?: string;
}

/** 受理条件 intake checks, one field per kind (a blank one is no condition). */
export interface EligibilityForm {
  minAge?: number | null;
  maxAge?: number | null;
  residenceDivision?: string;
  residenceName?: string;
}

/**
 * The editor's values. They follow the item's shape (so the server's field paths land on the
 * form), with switches for what the item may leave out: a legal limit, an extension, 公示.
 */
export interface CatalogForm {
  code?: string;
  name?: string;
  type?: ServiceItem["type"];
  kind?: ServiceItem["kind"];
  department?: string;
  implementingBody?: string;
  basis?: string;
  stationAssist?: boolean;
  stationMayComplete?: boolean;
  approvalLevel?: ServiceItem["approvalLevel"];
  deferralAllowed?: boolean;
  effectiveFrom?: string;
  eligibility?: EligibilityForm;
  guide?: {
    acceptanceConditions?: (string | undefined)[];
    materials?: MaterialRow[];
    processSteps?: (string | undefined)[];
    noLegalLimit?: boolean;
    legalDays?: number | null;
    promisedDays?: number | null;
    hasExtension?: boolean;
    extendable?: { toLegalDays?: number | null; reason?: string };
    hasPublicity?: boolean;
    publicityWorkdays?: number | null;
    fee?: string;
    place?: string;
    hours?: string;
    consultPhone?: string;
    supervisionPhone?: string;
  };
}

export const MATERIAL_FORMS: readonly MaterialForm[] = [
  "原件",
  "复印件",
  "原件及复印件",
  "电子件",
  "纸质或电子件",
];

/** A stored item in the editor. */
export function itemToForm(item: ServiceItem): CatalogForm {
  const g = item.guide;
  return {
    code: item.code,
    name: item.name,
    type: item.type,
    kind: item.kind,
    department: item.department,
    implementingBody: item.implementingBody,
    basis: item.basis,
    stationAssist: item.stationAssist,
    stationMayComplete: item.stationMayComplete,
    approvalLevel: item.approvalLevel,
    deferralAllowed: item.deferralAllowed,
    effectiveFrom: item.effectiveFrom,
    eligibility: eligibilityToForm(item.eligibility),
    guide: {
      acceptanceConditions: [...g.acceptanceConditions],
      materials: g.materials.map(({ neededFor, ...m }) => ({
        ...m,
        neededForProxy: neededFor === "proxy",
      })),
      processSteps: [...g.processSteps],
      noLegalLimit: g.legalDays === null,
      legalDays: g.legalDays,
      promisedDays: g.promisedDays,
      hasExtension: g.extendable !== undefined,
      extendable: g.extendable ? { ...g.extendable } : { toLegalDays: null, reason: "" },
      hasPublicity: g.publicityWorkdays !== undefined,
      publicityWorkdays: g.publicityWorkdays ?? null,
      fee: g.fee,
      place: g.place,
      hours: g.hours,
      consultPhone: g.consultPhone,
      supervisionPhone: g.supervisionPhone,
    },
  };
}

/** A new item's starting values: the usual answers filled in, the rest left to the editor. */
export function emptyForm(effectiveFrom: string): CatalogForm {
  return {
    type: "PUBLIC_SERVICE",
    kind: "PROMISED",
    stationAssist: true,
    stationMayComplete: false,
    approvalLevel: "CENTER",
    deferralAllowed: false,
    effectiveFrom,
    eligibility: {},
    guide: {
      acceptanceConditions: [""],
      materials: [
        {
          code: "ID_CARD",
          name: "申请人居民身份证",
          requirement: "mandatory",
          form: "原件",
          copies: 1,
        },
      ],
      processSteps: ["申请", "受理", "审查", "决定", "送达"],
      noLegalLimit: false,
      legalDays: null,
      promisedDays: null,
      hasExtension: false,
      extendable: { toLegalDays: null, reason: "" },
      hasPublicity: false,
      publicityWorkdays: null,
      fee: "不收费",
      place: "",
      hours: "",
      consultPhone: "",
      supervisionPhone: "",
    },
  };
}

const str = (v: string | undefined) => (v ?? "").trim();
const optional = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);
const lines = (xs: (string | undefined)[] | undefined) =>
  (xs ?? []).map((x) => (x ?? "").trim()).filter((x) => x.length > 0);
/** Numbers stay numbers; a blank stays blank, so the domain's schema names it. */
const num = (v: number | null | undefined) => (v === null || v === undefined ? undefined : v);

/** The editor's values as the item to save (strings trimmed, optional parts left out). */
export function formToItem(f: CatalogForm): ItemDraft {
  const g = f.guide ?? {};
  const item = {
    code: str(f.code).toUpperCase(),
    name: str(f.name),
    type: f.type,
    kind: f.kind,
    department: str(f.department),
    implementingBody: str(f.implementingBody),
    basis: str(f.basis),
    stationAssist: f.stationAssist === true,
    stationMayComplete: f.stationMayComplete === true,
    approvalLevel: f.approvalLevel,
    deferralAllowed: f.deferralAllowed === true,
    effectiveFrom: str(f.effectiveFrom),
    ...eligibilityOf(f.eligibility),
    guide: {
      acceptanceConditions: lines(g.acceptanceConditions),
      materials: (g.materials ?? []).map((m) => ({
        code: str(m.code).toUpperCase(),
        name: str(m.name),
        requirement: m.requirement,
        form: m.form,
        copies: num(m.copies),
        ...(optional(m.condition) && m.requirement === "conditional"
          ? { condition: optional(m.condition) }
          : {}),
        ...(m.neededForProxy && m.requirement === "conditional"
          ? { neededFor: "proxy" as const }
          : {}),
        ...(optional(m.note) ? { note: optional(m.note) } : {}),
      })),
      processSteps: lines(g.processSteps),
      legalDays: g.noLegalLimit ? null : num(g.legalDays),
      promisedDays: num(g.promisedDays),
      ...(g.hasExtension
        ? {
            extendable: {
              toLegalDays: num(g.extendable?.toLegalDays),
              reason: str(g.extendable?.reason),
            },
          }
        : {}),
      ...(g.hasPublicity ? { publicityWorkdays: num(g.publicityWorkdays) } : {}),
      fee: str(g.fee),
      place: str(g.place),
      hours: str(g.hours),
      consultPhone: str(g.consultPhone),
      supervisionPhone: str(g.supervisionPhone),
    },
  };
  // Blank answers stay blank (undefined) for the schema to name; the type is the saved shape.
  return item as ItemDraft;
}

function eligibilityToForm(list: readonly EligibilityCondition[] | undefined): EligibilityForm {
  const form: EligibilityForm = {};
  for (const c of list ?? []) {
    if (c.kind === "min_age") form.minAge = c.years;
    else if (c.kind === "max_age") form.maxAge = c.years;
    else {
      form.residenceDivision = c.division;
      form.residenceName = c.name;
    }
  }
  return form;
}

/** The editor's condition fields as the item's list, in a fixed order; none → no list. */
function eligibilityOf(e: EligibilityForm | undefined): { eligibility?: EligibilityCondition[] } {
  const list: EligibilityCondition[] = [];
  const minAge = num(e?.minAge);
  const maxAge = num(e?.maxAge);
  if (minAge !== undefined) list.push({ kind: "min_age", years: minAge });
  if (maxAge !== undefined) list.push({ kind: "max_age", years: maxAge });
  if (optional(e?.residenceDivision) || optional(e?.residenceName))
    list.push({
      kind: "residence_in",
      division: str(e?.residenceDivision),
      name: str(e?.residenceName),
    });
  return list.length ? { eligibility: list } : {};
}

/** The first problem the catalog's own rules find in the draft, before asking the hub. */
export function draftProblem(f: CatalogForm): { field: string; zh: string; en: string } | null {
  const r = parseServiceItem({ ...formToItem(f), version: 1 });
  return r.ok ? null : { field: r.error.field, zh: r.error.zh, en: r.error.en };
}

/**
 * Where a complaint belongs on the editor: the server names `item.guide.materials.0.code`,
 * the domain `guide.materials.0.code`; both land on the same field. A blank legal limit with
 * "no legal limit" off is the legal limit's field.
 */
export function formFieldOf(field: string): (string | number)[] | null {
  const path = field.replace(/^item\./, "");
  if (!path || path === "expectedVersion" || path === "version") return null;
  if (path.startsWith("eligibility")) return eligibilityField(path);
  return path.split(".").map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/**
 * A condition's complaint on the editor's field. The list is built in a fixed order and the
 * form's number inputs keep ages within 0–150, so a `years` complaint is the only cross-field
 * one: a maximum below the minimum, named on the maximum.
 */
function eligibilityField(path: string): (string | number)[] {
  const last = path.split(".").pop();
  if (last === "division") return ["eligibility", "residenceDivision"];
  if (last === "name") return ["eligibility", "residenceName"];
  if (last === "years") return ["eligibility", "maxAge"];
  return ["eligibility", "minAge"];
}

/**
 * The catalog's messages may start with the field's technical path ("guide.promisedDays 承诺
 * 时限…", "code：…"); beside the field itself that path is noise and is dropped.
 */
export function fieldMessage(message: string): string {
  return message
    .replace(/^[A-Za-z][\w.]*(?:：|:|\s)\s*/, "")
    .replace(/\s*\b(?:item|guide)\.[A-Za-z][\w.]*\s*/g, "");
}

/** A new version's effective date to start from: today, or the latest's if that is later. */
export function nextEffectiveFrom(latest: string | undefined, today: string): string {
  return latest && latest > today ? latest : today;
}
