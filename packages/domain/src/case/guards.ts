import { DomainError, type DomainErrorInit } from "../errors";
import type { CaseState } from "./state";
import { type Actor, type CaseStatus, caseStatusLabels, type Role, roleLabels } from "./types";

/** Where an actor must stand for an action on a case. */
export type SiteRule =
  | "any"
  /** The site currently handling the case, or the street center above it. */
  | "handling_or_center"
  /** The street center; a station lead may act too when the item is decided at the station. */
  | "center_or_station_level"
  /** The pick-up site (or the handling site when none is named). */
  | "pickup";

export function refuse(init: DomainErrorInit): DomainError {
  return new DomainError(init);
}

export function statusRefusal(status: CaseStatus, actionZh: string, actionEn: string) {
  const label = caseStatusLabels[status];
  return refuse({
    code: "INVALID_TRANSITION",
    field: "status",
    zh: `办件当前状态为「${label.zh}」，不能${actionZh}`,
    en: `Cannot ${actionEn} a case that is ${label.en.toLowerCase()}`,
  });
}

export function roleRefusal(role: Role, allowed: readonly Role[], actionZh: string) {
  const names = allowed.map((r) => roleLabels[r].zh).join("、");
  return refuse({
    code: "NOT_ALLOWED",
    field: "actor.role",
    zh: `「${roleLabels[role].zh}」无权${actionZh}，需由${names}办理`,
    en: `Role ${role} may not do this; allowed: ${allowed.join(", ")}`,
  });
}

export function checkSite(rule: SiteRule, state: CaseState, actor: Actor): DomainError | null {
  if (rule === "any") return null;
  const atCenter = actor.siteKind === "center";
  if (rule === "handling_or_center") {
    if (actor.siteId === state.handlingSiteId || atCenter) return null;
    return siteRefusal("该办件当前不在本站点办理", "The case is not handled at your site");
  }
  if (rule === "center_or_station_level") {
    if (atCenter) return null;
    if (state.item.approvalLevel === "STATION" && actor.siteId === state.handlingSiteId)
      return null;
    return siteRefusal(
      "该事项须由街道便民服务中心审查决定",
      "This item is reviewed and decided at the street center",
    );
  }
  const pickup = state.pickupSiteId ?? state.handlingSiteId;
  if (actor.siteId === pickup) return null;
  return siteRefusal("只能在指定的出件站点办结", "Only the pick-up site can complete the case");
}

function siteRefusal(zh: string, en: string) {
  return refuse({ code: "NOT_ALLOWED", field: "actor.siteId", zh, en });
}

/** Deferred (容缺) promises not yet supplied. */
export function outstandingPromises(state: CaseState) {
  return state.promises.filter((p) => p.suppliedOn === null);
}

export function outstandingRefusal(state: CaseState): DomainError | null {
  const open = outstandingPromises(state);
  if (open.length === 0) return null;
  const names = open.map((p) => materialName(state, p.code)).join("、");
  return refuse({
    code: "MATERIALS_OUTSTANDING",
    field: "materials",
    zh: `容缺材料尚未补齐（${names}），结果暂缓出具`,
    en: `Deferred materials outstanding (${open.map((p) => p.code).join(", ")}); the result is withheld`,
  });
}

export function materialName(state: CaseState, code: string): string {
  return state.item.materials.find((m) => m.code === code)?.name ?? code;
}
