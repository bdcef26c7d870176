import {
  DEFAULT_RATING_STAGE,
  localDateOf,
  parseRating,
  RATING_LEVELS,
  ratingDimensions,
} from "@bangban/domain";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { asResident, recordOnCase } from "../../services/case-commands";
import { publicProcedure } from "../../trpc";
import { caseProof, proveCase } from "./case-proof";

/**
 * The only channel and stage this page records: the resident's own phone (扫码评价), rating the
 * whole matter once it is 办结 (一事一评). Sent values other than these are refused by name.
 */
const qrOnly = {
  channel: z.literal("qr", { error: "本页面只能提交扫码评价" }).default("qr"),
  stage: z
    .literal(DEFAULT_RATING_STAGE, { error: "扫码评价只评价办结环节" })
    .default(DEFAULT_RATING_STAGE),
};

/**
 * 扫码评价 (GB/T 39734 一事一评): the hub's public rating page, opened from the QR code on the
 * 受理回执 and the 送达回证 on the resident's own phone — a rating that never passes through
 * the helper's hands. The resident proves the case as for the progress query (same limiter);
 * the rating is recorded on the case at the hub as the resident's, on the qr channel, and the
 * case machine decides (only a completed case, only once, only the hub records this channel).
 */
export const publicRatingRouter = {
  /** The item and where the case stands, and what can be rated — nothing personal. */
  show: publicProcedure.input(z.object(caseProof)).query(async ({ ctx, input }) => {
    const p = await proveCase(ctx, input);
    const alreadyRated = (p.ratingChannels ?? []).some((r) => r.channel === "qr");
    return {
      itemName: p.itemName,
      status: p.status,
      canRate: p.status === "COMPLETED" && !alreadyRated,
      alreadyRated,
      levels: [...RATING_LEVELS].reverse(),
      dimensions: [...ratingDimensions.qr],
    };
  }),

  submit: publicProcedure
    .input(
      z.object({
        ...caseProof,
        ...qrOnly,
        // Checked below by the domain's rating schema, which names the field in its refusal.
        level: z.unknown(),
        dimensions: z.unknown().optional(),
        comment: z.unknown().optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { services } = ctx;
      // The rating is checked before the proof: a malformed one costs the resident no guess.
      const rating = parseRating({
        caseId: input.caseNumber,
        channel: input.channel,
        stage: input.stage,
        level: input.level,
        dimensions: input.dimensions,
        comment: input.comment,
        ratedOn: localDateOf(services.clock().toISOString()),
      });
      if (!rating.ok) throw rating.error;
      const p = await proveCase(ctx, input);
      const r = rating.value;
      await recordOnCase(asResident(ctx, services.site.id), p.caseId, "rate", {
        level: r.level,
        channel: "qr",
        stage: r.stage,
        dimensions: r.dimensions,
        comment: r.comment || undefined,
      });
      return { ok: true };
    }),
} satisfies TRPCRouterRecord;
