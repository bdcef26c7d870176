import { getSite, listSites, type Site, setLocalItems, upsertSites } from "@bangban/db";
import { type DivisionCodeInfo, parseDivisionCode, parsePhone } from "@bangban/domain";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { ADMIN_READERS, ADMINS } from "../../roles";
import { roleProcedure } from "../../trpc";
import {
  type AdminContext,
  audit,
  districtOwns,
  refusal,
  requireManage,
  siteOrRefuse,
} from "./shared";

const name = z.string().trim().min(1, "请填写站点名称").max(100, "站点名称不超过 100 字");
const address = z.string().trim().min(1, "请填写地址").max(200, "地址不超过 200 字");
const phone = z.string().trim().min(1, "请填写咨询电话").max(30, "咨询电话格式不正确");
const siteId = z.string().trim().min(1, "请选择站点").max(12, "站点编码为 6、9 或 12 位数字");

const KIND_OF_LEVEL: Record<DivisionCodeInfo["level"], Site["kind"]> = {
  county: "district",
  street: "center",
  community: "station",
};

function must<T>(r: { ok: true; value: T } | { ok: false; error: Error }): T {
  if (!r.ok) throw r.error;
  return r.value;
}

/** The site above a code: the 9-digit center of a station, the 6-digit district of a center. */
function expectedParent(info: DivisionCodeInfo): string | null {
  if (info.level === "community") return info.street ?? null;
  if (info.level === "street") return info.county;
  return null;
}

async function checkParent(ctx: AdminContext, info: DivisionCodeInfo, given?: string) {
  const parentId = expectedParent(info);
  if (given !== undefined && given !== (parentId ?? "")) {
    throw refusal(
      "NOT_ELIGIBLE",
      "parentId",
      parentId
        ? `上级站点应为区划代码的前 ${parentId.length} 位（${parentId}），而不是 ${given}`
        : "区（县）级站点没有上级站点",
      `The parent must be the code's prefix ${parentId ?? "(none)"}`,
    );
  }
  if (parentId && !(await getSite(ctx.services.db, parentId))) {
    throw refusal(
      "NOT_ELIGIBLE",
      "parentId",
      `上级站点 ${parentId} 尚未创建，请先创建上级站点`,
      `Parent site ${parentId} does not exist yet`,
    );
  }
  return parentId;
}

/** 站点管理 (hub): the district → street center → community station hierarchy. */
export const adminSitesRouter = {
  list: roleProcedure(ADMIN_READERS)
    .input(
      z
        .object({
          kind: z.enum(["district", "center", "station"]).optional(),
          parentId: siteId.optional(),
        })
        .default({}),
    )
    .query(({ ctx, input }) => listSites(ctx.services.db, input)),

  create: roleProcedure(ADMINS)
    .input(
      z.object({
        divisionCode: z
          .string()
          .trim()
          .min(1, "请填写行政区划代码")
          .max(20, "行政区划代码为 6、9 或 12 位数字"),
        parentId: z.string().trim().max(12).optional(),
        name,
        address,
        phone,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const c = ctx as AdminContext;
      await districtOwns(c, "divisionCode", "站点目录");
      const info = must(parseDivisionCode(input.divisionCode, "divisionCode"));
      const tel = must(parsePhone(input.phone, "phone"));
      requireManage(c, info.code, "divisionCode");
      const parentId = await checkParent(c, info, input.parentId);
      if (await getSite(c.services.db, info.code)) {
        throw refusal(
          "DUPLICATE",
          "divisionCode",
          `站点 ${info.code} 已存在`,
          `Site ${info.code} exists`,
        );
      }
      const site: Site = {
        id: info.code,
        name: input.name,
        kind: KIND_OF_LEVEL[info.level],
        parentId,
        divisionCode: info.code,
        address: input.address,
        phone: tel.normalized,
        version: 1,
        updatedAt: c.services.clock().toISOString(),
        localItems: false,
      };
      await upsertSites(c.services.db, [site]);
      await audit(c, "site.create", { siteId: site.id, kind: site.kind, name: site.name });
      return site;
    }),

  /** Name, address and phone; the code (and so kind and parent) never changes. */
  update: roleProcedure(ADMINS)
    .input(
      z.object({
        id: siteId,
        name: name.optional(),
        address: address.optional(),
        phone: phone.optional(),
        expectedVersion: z.number().int().min(1).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const c = ctx as AdminContext;
      await districtOwns(c, "id", "站点目录");
      const site = siteOrRefuse(await getSite(c.services.db, input.id), input.id, "id");
      requireManage(c, site.id, "id");
      if (input.expectedVersion !== undefined && input.expectedVersion !== site.version) {
        throw refusal(
          "NOT_ELIGIBLE",
          "expectedVersion",
          `站点信息已被他人修改（当前第 ${site.version} 版），请刷新后再修改`,
          `The site changed meanwhile (now version ${site.version}); reload and retry`,
        );
      }
      const next = {
        ...site,
        name: input.name ?? site.name,
        address: input.address ?? site.address,
        phone:
          input.phone === undefined
            ? site.phone
            : must(parsePhone(input.phone, "phone")).normalized,
      };
      const changed = (["name", "address", "phone"] as const).filter((k) => next[k] !== site[k]);
      if (changed.length === 0) return site;
      const saved = {
        ...next,
        version: site.version + 1,
        updatedAt: c.services.clock().toISOString(),
      };
      await upsertSites(c.services.db, [saved]);
      await audit(c, "site.update", { siteId: site.id, changed, version: saved.version });
      return saved;
    }),

  /**
   * The district lets a street define local 事项 of its own, or stops it (domain
   * `mayDefineItem`). Only at a district node, only for a street; the flag goes down to the
   * street with the site tree, and the district accepts the street's new local item versions
   * only while it is set. Versions already taken stay valid.
   */
  setLocalItems: roleProcedure(ADMINS)
    .input(z.object({ siteId, allowed: z.boolean({ error: "请选择是否允许" }) }))
    .mutation(async ({ ctx, input }) => {
      const c = ctx as AdminContext;
      if (c.services.site.kind !== "district") {
        throw refusal(
          "NOT_ELIGIBLE",
          "siteId",
          "只有区级节点可以设置街道是否允许自设事项",
          "Only a district node sets whether a street may define local items",
        );
      }
      const site = siteOrRefuse(await getSite(c.services.db, input.siteId), input.siteId, "siteId");
      if (site.kind !== "center") {
        throw refusal(
          "NOT_ELIGIBLE",
          "siteId",
          `${site.name}不是街道便民服务中心；只有街道可以自设事项`,
          `Site ${site.id} is no street: only a street may define local items`,
        );
      }
      requireManage(c, site.id, "siteId");
      if (site.localItems === input.allowed) return site;
      const saved = await setLocalItems(
        c.services.db,
        site.id,
        input.allowed,
        c.services.clock().toISOString(),
      );
      await audit(c, "site.localItems", { siteId: site.id, allowed: input.allowed });
      return saved ?? site;
    }),
} satisfies TRPCRouterRecord;
