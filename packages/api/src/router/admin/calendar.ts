import { getCalendarOverrides, saveCalendarOverrides } from "@bangban/db";
import {
  BUILTIN_CALENDAR_FIRST_YEAR,
  BUILTIN_CALENDAR_LAST_YEAR,
  type CalendarOverrides,
  DomainError,
  WorkCalendar,
} from "@bangban/domain";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { ADMIN_READERS, ADMINS } from "../../roles";
import { auditEntry } from "../../services/case-commands";
import { roleProcedure } from "../../trpc";
import { type AdminContext, districtOwns, refusal } from "./shared";

const MAX_DAYS = 2000;

/** Builds the calendar, which refuses bad dates and years; fields name the input's. */
function calendarOf(overrides: CalendarOverrides): WorkCalendar {
  try {
    return new WorkCalendar(overrides);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    const field = e.field.replace(/^overrides\./, "");
    throw new DomainError({ code: e.code, field, zh: e.zh, en: e.en });
  }
}

/** Days whose entry differs between two tables (for the audit line). */
function changedDays(before: CalendarOverrides | null, after: CalendarOverrides): string[] {
  const old = before?.days ?? {};
  const keys = new Set([...Object.keys(old), ...Object.keys(after.days)]);
  return [...keys].filter((d) => old[d] !== after.days[d]).sort();
}

/**
 * 工作日调整表 (hub): corrections to the built-in holiday table — next year's 调休 once the
 * State Council publishes it, a local closure. Versioned; stations receive it with the catalog.
 */
export const adminCalendarRouter = {
  get: roleProcedure(ADMIN_READERS).query(async ({ ctx }) => {
    const stored = await getCalendarOverrides(ctx.services.db);
    return {
      overrides: stored.overrides ?? { days: {}, coveredYears: [] },
      version: stored.version,
      builtinYears: { first: BUILTIN_CALENDAR_FIRST_YEAR, last: BUILTIN_CALENDAR_LAST_YEAR },
    };
  }),

  /** Replaces the whole table; the node's open cases are re-projected with it at once. */
  update: roleProcedure(ADMINS)
    .input(
      z.object({
        days: z
          .record(
            z.string().max(10, "日期格式应为 YYYY-MM-DD"),
            z.enum(["work", "rest"], { message: "每一天应标为 work（上班）或 rest（休息）" }),
          )
          .refine((d) => Object.keys(d).length <= MAX_DAYS, `调整表最多 ${MAX_DAYS} 天`),
        coveredYears: z
          .array(z.number({ message: "年份应为四位数字" }))
          .max(50)
          .default([]),
        expectedVersion: z.number().int().min(0).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const c = ctx as AdminContext;
      await districtOwns(c, "calendar", "工作日历");
      const stored = await getCalendarOverrides(c.services.db);
      if (input.expectedVersion !== undefined && input.expectedVersion !== stored.version) {
        throw refusal(
          "NOT_ELIGIBLE",
          "expectedVersion",
          `工作日调整表已被他人修改（当前第 ${stored.version} 版），请刷新后再修改`,
          `The table changed meanwhile (now version ${stored.version}); reload and retry`,
        );
      }
      const overrides: CalendarOverrides = {
        days: Object.fromEntries(Object.entries(input.days).sort(([a], [b]) => a.localeCompare(b))),
        coveredYears: [...new Set(input.coveredYears)].sort((a, b) => a - b),
      };
      const calendar = calendarOf(overrides);
      const changed = changedDays(stored.overrides, overrides);
      const version = await saveCalendarOverrides(c.services.db, overrides, [
        auditEntry(c, "calendar.update", null, {
          changedDays: changed.slice(0, 100),
          changedCount: changed.length,
          coveredYears: overrides.coveredYears,
        }),
      ]);
      c.services.calendar.set(calendar);
      // Open cases' due dates move now, in the background: the save does not wait for them.
      c.services.deadlines.refreshInBackground();
      return { overrides, version };
    }),
} satisfies TRPCRouterRecord;
