import { listSites } from "@bangban/db";
import type { TRPCRouterRecord } from "@trpc/server";
import { authedProcedure } from "../trpc";

/** The street's sites (for transfer and pick-up choices). */
export const sitesRouter = {
  list: authedProcedure.query(({ ctx }) => listSites(ctx.services.db)),
} satisfies TRPCRouterRecord;
