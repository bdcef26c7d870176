import { describe, expect, it } from "vitest";
import { actors, elderlyAllowance, JournalKit, SITES } from "./fixtures";
import { foldJournal } from "./fold";
import { allowedEvents, applyEvent } from "./machine";
import { checkReasonMissing } from "./material-checks";
import type { CaseState } from "./state";
import type { Actor, CaseEvent } from "./types";

function fold(events: CaseEvent[]): CaseState {
  const { state } = foldJournal(events);
  if (!state) throw new Error("no case");
  return state;
}

/** What the machine says to the last event recorded on the kit, judged on what came before. */
function verdictOn(kit: JournalKit) {
  const last = kit.events.at(-1);
  if (!last) throw new Error("no event");
  return applyEvent(fold(kit.events.slice(0, -1)), last);
}

/** 高龄津贴 taken at station A with every material, accepted, forwarded, in review at the center. */
function inReviewAtCenter() {
  const kit = new JournalKit();
  kit.add(
    "intake",
    {
      item: elderlyAllowance,
      mode: "assist",
      residentPresent: true,
      powerOfAttorney: false,
      originSiteId: SITES.stationA,
      materials: elderlyAllowance.materials
        .filter((m) => m.requirement !== "conditional")
        .map((m) => ({ code: m.code, state: "provided" as const })),
    },
    actors.helperA,
  );
  kit.add("accept", { deferred: [] }, actors.helperA);
  kit.add("forward", { toSiteId: SITES.center }, actors.helperA);
  kit.add("start_review", {}, actors.reviewer);
  return kit;
}

describe("材料审查 (per-material 合格 / 需补正 marks)", () => {
  it("材料审查: the reviewer marks materials 合格 and 需补正; each mark keeps who and when", () => {
    const kit = inReviewAtCenter();
    const ok = kit.add("check_material", { code: "ID_CARD", verdict: "ok" }, actors.reviewer);
    const bad = kit.add(
      "check_material",
      { code: "BANK_CARD", verdict: "needs_correction", reason: " 卡号模糊，请重新复印 " },
      actors.reviewer,
    );
    const s = fold(kit.events);
    expect(s.status).toBe("IN_REVIEW");
    expect(s.conflicts).toEqual([]);
    expect(s.materialChecks).toEqual({
      ID_CARD: {
        code: "ID_CARD",
        verdict: "ok",
        eventId: ok.id,
        at: ok.at,
        byUserId: "u-reviewer",
        byRole: "reviewer",
        bySiteId: SITES.center,
      },
      BANK_CARD: {
        code: "BANK_CARD",
        verdict: "needs_correction",
        reason: "卡号模糊，请重新复印",
        eventId: bad.id,
        at: bad.at,
        byUserId: "u-reviewer",
        byRole: "reviewer",
        bySiteId: SITES.center,
      },
    });
  });

  it("最新为准: the latest mark on a material replaces the earlier one, the reason going with it", () => {
    const kit = inReviewAtCenter();
    kit.add(
      "check_material",
      { code: "PHOTO", verdict: "needs_correction", reason: "照片背景不符" },
      actors.reviewer,
    );
    const later = kit.add("check_material", { code: "PHOTO", verdict: "ok" }, actors.lead);
    const mark = fold(kit.events).materialChecks.PHOTO;
    expect(mark).toMatchObject({ verdict: "ok", eventId: later.id, byUserId: "u-center-lead" });
    expect(mark?.reason).toBeUndefined();
  });

  it("需补正须写明原因: 需补正 without a reason, or with one character, is refused naming the reason", () => {
    for (const reason of [undefined, "  ", "糊"]) {
      const kit = inReviewAtCenter();
      kit.add(
        "check_material",
        { code: "PHOTO", verdict: "needs_correction", reason },
        actors.reviewer,
      );
      const r = verdictOn(kit);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.field).toBe("reason");
        expect(r.error.zh).toContain("近期照片");
      }
    }
    expect(checkReasonMissing("needs_correction", "模糊")).toBe(false);
    expect(checkReasonMissing("ok", undefined)).toBe(false);
  });

  it("材料须在清单内: a mark on a material not on the case's checklist is refused", () => {
    const kit = inReviewAtCenter();
    kit.add("check_material", { code: "PASSPORT", verdict: "ok" }, actors.reviewer);
    const r = verdictOn(kit);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.field).toBe("code");
  });

  it("与一次性告知同一把关: exactly those who may send a 一次性告知, where and when, may mark", () => {
    const everyone: Actor[] = Object.values(actors);
    const kit = inReviewAtCenter();
    // Every status the walk passes: submitted, accepted, forwarded, in review, 补正, approved.
    const states: CaseState[] = [];
    for (let i = 1; i <= kit.events.length; i++) states.push(fold(kit.events.slice(0, i)));
    kit.add(
      "request_correction",
      { noticeId: "N1", missing: [{ code: "PHOTO", reason: "不清晰" }] },
      actors.reviewer,
    );
    states.push(fold(kit.events));
    kit.add("supplement", { materials: [{ code: "PHOTO", attachments: [] }] }, actors.helperA);
    kit.add("approve", {}, actors.approver);
    states.push(fold(kit.events));
    expect(states.map((s) => s.status)).toEqual([
      "SUBMITTED",
      "ACCEPTED",
      "ACCEPTED",
      "IN_REVIEW",
      "NEEDS_CORRECTION",
      "APPROVED",
    ]);
    let allowedSomewhere = 0;
    for (const s of states) {
      for (const who of everyone) {
        const may = allowedEvents(s, who);
        expect(may.includes("check_material"), `${who.userId} in ${s.status}`).toBe(
          may.includes("request_correction"),
        );
        if (may.includes("check_material")) allowedSomewhere += 1;
      }
    }
    expect(allowedSomewhere).toBeGreaterThan(0);
  });

  it("中心审查: a station helper cannot mark a case the center is reviewing", () => {
    const kit = inReviewAtCenter();
    kit.add("check_material", { code: "ID_CARD", verdict: "ok" }, actors.helperA);
    const r = verdictOn(kit);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.field).toBe("actor.siteId");
    kit.events.pop();
    kit.add("check_material", { code: "ID_CARD", verdict: "ok" }, actors.approver);
    const byApprover = verdictOn(kit);
    expect(byApprover.ok).toBe(false);
    if (!byApprover.ok) expect(byApprover.error.field).toBe("actor.role");
  });

  it("补交后重新审查: a supplement clears the mark of the material it brings, and only that one", () => {
    const kit = inReviewAtCenter();
    kit.add("check_material", { code: "ID_CARD", verdict: "ok" }, actors.reviewer);
    kit.add(
      "check_material",
      { code: "BANK_CARD", verdict: "needs_correction", reason: "卡号模糊" },
      actors.reviewer,
    );
    kit.add(
      "request_correction",
      { noticeId: "N1", missing: [{ code: "BANK_CARD", reason: "卡号模糊" }] },
      actors.reviewer,
    );
    expect(Object.keys(fold(kit.events).materialChecks).sort()).toEqual(["BANK_CARD", "ID_CARD"]);
    kit.add("supplement", { materials: [{ code: "BANK_CARD", attachments: [] }] }, actors.helperA);
    const s = fold(kit.events);
    expect(s.status).toBe("IN_REVIEW");
    expect(Object.keys(s.materialChecks)).toEqual(["ID_CARD"]);
  });
});
