import { isLocalDate } from "@bangban/domain";
import type { MessageKey } from "../../i18n/zh";

/** One row of the 工作日调整表: a day and whether the office works on it. */
export interface OverrideRow {
  date: string;
  kind: "work" | "rest";
}

/** What the table holds while it is edited (saved as a whole with the version it started from). */
export interface CalendarDraft {
  rows: OverrideRow[];
  coveredYears: number[];
  version: number;
}

/** The stored table (admin.calendar.get) as rows in date order. */
export function draftOf(stored: {
  overrides: { days: Record<string, "work" | "rest">; coveredYears: number[] };
  version: number;
}): CalendarDraft {
  const rows = Object.entries(stored.overrides.days)
    .map(([date, kind]) => ({ date, kind }))
    .sort((a, b) => a.date.localeCompare(b.date));
  return { rows, coveredYears: [...stored.overrides.coveredYears], version: stored.version };
}

/** 周一 … 周日: the message key of a day's weekday (the date is read in the calendar, not a zone). */
export function weekdayKey(date: string): MessageKey {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return `calendar.weekday.${day}` as MessageKey;
}

/** Saturday or Sunday: 上班 on one is a 调休 make-up day, 休息 on a weekday a holiday. */
export function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

export type RowCheck = { ok: true; rows: OverrideRow[] } | { ok: false; error: MessageKey };

/** Adds a row, or says why not (a date that is not a real YYYY-MM-DD day, or listed already). */
export function addRow(rows: readonly OverrideRow[], row: OverrideRow): RowCheck {
  const date = row.date.trim();
  if (!isLocalDate(date)) return { ok: false, error: "calendar.dateFormat" };
  if (rows.some((r) => r.date === date)) return { ok: false, error: "calendar.dateListed" };
  const next = [...rows, { date, kind: row.kind }].sort((a, b) => a.date.localeCompare(b.date));
  return { ok: true, rows: next };
}

export function removeRow(rows: readonly OverrideRow[], date: string): OverrideRow[] {
  return rows.filter((r) => r.date !== date);
}

export type YearsCheck = { ok: true; years: number[] } | { ok: false; bad: string };

/** 已覆盖年份 as typed (tags): four-digit years, sorted, each once; the first bad one named. */
export function parseYears(values: readonly (string | number)[]): YearsCheck {
  const years = new Set<number>();
  for (const v of values) {
    const s = String(v).trim();
    if (!/^\d{4}$/.test(s)) return { ok: false, bad: s };
    years.add(Number(s));
  }
  return { ok: true, years: [...years].sort((a, b) => a - b) };
}

/** The admin.calendar.update input: the whole table, checked against the version it came from. */
export function updateInput(draft: CalendarDraft) {
  return {
    days: Object.fromEntries(draft.rows.map((r) => [r.date, r.kind])),
    coveredYears: draft.coveredYears,
    expectedVersion: draft.version,
  };
}

/**
 * Which row or setting a server refusal is about, to show beside it: `days.2027-02-30` names
 * a row's date, `coveredYears[0]` the years, `expectedVersion` a table changed meanwhile.
 */
export function refusedAt(
  field: string | null,
): { kind: "row"; date: string } | { kind: "years" } | { kind: "table" } {
  const row = field?.match(/^days\.(.+)$/);
  if (row?.[1]) return { kind: "row", date: row[1] };
  if (field?.startsWith("coveredYears")) return { kind: "years" };
  return { kind: "table" };
}
