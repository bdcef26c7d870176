import { createHash, timingSafeEqual } from "node:crypto";
import { getCaseByNumber, getSite } from "@bangban/db";
import { caseStatusLabels, DomainError, maskName } from "@bangban/domain";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { beginAttempt } from "../../auth/attempt";
import type { ApiContext } from "../../context";
import { publicProcedure } from "../../trpc";

const LOOKUP = { field: "caseNumber", zh: "查询", en: "lookups" };

/** One answer for an unknown number and for wrong digits. */
function notFound(): DomainError {
  return new DomainError({
    code: "NOT_ELIGIBLE",
    field: "caseNumber",
    zh: "未查到该办件，请核对办件编号和手机号后四位",
    en: "No case matches this number and phone digits",
  });
}

function sameDigits(a: string, b: string): boolean {
  // Equal-length digests, so the comparison takes the same time whatever the digits.
  const h = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(h(a), h(b));
}

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
  progress: publicProcedure
    .input(
      z.object({
        caseNumber: z.string().trim().min(1, "请填写办件编号").max(40, "办件编号不正确"),
        phoneLast4: z
          .string()
          .trim()
          .regex(/^\d{4}$/, "请填写手机号后四位数字"),
      }),
    )
    .query(async ({ ctx, input }) => {
      const { services, req } = ctx;
      // Counted before the lookup: parallel guesses cannot all run before one is counted.
      const attempt = beginAttempt(
        services,
        `progress-case:${input.caseNumber}`,
        `progress-ip:${req.ip}`,
        LOOKUP,
      );
      const p = await getCaseByNumber(services.db, input.caseNumber);
      const match = sameDigits(p?.phoneLast4 ?? "", input.phoneLast4) && p !== null;
      if (!p || !match) throw notFound();
      attempt.succeed();
      return {
        status: p.status,
        statusLabel: caseStatusLabels[p.status].zh,
        statusLabelEn: caseStatusLabels[p.status].en,
        dueOn: p.dueOn,
        ...(await resultWhereabouts(services, p.caseId, p.status)),
      };
    }),
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
