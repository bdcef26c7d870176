import { stationInbox } from "@bangban/db";
import type { TRPCRouterRecord } from "@trpc/server";
import { RECEIVERS } from "../roles";
import { todayOf } from "../services/case-commands";
import { listRow, syncStateOf, unsentOf } from "../services/views";
import { roleProcedure } from "../trpc";

/**
 * 待本站处理: the cases that need this node's own site now — transferred here, results to hand
 * over here, 容缺 materials owed — read from the projections. A station's helpers see it in
 * their menu; at the hub it is the center's own (results handed over at the center).
 */
export const inboxRouter = {
  list: roleProcedure(RECEIVERS).query(async ({ ctx }) => {
    const { db, site, calendar } = ctx.services;
    const today = todayOf(ctx);
    const inbox = await stationInbox(db, site.id);
    const shown = [inbox.transferred, inbox.pickup, inbox.promises, inbox.toForward].flat();
    const unsent = await unsentOf(
      ctx,
      shown.map((r) => r.caseId),
    );
    const rows = (list: typeof inbox.transferred) =>
      list.map((r) => ({
        ...listRow(r, today, calendar.get()),
        syncState: syncStateOf(unsent, r.caseId),
        /** A promised material is overdue once today is past its date (DOMAIN §4). */
        promiseOverdue: r.promiseDueOn !== null && r.promiseDueOn < today,
        /** The last day to forward it to the center; red once today is past it (DOMAIN §2). */
        forwardDueOn: r.forwardDueOn,
        forwardLate: r.forwardDueOn !== null && r.forwardDueOn < today,
      }));
    return {
      today,
      siteId: site.id,
      transferred: rows(inbox.transferred),
      pickup: rows(inbox.pickup),
      promises: rows(inbox.promises),
      toForward: rows(inbox.toForward),
      counts: {
        transferred: inbox.transferred.length,
        pickup: inbox.pickup.length,
        promises: inbox.promises.length,
        toForward: inbox.toForward.length,
        total: inbox.total,
      },
    };
  }),
} satisfies TRPCRouterRecord;
