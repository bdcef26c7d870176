import { absencesOn, type StaffWithBackup, staffWithBackups } from "@bangban/db";
import { DomainError, routeAssignment, STAFF } from "@bangban/domain";
import type { ApiContext } from "../context";
import { todayOf } from "./case-commands";

/** The active staff who work cases at `siteId`, with their B岗 (as this node knows them). */
export async function caseStaffOf(ctx: ApiContext, siteId: string): Promise<StaffWithBackup[]> {
  const staff = await staffWithBackups(ctx.services.db);
  return staff.filter((s) => s.siteId === siteId && s.active && STAFF.includes(s.role));
}

/**
 * Where a 转派 to `toUserId` goes on a case handled at `handlingSiteId`: the target must be
 * an active member of that site's staff (a lead cannot hand a case outside it); if they are
 * away today the case goes to their B岗, and the reason says so for the journal.
 */
export async function reassignTarget(
  ctx: ApiContext,
  handlingSiteId: string,
  toUserId: string,
  reason: string,
): Promise<{ toUserId: string; reason: string }> {
  const staff = await caseStaffOf(ctx, handlingSiteId);
  if (!staff.some((s) => s.id === toUserId)) {
    throw new DomainError({
      code: "NOT_ELIGIBLE",
      field: "toUserId",
      zh: "只能转派给承办站点在岗（已启用）的工作人员",
      en: `${toUserId} is not active staff of the handling site ${handlingSiteId}`,
    });
  }
  const today = todayOf(ctx);
  const route = routeAssignment(toUserId, today, staff, await absencesOn(ctx.services.db, today));
  if (!route.ok) throw route.error;
  if (!route.value.absentUserId) return { toUserId, reason };
  const name = (id: string) => staff.find((s) => s.id === id)?.displayName ?? id;
  const note = `（${name(toUserId)}今日不在岗，按AB岗转其B岗${name(route.value.toUserId)}）`;
  return { toUserId: route.value.toUserId, reason: `${reason.slice(0, 500 - note.length)}${note}` };
}
