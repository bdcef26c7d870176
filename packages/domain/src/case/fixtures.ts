import { recordEvent } from "./journal-builder";
import type { Actor, CaseEvent, CaseEventType, ItemRules, PayloadOf } from "./types";

/** Test fixtures: two stations under one street center, and two catalog items. */
export const SITES = {
  stationA: "330106001001",
  stationB: "330106001002",
  center: "330106001",
} as const;

export const actors = {
  helperA: { userId: "u-helper-a", role: "helper", siteId: SITES.stationA, siteKind: "station" },
  leadA: { userId: "u-lead-a", role: "station_lead", siteId: SITES.stationA, siteKind: "station" },
  helperB: { userId: "u-helper-b", role: "helper", siteId: SITES.stationB, siteKind: "station" },
  reviewer: { userId: "u-reviewer", role: "reviewer", siteId: SITES.center, siteKind: "center" },
  approver: { userId: "u-approver", role: "approver", siteId: SITES.center, siteKind: "center" },
  lead: { userId: "u-center-lead", role: "center_lead", siteId: SITES.center, siteKind: "center" },
  resident: { userId: "resident", role: "resident", siteId: SITES.stationA, siteKind: "station" },
  system: { userId: "system", role: "system", siteId: SITES.center, siteKind: "center" },
} satisfies Record<string, Actor>;

/** 高龄津贴申领 — promised 15 working days, two 容缺-able materials. */
export const elderlyAllowance: ItemRules = {
  code: "MZ-GF-001",
  version: 1,
  name: "高龄津贴申领",
  kind: "PROMISED",
  type: "ADMIN_BENEFIT",
  approvalLevel: "DEPARTMENT",
  stationAssist: true,
  stationMayComplete: false,
  deferralAllowed: true,
  legalDays: null,
  promisedDays: 15,
  publicityWorkdays: 5,
  materials: [
    { code: "ID_CARD", name: "居民身份证", requirement: "mandatory" },
    { code: "HOUSEHOLD_REGISTER", name: "户口簿", requirement: "mandatory" },
    { code: "BANK_CARD", name: "银行卡或社保卡", requirement: "deferrable" },
    { code: "PHOTO", name: "近期照片", requirement: "deferrable" },
    { code: "AGENT_ID", name: "代办人身份证及委托书", requirement: "conditional" },
  ],
};

/** 居住证明 — the station issues it itself, within a day. */
export const residenceCertificate: ItemRules = {
  code: "SQ-GG-001",
  version: 1,
  name: "居住证明",
  kind: "PROMISED",
  type: "PUBLIC_SERVICE",
  approvalLevel: "STATION",
  stationAssist: true,
  stationMayComplete: true,
  deferralAllowed: true,
  legalDays: null,
  promisedDays: 1,
  publicityWorkdays: null,
  materials: [
    { code: "ID_CARD", name: "居民身份证", requirement: "mandatory" },
    { code: "HOUSING_PROOF", name: "房产证或租赁合同", requirement: "mandatory" },
    { code: "STATEMENT", name: "情况说明", requirement: "deferrable" },
  ],
};

/** A journal under construction: each `add` records on top of what is already there. */
export class JournalKit {
  readonly events: CaseEvent[] = [];
  private n = 0;
  private clock: number;

  constructor(start = "2026-11-02T01:00:00.000Z") {
    this.clock = Date.parse(start);
  }

  add<T extends CaseEventType>(type: T, payload: PayloadOf<T>, actor: Actor, at?: string) {
    this.n += 1;
    this.clock += 60_000;
    const e = recordEvent(this.events, type, payload, {
      id: `01J0000000000000000000${String(this.n).padStart(4, "0")}`,
      at: at ?? new Date(this.clock).toISOString(),
      actor,
    });
    this.events.push(e);
    return e;
  }

  /** Intake at the actor's site with the mandatory materials in hand (every one: `provideAll`). */
  intake(item: ItemRules = elderlyAllowance, actor: Actor = actors.helperA, provideAll = false) {
    return this.add(
      "intake",
      {
        item,
        mode: "assist",
        residentPresent: true,
        powerOfAttorney: false,
        originSiteId: actor.siteId,
        materials: item.materials
          .filter((m) => provideAll || m.requirement === "mandatory")
          .map((m) => ({ code: m.code, state: "provided" as const })),
      },
      actor,
    );
  }
}

/**
 * A 居住证明 taken in, accepted and completed at station A on 2026-11-02 by its helper, then
 * rated `level` there by the resident (offline, at completion) — the case a 差评 starts from.
 */
export function ratedResidenceCase(level: number, opts: { anonymous?: boolean } = {}) {
  const kit = new JournalKit();
  kit.intake(residenceCertificate, actors.helperA, true);
  kit.add("accept", { deferred: [] }, actors.helperA);
  kit.add("complete", {}, actors.helperA);
  const rating = kit.add(
    "rate",
    { level, channel: "offline", stage: "completion", ...opts },
    actors.resident,
  );
  return { kit, rating };
}
