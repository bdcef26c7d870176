import {
  createEnrolmentCode,
  getSite,
  listEnrolmentCodes,
  listSites,
  listStations,
  revokeStation,
} from "@bangban/db";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { hashEnrolmentCode, newEnrolmentCode } from "../../auth/enrolment-code";
import { ADMIN_READERS, ADMINS } from "../../roles";
import { roleProcedure } from "../../trpc";
import { type AdminContext, audit, refusal, requireManage, siteOrRefuse } from "./shared";

const siteId = z.string().trim().min(1, "请选择站点").max(12, "站点编码为 12 位数字");

/**
 * The kind of site that enrols at this node (the node kind follows the division code): a
 * street hub's stations, a district's street hubs.
 */
export const enrolsHere = (node: { kind: string }) =>
  node.kind === "district" ? ("center" as const) : ("station" as const);

/** The enrolled nodes below this one and its child sites, with credential state; never a hash. */
async function stationRows(ctx: AdminContext) {
  const { db, site } = ctx.services;
  const now = ctx.services.clock().toISOString();
  const [sites, enrolled, codes] = await Promise.all([
    listSites(db, { kind: enrolsHere(site) }),
    listStations(db),
    listEnrolmentCodes(db),
  ]);
  const byId = new Map(enrolled.map((s) => [s.siteId, s]));
  const mine = sites.filter((s) => s.parentId === site.id || byId.has(s.id));
  return mine.map((s) => {
    const st = byId.get(s.id);
    const pending = codes
      .filter((c) => c.siteId === s.id && c.usedAt === null && c.expiresAt > now)
      .map((c) => ({ createdAt: c.createdAt, createdBy: c.createdBy, expiresAt: c.expiresAt }));
    return {
      siteId: s.id,
      name: s.name,
      enrolled: st !== undefined,
      active: st !== undefined && st.revokedAt === null,
      enrolledAt: st?.enrolledAt ?? null,
      revokedAt: st?.revokedAt ?? null,
      lastSeenAt: st?.lastSeenAt ?? null,
      lastPushAt: st?.lastPushAt ?? null,
      lastPullAt: st?.lastPullAt ?? null,
      pendingCodes: pending,
    };
  });
}

/**
 * 站点登记 (hub): an administrator creates a one-time, expiring code for a station; the
 * station exchanges it (sync.enrol) for its own credential. Only the code's hash is kept.
 */
export const adminEnrolmentRouter = {
  listStations: roleProcedure(ADMIN_READERS).query(({ ctx }) => stationRows(ctx as AdminContext)),

  /** Returns the code this once; it cannot be shown again (only its hash is stored). */
  createCode: roleProcedure(ADMINS)
    .input(
      z.object({
        siteId,
        ttlHours: z
          .number()
          .int()
          .min(1, "有效期至少 1 小时")
          .max(168, "有效期最长 7 天（168 小时）")
          .default(24),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const c = ctx as AdminContext;
      const site = siteOrRefuse(await getSite(c.services.db, input.siteId), input.siteId, "siteId");
      if (site.kind !== enrolsHere(c.services.site) || site.parentId !== c.services.site.id) {
        throw refusal(
          "NOT_ELIGIBLE",
          "siteId",
          c.services.site.kind === "district"
            ? "只能为本区下属的街道便民服务中心生成登记码"
            : "只能为本中心下属的社区便民服务站生成登记码",
          c.services.site.kind === "district"
            ? "Enrolment codes are for this district's street hubs"
            : "Enrolment codes are for this center's stations",
        );
      }
      requireManage(c, site.id, "siteId");
      const now = c.services.clock();
      const code = newEnrolmentCode();
      const expiresAt = new Date(now.getTime() + input.ttlHours * 3600_000).toISOString();
      await createEnrolmentCode(c.services.db, {
        codeHash: hashEnrolmentCode(code),
        siteId: site.id,
        createdBy: c.user.id,
        createdAt: now.toISOString(),
        expiresAt,
      });
      await audit(c, "station.enrolment_code", { siteId: site.id, expiresAt });
      return { code, siteId: site.id, siteName: site.name, expiresAt };
    }),

  /** Stops a station's credential at once; re-enrolling with a new code issues a new one. */
  revoke: roleProcedure(ADMINS)
    .input(z.object({ siteId }))
    .mutation(async ({ ctx, input }) => {
      const c = ctx as AdminContext;
      requireManage(c, input.siteId, "siteId");
      const st = (await listStations(c.services.db)).find((s) => s.siteId === input.siteId);
      if (!st) {
        throw refusal(
          "NOT_ELIGIBLE",
          "siteId",
          "该站点尚未登记，无需吊销",
          `Station ${input.siteId} is not enrolled`,
        );
      }
      if (st.revokedAt) return { siteId: st.siteId, revokedAt: st.revokedAt };
      const now = c.services.clock().toISOString();
      await revokeStation(c.services.db, st.siteId, now);
      await audit(c, "station.revoke", { siteId: st.siteId });
      return { siteId: st.siteId, revokedAt: now };
    }),
} satisfies TRPCRouterRecord;
