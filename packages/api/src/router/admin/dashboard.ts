import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { localDate } from "../../inputs";
import { ADMIN_READERS } from "../../roles";
import { dashboardFigures } from "../../services/dashboard";
import { roleProcedure } from "../../trpc";

/** 数据看板: the district administrator's figures (center leads and reviewers read them too). */
export const dashboardRouter = {
  figures: roleProcedure(ADMIN_READERS)
    .input(
      z
        .object({ from: localDate.optional(), to: localDate.optional() })
        .refine((p) => !p.from || !p.to || p.from <= p.to, {
          message: "结束日期不能早于开始日期",
          path: ["to"],
        })
        .default({}),
    )
    .query(({ ctx, input }) => dashboardFigures(ctx, input)),
} satisfies TRPCRouterRecord;
