import { z } from "zod";
import { isLocalDate } from "../calendar/local-date";
import { type Check, DomainError, fail, ok } from "../errors";

/**
 * 居民身份证号码 (GB 11643-1999), see DOMAIN.md §7.
 *
 * Layout of the 18 characters: 1–6 address code, 7–14 birth date (YYYYMMDD),
 * 15–17 sequence (17th odd = male), 18 MOD 11-2 check character.
 */

/** What a valid ID number tells us. */
export interface IdNumberInfo {
  /** 18 characters, whitespace removed, full-width digits converted, trailing `x` as `X`. */
  normalized: string;
  /** Digits 1–6. Retired codes are kept as they are: people keep their old numbers. */
  addressCode: string;
  /** Digits 7–14 as `YYYY-MM-DD`. */
  birthDate: string;
  /** From digit 17: odd = male, even = female. */
  sex: "male" | "female";
  /** Prefix 9: 外国人永久居留身份证 (assumed to use the same check, DOMAIN §7). */
  foreignPermanentResident: boolean;
}

/** Options for {@link parseIdNumber}. */
export interface ParseIdNumberOptions {
  /** The caller's "today" as `YYYY-MM-DD`; the domain has no clock. */
  today: string;
  /** Field path named in the error; defaults to `idNumber`. */
  field?: string;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = "10X98765432";
const ID_PATTERN = /^\d{17}[\dX]$/;
const LEGACY_PATTERN = /^\d{15}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** No living person was born earlier; an older year is a typo, not a person. */
const MIN_BIRTH_YEAR = 1800;

/**
 * The MOD 11-2 check character for the first 17 digits.
 * @throws DomainError (INVALID_FORMAT) when `first17` is not exactly 17 ASCII digits —
 *   a programming error, not user input.
 */
export function computeCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new DomainError({
      code: "INVALID_FORMAT",
      field: "first17",
      zh: "计算校验位需要恰好17位数字",
      en: "computeCheckChar needs exactly 17 digits",
    });
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += Number(first17.charAt(i)) * (WEIGHTS[i] ?? 0);
  }
  return CHECK_CHARS.charAt(sum % 11);
}

/**
 * Whitespace (including the full-width space) removed, full-width digits and X made ASCII,
 * lowercase x made X. People type IDs through Chinese IMEs, so these are common and harmless.
 */
function normalize(input: string): string {
  return input
    .replace(/\s+/g, "")
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[xX\uFF38\uFF58]/g, "X");
}

/** `YYYY-MM-DD` when it names a real calendar day, otherwise undefined. */
function realDate(year: string, month: string, day: string): string | undefined {
  const iso = `${year}-${month}-${day}`;
  return isLocalDate(iso) ? iso : undefined;
}

function assertToday(today: string): void {
  if (
    !ISO_DATE.test(today) ||
    realDate(today.slice(0, 4), today.slice(5, 7), today.slice(8)) === undefined
  ) {
    throw new DomainError({
      code: "CONFIG",
      field: "today",
      zh: `“今天”的日期格式应为 YYYY-MM-DD，收到的是 ${today}`,
      en: `today must be YYYY-MM-DD, got ${today}`,
    });
  }
}

function checkShape(s: string, field: string): Check<string> {
  if (s === "") {
    return fail({
      code: "REQUIRED",
      field,
      zh: "请填写18位居民身份证号码",
      en: "Enter the 18-character resident ID number",
    });
  }
  if (LEGACY_PATTERN.test(s)) {
    return fail({
      code: "LEGACY_ID_NUMBER",
      field,
      zh: "15位旧身份证号码已不再受理，请填写现用的18位身份证号码",
      en: "15-digit legacy ID numbers are no longer accepted; enter the 18-digit number",
    });
  }
  if (!/^[\dX]+$/.test(s)) {
    return fail({
      code: "INVALID_FORMAT",
      field,
      zh: "身份证号码只能由数字组成，最后一位可以是X，请检查是否混入了其他字符",
      en: "An ID number has only digits, and the last character may be X",
    });
  }
  if (!ID_PATTERN.test(s)) {
    return fail({
      code: "INVALID_FORMAT",
      field,
      zh: `身份证号码应为18位（前17位为数字，最后一位为数字或X），当前为${s.length}位，请核对`,
      en: `An ID number has 18 characters (17 digits, then a digit or X); got ${s.length}`,
    });
  }
  return ok(s);
}

function checkBirthDate(s: string, today: string, field: string): Check<string> {
  const year = s.slice(6, 10);
  const iso = realDate(year, s.slice(10, 12), s.slice(12, 14));
  if (iso === undefined || Number(year) < MIN_BIRTH_YEAR) {
    return fail({
      code: "INVALID_DATE",
      field,
      zh: `身份证号码第7–14位应为真实的出生日期（年月日），“${s.slice(6, 14)}”不是有效日期，请核对`,
      en: `Characters 7–14 must be a real birth date (YYYYMMDD); ${s.slice(6, 14)} is not`,
    });
  }
  // Both are zero-padded YYYY-MM-DD, so string order is date order.
  if (iso > today) {
    return fail({
      code: "FUTURE_DATE",
      field,
      zh: `身份证号码中的出生日期 ${iso} 晚于今天，请核对号码`,
      en: `The birth date ${iso} in the ID number is after today`,
    });
  }
  return ok(iso);
}

function checkChecksum(s: string, field: string): Check<string> {
  const expected = computeCheckChar(s.slice(0, 17));
  if (s.charAt(17) !== expected) {
    return fail({
      code: "INVALID_CHECKSUM",
      field,
      zh: "身份证号码最后一位（校验位）与前17位不符，号码中可能有错填的数字，请核对",
      en: "The last character (check digit) does not match the first 17 digits; check the number",
    });
  }
  return ok(s);
}

/**
 * Parse and validate a resident ID number.
 *
 * Refusals, in the order they are checked: REQUIRED (empty), LEGACY_ID_NUMBER (15 digits),
 * INVALID_FORMAT, INVALID_DATE (not a real day, or before 1800), FUTURE_DATE,
 * INVALID_CHECKSUM. Retired address codes are accepted.
 *
 * @throws DomainError (CONFIG) when `opts.today` is not a real `YYYY-MM-DD` date.
 */
export function parseIdNumber(input: string, opts: ParseIdNumberOptions): Check<IdNumberInfo> {
  assertToday(opts.today);
  const field = opts.field ?? "idNumber";
  const shape = checkShape(normalize(input), field);
  if (!shape.ok) return shape;
  const s = shape.value;
  const birth = checkBirthDate(s, opts.today, field);
  if (!birth.ok) return birth;
  const sum = checkChecksum(s, field);
  if (!sum.ok) return sum;
  return ok({
    normalized: s,
    addressCode: s.slice(0, 6),
    birthDate: birth.value,
    sex: Number(s.charAt(16)) % 2 === 1 ? "male" : "female",
    foreignPermanentResident: s.startsWith("9"),
  });
}

/**
 * A zod schema for API layers: accepts a string, outputs the normalized 18-character ID,
 * and reports refusals with the Chinese message (the domain code is in `params.code`).
 */
export function idNumberSchema(today: string, field = "idNumber") {
  return z.string().transform((input, ctx) => {
    const result = parseIdNumber(input, { today, field });
    if (!result.ok) {
      ctx.addIssue({
        code: "custom",
        message: result.error.zh,
        params: { code: result.error.code, en: result.error.en },
      });
      return z.NEVER;
    }
    return result.value.normalized;
  });
}
