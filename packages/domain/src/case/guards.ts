import { DomainError, type DomainErrorInit } from "../errors";
import type { CaseState } from "./state";
import { type Actor, type CaseStatus, caseStatusLabels, type Role, roleLabels } from "./types";

/** Where an actor must stand for an action on a case. */
export type SiteRule =
  | "any"
  /** The site currently handling the case, or the street center above it. */
  | "handling_or_center"
  /** The site handling the case, when that site is a station (a station sends cases up). */
  | "handling_station"
  /** The street center; a station lead may act too when the item is decided at the station. */
  | "center_or_station_level"
  /** The pick-up site (or the handling site when none is named). */
  | "pickup"
  /** The site holding the case's custody, itself (the system acts only there). */
  | "custodian";

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

/** Whether the actor stands where the rule wants them (no error built: menus ask this often). */
export function siteAllows(rule: SiteRule, state: CaseState, actor: Actor): boolean {
  const atCenter = actor.siteKind === "center";
  switch (rule) {
    case "any":
      return true;
    case "handling_or_center":
      return actor.siteId === state.handlingSiteId || atCenter;
    case "handling_station":
      return actor.siteId === state.handlingSiteId && actor.siteKind === "station";
    case "center_or_station_level":
      return (
        atCenter ||
        (state.item.approvalLevel === "STATION" && actor.siteId === state.handlingSiteId)
      );
    case "pickup":
      return actor.siteId === (state.pickupSiteId ?? state.handlingSiteId);
    case "custodian":
      return actor.siteId === state.handlingSiteId;
  }
}

/** Why an actor standing elsewhere may not act under this rule. */
export function siteRuleRefusal(rule: Exclude<SiteRule, "any">): DomainError {
  switch (rule) {
    case "handling_or_center":
      return siteRefusal("该办件当前不在本站点办理", "The case is not handled at your site");
    case "handling_station":
      return siteRefusal(
        "只有当前办理该办件的站点可以转报中心",
        "Only the station handling the case can forward it",
      );
    case "center_or_station_level":
      return siteRefusal(
        "该事项须由街道便民服务中心审查决定",
        "This item is reviewed and decided at the street center",
      );
    case "pickup":
      return siteRefusal("只能在指定的出件站点办结", "Only the pick-up site can complete the case");
    case "custodian":
      return siteRefusal(
        "只有办件当前所在的节点才能记录系统操作",
        "Only the node holding the case records system events",
      );
  }
}

export function checkSite(rule: SiteRule, state: CaseState, actor: Actor): DomainError | null {
  if (rule === "any" || siteAllows(rule, state, actor)) return null;
  return siteRuleRefusal(rule);
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
