import dayjs from "dayjs";
import utc from "dayjs/plugin/utc";
import { DomainError } from "../errors";

// All arithmetic is done on UTC midnights so that the host's time zone (and its DST) can
// never shift a civil date. Extending dayjs is idempotent, so doing it per module is safe.
dayjs.extend(utc);

/**
 * A civil date in China Standard Time, written `YYYY-MM-DD`. It names a whole day at the
 * office, not an instant; compare two of them with {@link compareDates}, never as instants.
 */
export type LocalDate = string;

/** China has used UTC+8 all year since 1991 (no DST), so a fixed offset is exact. */
const CHINA_OFFSET_MINUTES = 8 * 60;
const LOCAL_DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;
// An instant must say which zone it is in; a bare "2026-10-10T09:00" is ambiguous.
const INSTANT_SHAPE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** True when `s` is exactly `YYYY-MM-DD` and names a real calendar day (no 2026-02-30). */
export function isLocalDate(s: string): boolean {
  if (!LOCAL_DATE_SHAPE.test(s)) return false;
  // dayjs rolls impossible days over (02-30 → 03-02); a round trip exposes that.
  return dayjs.utc(s).format("YYYY-MM-DD") === s;
}

/**
 * Throws a DomainError (INVALID_DATE) naming `field` unless `d` is a {@link LocalDate}.
 * Used at every entry point so a typo fails loudly instead of producing a wrong deadline.
 */
export function assertLocalDate(d: string, field = "date"): void {
  if (isLocalDate(d)) return;
  throw new DomainError({
    code: "INVALID_DATE",
    field,
    zh: `${field} 日期格式不正确（${d}），应为真实存在的日期，格式 YYYY-MM-DD，例如 2026-10-08`,
    en: `${field} must be a real date written YYYY-MM-DD, e.g. 2026-10-08; got "${d}"`,
  });
}

/**
 * The date in China (Asia/Shanghai) at the given ISO-8601 instant, which must carry a zone
 * (`Z` or `±hh:mm`). `2026-09-30T16:30:00Z` is already 2026-10-01 in China.
 */
export function localDateOf(instantIso: string): LocalDate {
  const instant = INSTANT_SHAPE.test(instantIso) ? new Date(instantIso) : new Date(Number.NaN);
  if (Number.isNaN(instant.getTime())) {
    throw new DomainError({
      code: "INVALID_DATE",
      field: "instant",
      zh: `时间格式不正确（${instantIso}），应为带时区的 ISO 时间，例如 2026-10-08T09:30:00+08:00`,
      en: `expected an ISO-8601 instant with a zone, e.g. 2026-10-08T09:30:00+08:00; got "${instantIso}"`,
    });
  }
  return dayjs.utc(instant).utcOffset(CHINA_OFFSET_MINUTES).format("YYYY-MM-DD");
}

/** `d` moved by `n` natural days (negative `n` goes back). */
export function addDays(d: LocalDate, n: number): LocalDate {
  assertLocalDate(d);
  assertWholeNumber(n, "n");
  return dayjs.utc(d).add(n, "day").format("YYYY-MM-DD");
}

/** -1 when `a` is before `b`, 0 when they are the same day, 1 when `a` is after `b`. */
export function compareDates(a: LocalDate, b: LocalDate): -1 | 0 | 1 {
  assertLocalDate(a, "a");
  assertLocalDate(b, "b");
  // The fixed-width format sorts like the calendar, so string order is date order.
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Natural days from `a` to `b` (`b - a`); negative when `b` is earlier. */
export function diffDays(a: LocalDate, b: LocalDate): number {
  assertLocalDate(a, "a");
  assertLocalDate(b, "b");
  return dayjs.utc(b).diff(dayjs.utc(a), "day");
}

/** The calendar year of `d`. */
export function yearOf(d: LocalDate): number {
  assertLocalDate(d);
  return Number(d.slice(0, 4));
}

function assertWholeNumber(n: number, field: string): void {
  if (Number.isSafeInteger(n)) return;
  throw new DomainError({
    code: "OUT_OF_RANGE",
    field,
    zh: `${field} 应为整数天数（收到 ${n}）`,
    en: `${field} must be a whole number of days; got ${n}`,
  });
}
