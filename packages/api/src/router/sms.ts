import { listSmsLog } from "@bangban/db";
import { type Role, SMS_LOG_READERS } from "@bangban/domain";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { roleProcedure, TRPCError } from "../trpc";

/** A node's leads only (SMS_LOG_READERS): the role list alone would let the other node's in. */
const smsLogProcedure = roleProcedure([...SMS_LOG_READERS.station, ...SMS_LOG_READERS.hub]).use(
  ({ ctx, next }) => {
    const readers: readonly Role[] = SMS_LOG_READERS[ctx.services.nodeRole];
    if (!readers.includes(ctx.user.role)) {
      throw new TRPCError({
        code: "FORBIDDEN",
        message: `Role ${ctx.user.role} may not read this node's SMS log`,
        cause: Object.assign(new Error("sms log"), {
          apiData: {
            code: "NOT_ALLOWED",
            field: "role",
            zh: "短信通知记录仅供本节点负责人查看",
            en: `Role ${ctx.user.role} may not read this node's SMS log`,
          },
        }),
      });
    }
    return next();
  },
);

/** 短信通知记录: what the node's time rules would have texted residents (phones masked). */
export const smsRouter = {
  log: smsLogProcedure
    .input(
      z
        .object({
          limit: z
            .number()
            .int()
            .min(1, "每页条数应为 1 到 100")
            .max(100, "每页条数应为 1 到 100")
            .default(50),
          before: z
            .object({
              sentAt: z.iso.datetime({ offset: true, message: "时间格式不正确" }),
              id: z.string().min(1).max(200),
            })
            .optional(),
        })
        .default({ limit: 50 }),
    )
    .query(async ({ ctx, input }) => {
      const rows = await listSmsLog(ctx.services.db, {
        limit: input.limit,
        ...(input.before ? { before: input.before } : {}),
      });
      const last = rows.at(-1);
      return {
        rows,
        next: last && rows.length === input.limit ? { sentAt: last.sentAt, id: last.id } : null,
      };
    }),
} satisfies TRPCRouterRecord;
