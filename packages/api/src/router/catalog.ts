import { latestCatalog } from "@bangban/db";
import { DomainError } from "@bangban/domain";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { publicProcedure } from "../trpc";

/** 办事指南: the catalog is public (四个公开); staff and residents read the same guide. */
export const catalogRouter = {
  list: publicProcedure
    .input(
      z
        .object({ assistOnly: z.boolean().default(false), q: z.string().trim().max(50).optional() })
        .default({ assistOnly: false }),
    )
    .query(async ({ ctx, input }) => {
      const items = await latestCatalog(ctx.services.db);
      const q = input.q?.toLowerCase();
      return items
        .filter((i) => !input.assistOnly || i.stationAssist)
        .filter((i) => !q || i.name.toLowerCase().includes(q) || i.code.toLowerCase().includes(q))
        .sort((a, b) => a.code.localeCompare(b.code));
    }),

  get: publicProcedure
    .input(z.object({ code: z.string().trim().min(1).max(32) }))
    .query(async ({ ctx, input }) => {
      const item = (await latestCatalog(ctx.services.db)).find((i) => i.code === input.code);
      if (!item)
        throw new DomainError({
          code: "NOT_ELIGIBLE",
          field: "code",
          zh: "事项不存在",
          en: "No such item",
        });
      return item;
    }),
} satisfies TRPCRouterRecord;
