import { getSite } from "@bangban/db";
import { caseStatusLabels, maskName } from "@bangban/domain";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import type { ApiContext } from "../../context";
import { publicProcedure } from "../../trpc";
import { caseProof, proveCase } from "./case-proof";
import { publicRatingRouter } from "./public-rating";

/**
 * What anyone may read without signing in at the hub. The 办事指南 is the catalog router,
 * already public; this adds the progress query behind the receipt's QR code.
 */
export const publicRouter = {
  /**
   * 办件进度: the case number plus the last four digits of the applicant's phone give the
   * status and due date — nothing personal. A wrong number and wrong digits get the same
   * answer, and failures are limited per case number, with a ceiling per client address, so the query
   * cannot be used to find out which case numbers exist or to guess the digits.
   */
  progress: publicProcedure.input(z.object(caseProof)).query(async ({ ctx, input }) => {
    const p = await proveCase(ctx, input);
    return {
      status: p.status,
      statusLabel: caseStatusLabels[p.status].zh,
      statusLabelEn: caseStatusLabels[p.status].en,
      dueOn: p.dueOn,
      ...(await resultWhereabouts(ctx.services, p.caseId, p.status)),
    };
  }),
  /** 扫码评价: the resident's own rating, behind the QR code on the receipt and the result notice. */
  rating: publicRatingRouter,
} satisfies TRPCRouterRecord;

/** The place's name as residents know it, or its code when this node does not know it. */
async function siteName(services: ApiContext["services"], id: string): Promise<string> {
  return (await getSite(services.db, id))?.name ?? id;
}

/**
 * Where the result waits and since when (待出件), or who collected it, where and when (办结):
 * the collector's name masked, as everything this public answer carries.
 */
async function resultWhereabouts(
  services: ApiContext["services"],
  caseId: string,
  status: string,
): Promise<{
  waiting: { siteName: string; since: string } | null;
  collected: { how: "self" | "collector"; nameMasked: string; at: string; siteName: string } | null;
}> {
  const none = { waiting: null, collected: null };
  if (status !== "READY_FOR_PICKUP" && status !== "COMPLETED") return none;
  const view = await services.repo.get(caseId);
  if (!view) return none;
  const s = view.state;
  if (status === "READY_FOR_PICKUP") {
    const site = s.pickupSiteId ?? s.handlingSiteId;
    return {
      waiting: { siteName: await siteName(services, site), since: s.issuedAt ?? s.decidedAt ?? "" },
      collected: null,
    };
  }
  const h = s.handover;
  if (!h) return none;
  const name = h.how === "collector" && h.collector ? h.collector.name : view.record.applicant.name;
  return {
    waiting: null,
    collected: {
      how: h.how,
      nameMasked: maskName(name),
      at: h.at,
      siteName: await siteName(services, h.siteId),
    },
  };
}
