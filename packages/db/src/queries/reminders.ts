import { DomainError, type DomainErrorCode, isLocalDate } from "@bangban/domain";
import { and, count, desc, eq, inArray, isNull, lt, or, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { REMINDER_SEVERITIES, reminders as r } from "../schema";

/** A reminder as stored, with when its recipient read it (null: unread). */
export type Reminder = typeof r.$inferSelect;
export type ReminderSeverity = (typeof REMINDER_SEVERITIES)[number];

/** What the scheduler hands over: one reminder for one recipient (the shared contract of #14). */
export interface NewReminder {
  /** Deterministic: `${rule}.${caseId}.${firesOn}.${recipientUserId}`; insert is idempotent. */
  id: string;
  /** The time rule that fired (rongque.remind, deadline.yellow, …). */
  rule: string;
  caseId: string;
  caseNumber: string;
  itemName: string;
  /** The node's site the recipient works at. */
  siteId: string;
  recipientUserId: string;
  /** `YYYY-MM-DD`: what the reminder is about falls due on this day. */
  dueOn: string;
  /** `YYYY-MM-DD`: the day the reminder became due. */
  firesOn: string;
  severity: ReminderSeverity;
  textZh: string;
  textEn: string;
  /** ISO instant. */
  createdAt: string;
}

/** Where a page of reminders ended: the next page starts after it. */
export interface ReminderCursor {
  firesOn: string;
  id: string;
}

export interface ListRemindersOptions {
  unreadOnly?: boolean;
  limit: number;
  /** Only reminders older than this one (the last row of the previous page). */
  before?: ReminderCursor;
}

/**
 * SQLite binds at most 32,766 parameters per statement; 14 columns a row, 500 rows a
 * statement stays well below and a scheduler pass rarely has more.
 */
const ROWS_PER_STATEMENT = 500;

function invalid(code: DomainErrorCode, field: string, zh: string, en: string): DomainError {
  return new DomainError({ code, field, zh, en });
}

function check(row: NewReminder, i: number): void {
  const at = `reminders[${i}]`;
  if (!row.id) throw invalid("REQUIRED", `${at}.id`, "提醒缺少编号", "a reminder needs an id");
  if (!row.recipientUserId) {
    throw invalid(
      "REQUIRED",
      `${at}.recipientUserId`,
      "提醒缺少接收人",
      "a reminder needs a recipient",
    );
  }
  for (const f of ["dueOn", "firesOn"] as const) {
    if (!isLocalDate(row[f])) {
      throw invalid(
        "INVALID_DATE",
        `${at}.${f}`,
        `提醒的日期应为 YYYY-MM-DD，收到 ${row[f]}`,
        `expected a YYYY-MM-DD date, got ${row[f]}`,
      );
    }
  }
  if (!REMINDER_SEVERITIES.includes(row.severity)) {
    throw invalid(
      "INVALID_FORMAT",
      `${at}.severity`,
      `提醒的紧急程度无效：${row.severity}`,
      `unknown severity ${row.severity}`,
    );
  }
}

/**
 * Stores reminders, skipping those already stored (same id), all in one transaction.
 * Returns how many were new. A malformed row is refused before anything is written.
 */
export async function addReminders(db: Db, rows: NewReminder[]): Promise<number> {
  rows.forEach(check);
  const statements = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT).map((row) => ({ ...row, readAt: null }));
    // ON CONFLICT DO NOTHING returns only the rows it inserted.
    statements.push(db.orm.insert(r).values(chunk).onConflictDoNothing().returning({ id: r.id }));
  }
  const [first, ...more] = statements;
  if (!first) return 0;
  const results = await db.orm.batch([first, ...more]);
  return results.reduce((n, inserted) => n + inserted.length, 0);
}

function olderThan(c: ReminderCursor): SQL {
  return or(lt(r.firesOn, c.firesOn), and(eq(r.firesOn, c.firesOn), lt(r.id, c.id))) as SQL;
}

/** A user's reminders, newest first (by the day they became due), a page at a time. */
export async function listReminders(
  db: Db,
  userId: string,
  opts: ListRemindersOptions,
): Promise<Reminder[]> {
  const where = [eq(r.recipientUserId, userId)];
  if (opts.unreadOnly) where.push(isNull(r.readAt));
  if (opts.before) where.push(olderThan(opts.before));
  return db.orm
    .select()
    .from(r)
    .where(and(...where))
    .orderBy(desc(r.firesOn), desc(r.id))
    .limit(opts.limit);
}

/** How many of a user's reminders are unread (the header's badge). */
export async function unreadReminderCount(db: Db, userId: string): Promise<number> {
  const [row] = await db.orm
    .select({ n: count() })
    .from(r)
    .where(and(eq(r.recipientUserId, userId), isNull(r.readAt)));
  return row?.n ?? 0;
}

/**
 * Marks a user's reminders read at `at`: the given ids, or all. Only the user's own rows
 * change (another user's id is ignored) and a reminder read before keeps its first time.
 * Returns how many were marked now.
 */
export async function markRemindersRead(
  db: Db,
  userId: string,
  ids: readonly string[] | "all",
  at: string,
): Promise<number> {
  if (ids !== "all" && ids.length === 0) return 0;
  const where = [eq(r.recipientUserId, userId), isNull(r.readAt)];
  if (ids !== "all") where.push(inArray(r.id, [...ids]));
  const marked = await db.orm
    .update(r)
    .set({ readAt: at })
    .where(and(...where))
    .returning({ id: r.id });
  return marked.length;
}
