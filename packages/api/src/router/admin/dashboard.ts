import type { TRPCRouterRecord } from "@trpc/server";
import { periodInput } from "../../inputs";
import { ADMIN_READERS } from "../../roles";
import { dashboardFigures } from "../../services/dashboard";
import { roleProcedure } from "../../trpc";

/** 数据看板: the district administrator's figures (center leads and reviewers read them too). */
export const dashboardRouter = {
  figures: roleProcedure(ADMIN_READERS)
    .input(periodInput.default({}))
    .query(({ ctx, input }) => dashboardFigures(ctx, input)),
} satisfies TRPCRouterRecord;
