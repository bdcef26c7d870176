import { z } from "zod";
import { type Check, fail, ok } from "../errors";

/**
 * Mainland phone numbers, see DOMAIN.md §7.
 * Mobile `^(\+?86)?1[3-9]\d{9}$`; landline `^0\d{2,3}-?\d{7,8}(-\d{1,6})?$`.
 */

/** A valid phone number. */
export interface PhoneInfo {
  kind: "mobile" | "landline";
  /**
   * Mobile: the 11 digits, without `+86`/`86`.
   * Landline: `区号-号码` or `区号-号码-分机`, hyphens put in the standard places.
   */
  normalized: string;
}

/** The parts of a landline number. */
export interface LandlineParts {
  /** With the leading 0: `010`, `0755`. */
  areaCode: string;
  local: string;
  extension?: string;
}

const MOBILE = /^(\+?86)?1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;
const LANDLINE_HYPHENATED = /^(0\d{2,3})-(\d{7,8})(?:-(\d{1,6}))?$/;
const LANDLINE_COMPACT = /^(0\d{9,11})(?:-(\d{1,6}))?$/;

/** Whitespace removed and full-width digits/plus/hyphen made ASCII (Chinese IME input). */
function clean(input: string): string {
  return input
    .replace(/\s+/g, "")
    .replace(/[\uFF10-\uFF19\uFF0B\uFF0D]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * Split a landline number already known to match the landline pattern. Without a hyphen the
 * area code length is inferred: 010 and 02X are the only 3-digit area codes, all others have 4.
 */
export function splitLandline(s: string): LandlineParts | undefined {
  const h = LANDLINE_HYPHENATED.exec(s);
  if (h?.[1] !== undefined && h[2] !== undefined) {
    return { areaCode: h[1], local: h[2], ...(h[3] ? { extension: h[3] } : {}) };
  }
  const c = LANDLINE_COMPACT.exec(s);
  const digits = c?.[1];
  if (digits === undefined) return undefined;
  const preferred = /^0[12]/.test(digits) ? 3 : 4;
  const fits = (n: number) => digits.length - n >= 7 && digits.length - n <= 8;
  const areaLen = fits(preferred) ? preferred : 7 - preferred;
  if (!fits(areaLen)) return undefined;
  return {
    areaCode: digits.slice(0, areaLen),
    local: digits.slice(areaLen),
    ...(c?.[2] ? { extension: c[2] } : {}),
  };
}

function joinLandline(p: LandlineParts): string {
  return [p.areaCode, p.local, p.extension].filter((x) => x !== undefined).join("-");
}

function formatError(s: string, field: string): Check<PhoneInfo> {
  // Checked first: counting only the digits of "138abcd1234" would report "7 digits".
  if (/[^\d+-]/.test(s)) {
    return fail({
      code: "INVALID_FORMAT",
      field,
      zh: "联系电话只能填写数字（固定电话的区号后可加“-”），不能含字母或其他字符，请核对",
      en: "A phone number has digits only (a hyphen after a landline's area code); no letters or other characters",
    });
  }
  const digits = s.replace(/\D/g, "");
  if (/^1\d*$/.test(digits) && digits.length !== 11) {
    return fail({
      code: "INVALID_FORMAT",
      field,
      zh: `手机号码应为11位数字，当前为${digits.length}位，请核对`,
      en: `A mobile number has 11 digits; got ${digits.length}`,
    });
  }
  return fail({
    code: "INVALID_FORMAT",
    field,
    zh: "电话号码格式不正确：手机号码为以1开头的11位数字；固定电话为区号加号码，如 010-12345678，请核对后重新填写",
    en: "Not a phone number: a mobile has 11 digits starting with 1; a landline is area code + number, e.g. 010-12345678",
  });
}

/**
 * Parse a mobile or landline number. Spaces are ignored; hyphens are ignored for mobiles
 * (`138-1234-5678`). Refusals: REQUIRED (empty), INVALID_FORMAT.
 */
export function parsePhone(input: string, field = "phone"): Check<PhoneInfo> {
  const s = clean(input);
  if (s === "") {
    return fail({ code: "REQUIRED", field, zh: "请填写联系电话", en: "Enter a phone number" });
  }
  const mobile = s.replace(/-/g, "");
  if (MOBILE.test(mobile)) return ok({ kind: "mobile", normalized: mobile.slice(-11) });
  const parts = LANDLINE.test(s) ? splitLandline(s) : undefined;
  if (parts) return ok({ kind: "landline", normalized: joinLandline(parts) });
  return formatError(s, field);
}

/**
 * The last four digits of the number itself (an extension is not part of it), e.g. for
 * "尾号5678" confirmations. For input that is not a phone number: the last four digits found,
 * or fewer if there are fewer.
 */
export function lastFour(phone: string): string {
  const parsed = parsePhone(phone);
  if (parsed.ok && parsed.value.kind === "landline") {
    const parts = splitLandline(parsed.value.normalized);
    if (parts) return parts.local.slice(-4);
  }
  const source = parsed.ok ? parsed.value.normalized : clean(phone);
  return source.replace(/\D/g, "").slice(-4);
}

/**
 * A zod schema for API layers: accepts a string, outputs the normalized number, and reports
 * refusals with the Chinese message (the domain code is in `params.code`).
 */
export function phoneSchema(field = "phone") {
  return z.string().transform((input, ctx) => {
    const result = parsePhone(input, field);
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
