import { type Check, fail, ok } from "../errors";

/**
 * Administrative division codes, see DOMAIN.md §7. Codes are strings, never numbers.
 *
 * - 6 digits, GB/T 2260: province (2) + prefecture (2) + county (2).
 * - 9 digits, + GB/T 10114: 001–099 街道, 100–199 镇, 200–399 乡, 400–599 政企合一.
 * - 12 digits, + 统计用区划代码: 001–199 居委会, 200–399 村委会.
 *
 * A center is identified by a 9-digit code, a station by a 12-digit code.
 * No table lookup: statistical codes diverge from GB/T 2260 (development zones), and
 * retired codes stay in old records, so only the structure is checked.
 */

/** Township-level kinds (GB/T 10114). */
export type StreetKind = "街道" | "镇" | "乡" | "政企合一";
/** Village-level kinds (统计用区划代码). */
export type CommunityKind = "居委会" | "村委会";

/** A structurally valid division code, split into its levels. */
export interface DivisionCodeInfo {
  /** The code as checked (whitespace removed). */
  code: string;
  level: "county" | "street" | "community";
  /** The 6-digit county-level code. */
  county: string;
  /** The 9-digit township-level code (for street and community levels). */
  street?: string;
  /** The 12-digit village-level code (community level only). */
  community?: string;
  streetKind?: StreetKind;
  communityKind?: CommunityKind;
}

const MIN_PROVINCE = 11;
const MAX_PROVINCE = 82;

const STREET_RANGES: readonly [number, number, StreetKind][] = [
  [1, 99, "街道"],
  [100, 199, "镇"],
  [200, 399, "乡"],
  [400, 599, "政企合一"],
];
const COMMUNITY_RANGES: readonly [number, number, CommunityKind][] = [
  [1, 199, "居委会"],
  [200, 399, "村委会"],
];

function kindOf<K>(suffix: string, ranges: readonly [number, number, K][]): K | undefined {
  const n = Number(suffix);
  return ranges.find(([lo, hi]) => n >= lo && n <= hi)?.[2];
}

function checkCounty(code: string, field: string): Check<string> {
  const province = Number(code.slice(0, 2));
  if (province < MIN_PROVINCE || province > MAX_PROVINCE) {
    return fail({
      code: "OUT_OF_RANGE",
      field,
      zh: `区划代码前两位应为省级代码（11–82），“${code.slice(0, 2)}”不是，请核对`,
      en: `The first two digits must be a province code (11–82); got ${code.slice(0, 2)}`,
    });
  }
  if (code.slice(2, 6) === "0000") {
    return fail({
      code: "OUT_OF_RANGE",
      field,
      zh: `“${code.slice(0, 6)}”是省级代码，请填写到县（区）级或以下的区划代码`,
      en: `${code.slice(0, 6)} is a province code; enter a county-level code or below`,
    });
  }
  return ok(code.slice(0, 6));
}

function checkStreet(code: string, field: string): Check<StreetKind> {
  const kind = kindOf(code.slice(6, 9), STREET_RANGES);
  if (kind === undefined) {
    return fail({
      code: "OUT_OF_RANGE",
      field,
      zh: `区划代码第7–9位应在 001–599 之间（001–099 街道、100–199 镇、200–399 乡、400–599 政企合一），“${code.slice(6, 9)}”不在范围内，请核对`,
      en: `Digits 7–9 must be 001–599 (street/town/township/combined); got ${code.slice(6, 9)}`,
    });
  }
  return ok(kind);
}

function checkCommunity(code: string, field: string): Check<CommunityKind> {
  const kind = kindOf(code.slice(9, 12), COMMUNITY_RANGES);
  if (kind === undefined) {
    return fail({
      code: "OUT_OF_RANGE",
      field,
      zh: `区划代码第10–12位应在 001–399 之间（001–199 居委会、200–399 村委会），“${code.slice(9, 12)}”不在范围内，请核对`,
      en: `Digits 10–12 must be 001–399 (residents' or villagers' committee); got ${code.slice(9, 12)}`,
    });
  }
  return ok(kind);
}

function checkShape(code: string, field: string): Check<string> {
  if (code === "") {
    return fail({ code: "REQUIRED", field, zh: "请填写行政区划代码", en: "Enter a division code" });
  }
  if (!/^(\d{6}|\d{9}|\d{12})$/.test(code)) {
    return fail({
      code: "INVALID_FORMAT",
      field,
      zh: `行政区划代码应为6位（县级）、9位（街道/乡镇）或12位（社区/村）数字，当前为“${code}”，请核对`,
      en: "A division code has 6, 9 or 12 digits (county, township, village level)",
    });
  }
  return ok(code);
}

/**
 * Parse a 6-, 9- or 12-digit division code and tell its level and kinds.
 * Refusals: REQUIRED, INVALID_FORMAT (not 6/9/12 digits), OUT_OF_RANGE (province part
 * outside 11–82, a province-only code, or a township/village suffix outside §7's ranges).
 */
export function parseDivisionCode(code: string, field = "divisionCode"): Check<DivisionCodeInfo> {
  const shape = checkShape(code.replace(/\s+/g, ""), field);
  if (!shape.ok) return shape;
  const s = shape.value;
  const county = checkCounty(s, field);
  if (!county.ok) return county;
  if (s.length === 6) return ok({ code: s, level: "county", county: county.value });
  const street = checkStreet(s, field);
  if (!street.ok) return street;
  const streetPart = { county: county.value, street: s.slice(0, 9), streetKind: street.value };
  if (s.length === 9) return ok({ code: s, level: "street", ...streetPart });
  const community = checkCommunity(s, field);
  if (!community.ok) return community;
  return ok({
    code: s,
    level: "community",
    ...streetPart,
    community: s,
    communityKind: community.value,
  });
}

/** True when `code` is a valid 6-digit (county-level) code, which identifies a district node. */
export function isDistrictCode(code: string): boolean {
  const r = parseDivisionCode(code);
  return r.ok && r.value.level === "county";
}

/** True when `code` is a valid 9-digit (township-level) code, which identifies a center. */
export function isCenterCode(code: string): boolean {
  const r = parseDivisionCode(code);
  return r.ok && r.value.level === "street";
}

/** True when `code` is a valid 12-digit (village-level) code, which identifies a station. */
export function isStationCode(code: string): boolean {
  const r = parseDivisionCode(code);
  return r.ok && r.value.level === "community";
}

/**
 * The code one level up: station (12) → center (9) → county (6).
 * Undefined for a county code (the top of our hierarchy) and for an invalid code.
 */
export function parentOf(code: string): string | undefined {
  const r = parseDivisionCode(code);
  if (!r.ok) return undefined;
  if (r.value.level === "community") return r.value.street;
  if (r.value.level === "street") return r.value.county;
  return undefined;
}
