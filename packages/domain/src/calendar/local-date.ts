import { DomainError } from "../errors";

// All arithmetic is done on day numbers (days since 1970-01-01, the UTC midnights), so the
// host's time zone (and its DST) can never shift a civil date. No date library: these run
// for every case a hub stores (deadline, colour), and a formatting round trip through dayjs
// was a tenth of the projection's cost.

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
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7));
  const d = Number(s.slice(8, 10));
  return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a checked `YYYY-MM-DD` (setUTCFullYear: years below 100 too). */
function dayNumber(d: LocalDate): number {
  const t = new Date(0);
  t.setUTCFullYear(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round(t.getTime() / DAY_MS);
}

function fromDayNumber(n: number): LocalDate {
  const t = new Date(n * DAY_MS);
  const y = t.getUTCFullYear();
  const m = t.getUTCMonth() + 1;
  const d = t.getUTCDate();
  return `${String(y).padStart(4, "0")}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}`;
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
  return fromDayNumber(Math.floor((instant.getTime() + CHINA_OFFSET_MINUTES * 60_000) / DAY_MS));
}

/** `d` moved by `n` natural days (negative `n` goes back). */
export function addDays(d: LocalDate, n: number): LocalDate {
  assertLocalDate(d);
  assertWholeNumber(n, "n");
  return fromDayNumber(dayNumber(d) + n);
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
  return dayNumber(b) - dayNumber(a);
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
