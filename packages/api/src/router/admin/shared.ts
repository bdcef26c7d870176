import { appendAudit, districtLink, type Site } from "@bangban/db";
import { DomainError, type DomainErrorCode, parentOf } from "@bangban/domain";
import type { ApiContext, SessionUser } from "../../context";
import { auditEntry } from "../../services/case-commands";

/** The context of a signed-in administrator's call. */
export type AdminContext = ApiContext & { user: SessionUser };

/** A refusal that names the field, in Chinese and English. */
export function refusal(code: DomainErrorCode, field: string, zh: string, en: string): DomainError {
  return new DomainError({ code, field, zh, en });
}

/**
 * The district owns the 事项清单, the site tree and the calendar (DESIGN.md): a street hub
 * enrolled with its district takes them from there and refuses to edit its copy.
 */
export async function districtOwns(ctx: AdminContext, field: string, what: string): Promise<void> {
  if (ctx.services.site.kind !== "center" || !(await districtLink(ctx.services.db))) return;
  throw refusal(
    "NOT_ELIGIBLE",
    field,
    `${what}由区级统一管理，街道不能修改；请联系区政务服务中心`,
    `The district owns the ${field}: a street enrolled with it cannot edit its copy`,
  );
}

/** Appends the audit line of an administrative change (after the change is stored). */
export async function audit(
  ctx: AdminContext,
  action: string,
  detail: Record<string, unknown>,
): Promise<void> {
  await appendAudit(ctx.services.db, [auditEntry(ctx, action, null, detail)]);
}

/**
 * Whether the signed-in administrator may manage a site and what belongs to it: a district
 * administrator any site; a center lead this hub's center and the stations under it.
 */
export function mayManageSite(ctx: AdminContext, siteId: string): boolean {
  if (ctx.user.role === "district_admin") return true;
  const center = ctx.services.site.id;
  return siteId === center || parentOf(siteId) === center;
}

export function requireManage(ctx: AdminContext, siteId: string, field: string): void {
  if (mayManageSite(ctx, siteId)) return;
  throw refusal(
    "NOT_ALLOWED",
    field,
    "只能管理本街道便民服务中心及其下属站点",
    `You may only manage this center and its stations, not ${siteId}`,
  );
}

/** The site, or a refusal naming `field`. */
export function siteOrRefuse(site: Site | null, siteId: string, field: string): Site {
  if (site) return site;
  throw refusal("NOT_ELIGIBLE", field, `站点 ${siteId} 不存在`, `No site ${siteId}`);
}
