import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { periodInput } from "../inputs";
import { ADMIN_READERS } from "../roles";
import type { AuthedContext } from "../services/case-commands";
import {
  districtFigures,
  districtFreshness,
  districtRedCases,
  districtStaffFigures,
} from "../services/district";
import { roleProcedure } from "../trpc";

const streetCode = z
  .string()
  .trim()
  .regex(/^\d{9}$/, "街道代码应为 9 位数字");
const siteCode = z
  .string()
  .trim()
  .regex(/^\d{9}(\d{3})?$/, "站点代码应为 9 位（街道中心）或 12 位（社区站）数字");

const redCasesInput = z.object({
  colour: z.enum(["red", "yellow"]).default("red"),
  streetId: streetCode.optional(),
  siteId: siteCode.optional(),
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).default(0),
});

/**
 * 区级汇总: the district administrator's figures across streets, served by a district node
 * only (elsewhere each procedure answers with a typed NOT_ALLOWED naming `site`).
 */
export const districtRouter = {
  figures: roleProcedure(ADMIN_READERS)
    .input(periodInput.default({}))
    .query(({ ctx, input }) => districtFigures(ctx, input)),
  staff: roleProcedure(ADMIN_READERS)
    .input(periodInput.default({}))
    .query(({ ctx, input }) => districtStaffFigures(ctx as AuthedContext, input)),
  redCases: roleProcedure(ADMIN_READERS)
    .input(redCasesInput.default({ colour: "red", limit: 50, offset: 0 }))
    .query(({ ctx, input }) => districtRedCases(ctx, input)),
  freshness: roleProcedure(ADMIN_READERS).query(({ ctx }) => districtFreshness(ctx)),
} satisfies TRPCRouterRecord;
