import { DomainError, ratingDimensions } from "@bangban/domain";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { asResident, recordOnCase } from "../services/case-commands";
import { publicProcedure } from "../trpc";

const token = z.string().min(10, "评价链接无效").max(64, "评价链接无效");

function expired(): DomainError {
  return new DomainError({
    code: "NOT_ELIGIBLE",
    field: "token",
    zh: "评价链接已失效，请工作人员重新打开评价屏",
    en: "This rating invitation has expired",
  });
}

/**
 * The resident-facing rating screen (好差评). The resident rates on their own screen with a
 * one-time invitation; the journal records the rating as the resident's, and staff views
 * never show who rated.
 */
export const ratingRouter = {
  show: publicProcedure.input(z.object({ token })).query(async ({ ctx, input }) => {
    const invite = ctx.services.ratingInvites.peek(input.token, ctx.services.clock().getTime());
    if (!invite) throw expired();
    const view = await ctx.services.repo.get(invite.caseId);
    if (!view) throw expired();
    return {
      itemName: view.state.item.name,
      caseNumber: view.record.caseNumber,
      siteName: ctx.services.site.name,
      dimensions: ratingDimensions.offline,
      alreadyRated: view.state.ratings.some(
        (r) => r.channel === "offline" && r.stage === "completion",
      ),
    };
  }),

  submit: publicProcedure
    .input(
      z.object({
        token,
        level: z.number().int().min(1, "请选择评价等级").max(5, "请选择评价等级"),
        dimensions: z.record(z.string(), z.number().int().min(1).max(5)).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const now = ctx.services.clock().getTime();
      const invite = ctx.services.ratingInvites.consume(input.token, now);
      if (!invite) throw expired();
      await recordOnCase(asResident(ctx, invite.siteId), invite.caseId, "rate", {
        level: input.level,
        channel: "offline",
        stage: "completion",
        dimensions: input.dimensions,
      });
      return { ok: true };
    }),
} satisfies TRPCRouterRecord;
