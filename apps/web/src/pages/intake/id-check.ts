import { type IdNumberInfo, parseIdNumber } from "@bangban/domain";

export type IdFeedback =
  | { kind: "empty" }
  /** Still typing: only digits so far, fewer than 18. */
  | { kind: "typing"; count: number }
  | { kind: "ok"; info: IdNumberInfo }
  | { kind: "error"; zh: string; en: string; code: string };

const fullWidthDigits = /[\uFF10-\uFF19]/g;

/**
 * The ID number checked as it is typed: no error while a plausible number is still being
 * entered (digits only, fewer than 18), the domain's exact refusal otherwise.
 * With `finished` (on leaving the field, on submit) a short number is refused too.
 */
export function idFeedback(input: string | undefined, today: string, finished = false): IdFeedback {
  const s = (input ?? "").replace(/\s+/g, "");
  if (s === "") return { kind: "empty" };
  const ascii = s.replace(fullWidthDigits, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (!finished && /^\d{1,17}$/.test(ascii)) return { kind: "typing", count: ascii.length };
  const r = parseIdNumber(s, { today });
  if (r.ok) return { kind: "ok", info: r.value };
  return { kind: "error", zh: r.error.zh, en: r.error.en, code: r.error.code };
}
