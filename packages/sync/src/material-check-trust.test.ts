import type { Actor, CaseEventType, PayloadOf } from "@bangban/domain";
import { actors, SITES } from "@bangban/domain/testing";
import { describe, expect, it } from "vitest";
import { makeHub, makeStation, type Station } from "./sync-kit";
import { actor, ELDERLY, newCase } from "./test-kit";
import { forge as forgeEvent, pushed } from "./trust-kit";

/**
 * 材料审查 marks at the trust boundary: a mark is a case event, so the hub judges a station's
 * with the same machine — the marks on a case the center reviews are the center's to make.
 */

const act = actor("01KMCHK");
let made = 0;
let forged = 0;

function forge<T extends CaseEventType>(
  s: Station,
  caseId: string,
  type: T,
  payload: PayloadOf<T>,
  who: Actor,
) {
  forged += 1;
  const id = `01KMCHKFORGED${String(forged).padStart(13, "0")}`;
  return forgeEvent(s, caseId, type, payload, who, id);
}

/** 高龄津贴 taken complete at station A, accepted, forwarded; the center's reviewer starts 审查. */
async function inReviewAtCenter() {
  const hub = makeHub();
  const a = makeStation(hub, SITES.stationA);
  const init = newCase(60 + made);
  made += 1;
  await a.repo.create(init);
  const all = ELDERLY.materials
    .filter((m) => m.requirement !== "conditional")
    .map((m) => ({ code: m.code, state: "provided" as const }));
  await act(a.repo, init.caseId, "update_materials", { materials: all }, actors.helperA);
  await act(a.repo, init.caseId, "accept", { deferred: [] }, actors.helperA);
  await act(a.repo, init.caseId, "forward", { toSiteId: SITES.center }, actors.helperA);
  await a.sync.syncOnce();
  await act(hub.repo, init.caseId, "start_review", {}, actors.reviewer);
  await a.sync.syncOnce();
  expect((await a.repo.get(init.caseId))?.state.status).toBe("IN_REVIEW");
  return { hub, a, caseId: init.caseId };
}

describe("材料审查 at the hub", () => {
  it("the reviewer's marks at the center reach the station that took the case", async () => {
    const { hub, a, caseId } = await inReviewAtCenter();
    await act(
      hub.repo,
      caseId,
      "check_material",
      { code: "ID_CARD", verdict: "needs_correction", reason: "复印件不清晰" },
      actors.reviewer,
    );
    await a.sync.syncOnce();
    expect((await a.repo.get(caseId))?.state.materialChecks.ID_CARD).toMatchObject({
      verdict: "needs_correction",
      reason: "复印件不清晰",
      byUserId: actors.reviewer.userId,
    });
  });

  it("伪造审查标记: a station helper marking a material of a case the center reviews is refused", async () => {
    const { hub, a, caseId } = await inReviewAtCenter();
    const bytes = await forge(
      a,
      caseId,
      "check_material",
      { code: "ID_CARD", verdict: "ok" },
      actors.helperA,
    );
    expect(await pushed(hub, a, caseId, bytes)).toEqual({ kind: "FORBIDDEN_EVENT", stored: false });
    expect((await hub.repo.get(caseId))?.state.materialChecks).toEqual({});
  });

  it("冒充审查员: a station recording a mark as the center's reviewer is refused", async () => {
    const { hub, a, caseId } = await inReviewAtCenter();
    const bytes = await forge(
      a,
      caseId,
      "check_material",
      { code: "PHOTO", verdict: "ok" },
      actors.reviewer,
    );
    expect(await pushed(hub, a, caseId, bytes)).toEqual({ kind: "FORGED_ACTOR", stored: false });
    expect((await hub.repo.get(caseId))?.state.materialChecks).toEqual({});
  });

  it("需补正无原因: a mark without its reason, written past the station's machine, is refused", async () => {
    const hub = makeHub();
    const a = makeStation(hub, SITES.stationA);
    const init = newCase(70);
    await a.repo.create(init);
    await a.sync.syncOnce();
    // The case is still the station's own (收件): its helper may mark, but not without a reason.
    const bytes = await forge(
      a,
      init.caseId,
      "check_material",
      { code: "ID_CARD", verdict: "needs_correction" },
      actors.helperA,
    );
    expect(await pushed(hub, a, init.caseId, bytes)).toEqual({
      kind: "FORBIDDEN_EVENT",
      stored: false,
    });
  });
});
