import chineseDays from "chinese-days";
import { DomainError } from "../errors";
import { addDays, assertLocalDate, type LocalDate, yearOf } from "./local-date";

/** First year chinese-days 1.5.7 has a holiday table for (node_modules/chinese-days/dist/years). */
export const BUILTIN_CALENDAR_FIRST_YEAR = 2004;
/**
 * Last year chinese-days 1.5.7 has a holiday table for (State Council notice of 2025-11-04).
 * Bump it together with the library; workdays.test.ts fails when the two disagree.
 */
export const BUILTIN_CALENDAR_LAST_YEAR = 2026;

/**
 * Working-day corrections the hub distributes, e.g. next year's 调休 as soon as the State
 * Council publishes it, or a local closure. An entry here wins over the built-in table.
 */
export interface CalendarOverrides {
  /** `"work"`: the office is open (e.g. a make-up Saturday); `"rest"`: it is closed. */
  days: Record<LocalDate, "work" | "rest">;
  /** Years whose published arrangement is fully entered in `days`, so they count as certain. */
  coveredYears: number[];
}

/** Why the clock is stopped (DOMAIN.md §3.3). */
export type PauseReason =
  | "correction"
  | "deferred_wait"
  | "publicity"
  | "hearing"
  | "testing"
  | "appraisal"
  | "expert_review"
  | "verification"
  | "deferred_grace"
  | "other";

/**
 * A stretch of time that does not count towards a deadline.
 *
 * The days in the half-open interval (`from`, `to`] are not counted:
 * - `from` itself counts: the office had the case that day (it issued the 补正 notice, say).
 * - `to` does not count: like the acceptance day, the day the supplement arrives or the
 *   hearing ends is day zero, and counting restarts the day after `to` (DOMAIN.md §3.3).
 * - `to` undefined means the pause is still open: nothing after `from` counts.
 */
export interface Pause {
  from: LocalDate;
  /** Resume day (not counted); undefined while the pause is still open. */
  to?: LocalDate;
  reason: PauseReason;
}

/**
 * Result of {@link WorkCalendar.addWorkdays}. `blocked` is true when an open pause stops
 * the clock before the n-th working day is reached: the date is then not yet knowable,
 * so it is `null` rather than a guess.
 */
export type WorkdayTarget =
  | { blocked: false; date: LocalDate; uncertain: boolean }
  | { blocked: true; date: null; uncertain: boolean };

/** Result of {@link WorkCalendar.countWorkdays}. */
export interface WorkdayCount {
  count: number;
  /** True when a day that had to be classified lies in a year nobody has published. */
  uncertain: boolean;
}

/** Result of {@link WorkCalendar.subtractWorkdays}. */
export interface WorkdayDate {
  date: LocalDate;
  uncertain: boolean;
}

type PauseState =
  | { kind: "counting" }
  | { kind: "paused"; through: LocalDate }
  | { kind: "stopped" };

/**
 * China's working-day calendar: statutory holidays are off, 调休 make-up weekend days are
 * working days (行政许可法 Art. 82, DOMAIN.md §3.1). Built on chinese-days plus overrides.
 *
 * Outside the years chinese-days covers it silently answers Monday–Friday (2027-01-01
 * comes back as a working day), so every computation reports `uncertain` when it had to
 * classify such a day; callers show that to staff instead of trusting the date.
 */
export class WorkCalendar {
  private readonly days: ReadonlyMap<LocalDate, "work" | "rest">;
  private readonly coveredYears: ReadonlySet<number>;
  /**
   * Answers already worked out. A calendar never changes (an update makes a new one), and
   * deadline arithmetic asks about the same few hundred days for every case it projects.
   */
  private readonly known = new Map<LocalDate, boolean>();

  constructor(overrides?: CalendarOverrides) {
    assertLibraryReadsDatesFaithfully();
    this.days = new Map(Object.entries(validateOverrideDays(overrides?.days ?? {})));
    this.coveredYears = new Set(validateCoveredYears(overrides?.coveredYears ?? []));
  }

  /** Whether the office works on `d`: override first, then the built-in table. */
  isWorkday(d: LocalDate): boolean {
    const known = this.known.get(d);
    if (known !== undefined) return known;
    assertLocalDate(d);
    const override = this.days.get(d);
    // isWorkday counts make-up weekends as working days; getWorkdaysInRange(…, false) would not.
    const answer = override !== undefined ? override === "work" : chineseDays.isWorkday(d);
    if (this.known.size > 20_000) this.known.clear();
    this.known.set(d, answer);
    return answer;
  }

  /**
   * Whether the classification of `d` comes from a published arrangement: its year is in
   * the built-in range or in `coveredYears`, or the hub gave an explicit entry for the day.
   */
  isCertain(d: LocalDate): boolean {
    assertLocalDate(d);
    const year = yearOf(d);
    if (year >= BUILTIN_CALENDAR_FIRST_YEAR && year <= BUILTIN_CALENDAR_LAST_YEAR) return true;
    return this.coveredYears.has(year) || this.days.has(d);
  }

  /**
   * The n-th counted working day after `start` (the start day itself is never counted, as
   * for the acceptance day). `n = 0` returns `start`. Days inside `pauses` are skipped;
   * see {@link Pause} for the exact interval.
   */
  addWorkdays(start: LocalDate, n: number, pauses: readonly Pause[] = []): WorkdayTarget {
    assertLocalDate(start, "start");
    assertDayCount(n, "n");
    assertPauses(pauses);
    let day = start;
    let counted = 0;
    let uncertain = false;
    while (counted < n) {
      day = addDays(day, 1);
      const state = pauseStateOn(day, pauses);
      if (state.kind === "stopped") return { blocked: true, date: null, uncertain };
      if (state.kind === "paused") {
        day = state.through; // jump over the pause instead of walking it
        continue;
      }
      uncertain ||= !this.isCertain(day);
      if (this.isWorkday(day)) counted += 1;
    }
    return { blocked: false, date: day, uncertain };
  }

  /**
   * Counted working days in (`fromExclusive`, `toInclusive`], skipping paused days.
   * 0 when `toInclusive` is not after `fromExclusive`.
   */
  countWorkdays(
    fromExclusive: LocalDate,
    toInclusive: LocalDate,
    pauses: readonly Pause[] = [],
  ): WorkdayCount {
    assertLocalDate(fromExclusive, "fromExclusive");
    assertLocalDate(toInclusive, "toInclusive");
    assertPauses(pauses);
    let count = 0;
    let uncertain = false;
    // Validated LocalDates sort like the calendar, so plain string comparison is safe here.
    for (let day = addDays(fromExclusive, 1); day <= toInclusive; day = addDays(day, 1)) {
      const state = pauseStateOn(day, pauses);
      if (state.kind === "stopped") break;
      if (state.kind === "paused") {
        day = state.through;
        continue;
      }
      uncertain ||= !this.isCertain(day);
      if (this.isWorkday(day)) count += 1;
    }
    return { count, uncertain };
  }

  /**
   * The working day n working days before `d` (T-n, for reminders). `n = 0` returns `d`
   * itself, even when `d` is not a working day. Pauses do not apply to looking back.
   */
  subtractWorkdays(d: LocalDate, n: number): WorkdayDate {
    assertLocalDate(d);
    assertDayCount(n, "n");
    let day = d;
    let counted = 0;
    let uncertain = false;
    while (counted < n) {
      day = addDays(day, -1);
      uncertain ||= !this.isCertain(day);
      if (this.isWorkday(day)) counted += 1;
    }
    return { date: day, uncertain };
  }
}

/** Where `day` stands against the pauses: counted, inside a closed pause, or after an open one. */
function pauseStateOn(day: LocalDate, pauses: readonly Pause[]): PauseState {
  let through: LocalDate | null = null;
  for (const p of pauses) {
    if (day <= p.from) continue;
    if (p.to === undefined) return { kind: "stopped" };
    if (day <= p.to && (through === null || p.to > through)) through = p.to;
  }
  return through === null ? { kind: "counting" } : { kind: "paused", through };
}

function assertPauses(pauses: readonly Pause[]): void {
  pauses.forEach((p, i) => {
    assertLocalDate(p.from, `pauses[${i}].from`);
    if (p.to === undefined) return;
    assertLocalDate(p.to, `pauses[${i}].to`);
    if (p.to < p.from) {
      throw new DomainError({
        code: "INVALID_DATE",
        field: `pauses[${i}].to`,
        zh: `暂停结束日期（${p.to}）不能早于暂停开始日期（${p.from}）`,
        en: `pause end ${p.to} is before its start ${p.from}`,
      });
    }
  });
}

function assertDayCount(n: number, field: string): void {
  if (Number.isSafeInteger(n) && n >= 0) return;
  throw new DomainError({
    code: "OUT_OF_RANGE",
    field,
    zh: `${field} 应为不小于 0 的整数个工作日（收到 ${n}）`,
    en: `${field} must be a non-negative whole number of working days; got ${n}`,
  });
}

function validateOverrideDays(
  days: Record<string, "work" | "rest">,
): Record<LocalDate, "work" | "rest"> {
  for (const [d, kind] of Object.entries(days)) {
    assertLocalDate(d, `overrides.days.${d}`);
    if (kind !== "work" && kind !== "rest") {
      throw configError(`overrides.days.${d}`, `应为 "work" 或 "rest"（收到 ${String(kind)}）`);
    }
  }
  return days;
}

function validateCoveredYears(years: readonly number[]): readonly number[] {
  years.forEach((y, i) => {
    if (!Number.isInteger(y) || y < 1000 || y > 9999) {
      throw configError(`overrides.coveredYears[${i}]`, `应为四位年份（收到 ${y}）`);
    }
  });
  return years;
}

function configError(field: string, zhDetail: string): DomainError {
  return new DomainError({
    code: "CONFIG",
    field,
    zh: `工作日调整表 ${field} ${zhDetail}`,
    en: `calendar override ${field} is invalid`,
  });
}

/**
 * chinese-days parses "YYYY-MM-DD" as UTC midnight but reads it back with local-time
 * getters, so in a time zone west of UTC every answer is about the previous day
 * (2026-10-12, a Monday, comes back as a rest day). Refuse to run rather than miscount.
 */
function assertLibraryReadsDatesFaithfully(): void {
  const probe = "2026-10-12";
  if (chineseDays.getDayDetail(probe).date === probe) return;
  throw new DomainError({
    code: "CONFIG",
    field: "TZ",
    zh: "当前进程时区在 UTC 以西，节假日库会错算一天；请以 TZ=Asia/Shanghai（或 UTC）运行",
    en: "chinese-days misreads dates in time zones west of UTC; run with TZ=Asia/Shanghai or UTC",
  });
}
