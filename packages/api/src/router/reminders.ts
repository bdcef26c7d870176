import { listReminders, markRemindersRead, type Reminder, unreadReminderCount } from "@bangban/db";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { localDate } from "../inputs";
import { READERS } from "../roles";
import { todayOf } from "../services/case-commands";
import { roleProcedure } from "../trpc";

/** A page of 待办提醒 at most this long. */
export const REMINDER_PAGE_MAX = 100;

const reminderId = z.string().trim().min(1, "提醒编号不正确").max(200, "提醒编号不正确");

const listInput = z
  .object({
    unreadOnly: z.boolean().default(false),
    limit: z
      .number()
      .int()
      .min(1, "每页条数应为 1 到 100")
      .max(REMINDER_PAGE_MAX, "每页条数应为 1 到 100")
      .default(50),
    /** The last reminder of the previous page. */
    before: z.object({ firesOn: localDate, id: reminderId }).optional(),
  })
  .default({ unreadOnly: false, limit: 50 });

/** What the web shows of a reminder (who it is for is the caller; not repeated). */
function view(r: Reminder) {
  return {
    id: r.id,
    rule: r.rule,
    caseId: r.caseId,
    caseNumber: r.caseNumber,
    itemName: r.itemName,
    dueOn: r.dueOn,
    firesOn: r.firesOn,
    severity: r.severity,
    textZh: r.textZh,
    textEn: r.textEn,
    readAt: r.readAt,
  };
}

/**
 * 待办提醒: the reminders the node's time rules addressed to the signed-in user. Every
 * procedure reads and marks the caller's own only; whose they are comes from the session,
 * never from the input.
 */
export const remindersRouter = {
  list: roleProcedure(READERS)
    .input(listInput)
    .query(async ({ ctx, input }) => {
      const rows = await listReminders(ctx.services.db, ctx.user.id, {
        unreadOnly: input.unreadOnly,
        limit: input.limit,
        ...(input.before ? { before: input.before } : {}),
      });
      const last = rows.at(-1);
      return {
        today: todayOf(ctx),
        rows: rows.map(view),
        unread: await unreadReminderCount(ctx.services.db, ctx.user.id),
        /** Pass as `before` for the next page; null on the last page. */
        next: last && rows.length === input.limit ? { firesOn: last.firesOn, id: last.id } : null,
      };
    }),

  /** The header's badge. */
  unreadCount: roleProcedure(READERS).query(async ({ ctx }) => ({
    unread: await unreadReminderCount(ctx.services.db, ctx.user.id),
  })),

  markRead: roleProcedure(READERS)
    .input(
      z.object({
        ids: z
          .array(reminderId)
          .min(1, "请选择要标为已读的提醒")
          .max(REMINDER_PAGE_MAX, "一次最多标记 100 条提醒"),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { db, clock } = ctx.services;
      const marked = await markRemindersRead(db, ctx.user.id, input.ids, clock().toISOString());
      return { marked, unread: await unreadReminderCount(db, ctx.user.id) };
    }),

  markAllRead: roleProcedure(READERS).mutation(async ({ ctx }) => {
    const { db, clock } = ctx.services;
    const marked = await markRemindersRead(db, ctx.user.id, "all", clock().toISOString());
    return { marked, unread: await unreadReminderCount(db, ctx.user.id) };
  }),
} satisfies TRPCRouterRecord;
