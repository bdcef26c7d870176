import type { Actor, CaseEventType, PayloadOf } from "@bangban/domain";
import { actors, SITES } from "@bangban/domain/testing";
import { describe, expect, it } from "vitest";
import { makeHub, makeStation, type Station } from "./sync-kit";
import { actor, newCase } from "./test-kit";
import { forge as forgeEvent, pushed } from "./trust-kit";

/**
 * 差评整改 at the trust boundary: the steps are case events, so the hub judges a station's
 * with the same machine — only the handling site's lead classifies, records and calls back;
 * only the center lead decides an appeal, and only one that was made.
 */

const act = actor("01KRECT");
let made = 0;
const leadB: Actor = {
  userId: "u-lead-b",
  role: "station_lead",
  siteId: SITES.stationB,
  siteKind: "station",
};

/** A case taken in at station A, rated 非常不满意 there; synced to the hub. */
async function badlyRatedAtA() {
  const hub = makeHub();
  hub.authority.add(leadB);
  const a = makeStation(hub, SITES.stationA);
  const init = newCase(80 + made);
  made += 1;
  await a.repo.create(init);
  const rated = await act(
    a.repo,
    init.caseId,
    "rate",
    { level: 1, channel: "offline", stage: "completion" },
    actors.resident,
  );
  const rating = rated.state.ratings[0];
  if (!rating) throw new Error("not rated");
  await a.sync.syncOnce();
  return { hub, a, caseId: init.caseId, ratingEventId: rating.eventId };
}

let forged = 0;
/** Appends an event to the station's document directly, skipping its own machine. */
function forge<T extends CaseEventType>(
  s: Station,
  caseId: string,
  type: T,
  payload: PayloadOf<T>,
  who: Actor,
) {
  forged += 1;
  return forgeEvent(
    s,
    caseId,
    type,
    payload,
    who,
    `01KRECTFORGED${String(forged).padStart(13, "0")}`,
  );
}

describe("差评整改 at the hub", () => {
  it("the handling station's lead classifies, records and calls back; the hub folds the same record", async () => {
    const { hub, a, caseId, ratingEventId } = await badlyRatedAtA();
    await act(
      a.repo,
      caseId,
      "rectify_classify",
      { ratingEventId, kind: "immediate" },
      actors.leadA,
    );
    await act(a.repo, caseId, "rectify_record", { ratingEventId, text: "已整改" }, actors.leadA);
    await act(
      a.repo,
      caseId,
      "rectify_callback",
      { ratingEventId, reached: true, result: "群众认可" },
      actors.leadA,
    );
    await a.sync.syncOnce();
    expect(a.sync.status().quarantined).toEqual([]);
    const atHub = await hub.repo.get(caseId);
    expect(atHub?.state.rectifications.map((r) => r.state)).toEqual(["closed"]);
    expect(atHub?.state.conflicts).toEqual([]);
  });

  it("伪造整改分类: a station helper (not the lead) classifying is refused", async () => {
    const { hub, a, caseId, ratingEventId } = await badlyRatedAtA();
    const bytes = await forge(
      a,
      caseId,
      "rectify_classify",
      { ratingEventId, kind: "immediate" },
      actors.helperA,
    );
    expect(await pushed(hub, a, caseId, bytes)).toEqual({ kind: "FORBIDDEN_EVENT", stored: false });
    expect((await hub.repo.get(caseId))?.state.rectifications[0]?.state).toBe("open");
  });

  it("伪造他站整改: station B's lead recording a rectification on station A's case is refused", async () => {
    const { hub, a, caseId, ratingEventId } = await badlyRatedAtA();
    await act(
      a.repo,
      caseId,
      "rectify_classify",
      { ratingEventId, kind: "immediate" },
      actors.leadA,
    );
    // The case enters B's scope as its pick-up site; the 差评 stays A's to answer for.
    await act(a.repo, caseId, "set_pickup_site", { siteId: SITES.stationB }, actors.helperA);
    await a.sync.syncOnce();
    const b = makeStation(hub, SITES.stationB);
    await b.sync.syncOnce();
    expect(await b.repo.get(caseId)).not.toBeNull();
    for (const [type, payload] of [
      ["rectify_record", { ratingEventId, text: "B站代为整改" }],
      ["rectify_appeal", { ratingEventId, reason: "B站申诉" }],
    ] as const) {
      const bytes = await forge(b, caseId, type, payload as never, leadB);
      expect(await pushed(hub, b, caseId, bytes)).toEqual({
        kind: "FORBIDDEN_EVENT",
        stored: false,
      });
    }
    expect((await hub.repo.get(caseId))?.state.rectifications[0]?.measures).toEqual([]);
  });

  it("伪造复核决定: a station deciding an appeal is refused (the lead, or a claimed center lead)", async () => {
    const { hub, a, caseId, ratingEventId } = await badlyRatedAtA();
    await act(a.repo, caseId, "rectify_appeal", { ratingEventId, reason: "误评" }, actors.helperA);
    await a.sync.syncOnce();
    const decide = { ratingEventId, upheld: true, reason: "站点自行认定" };
    const byLead = await forge(a, caseId, "rectify_appeal_decide", decide, actors.leadA);
    expect(await pushed(hub, a, caseId, byLead)).toEqual({
      kind: "FORBIDDEN_EVENT",
      stored: false,
    });
    const asCenter = await forge(a, caseId, "rectify_appeal_decide", decide, actors.lead);
    expect(await pushed(hub, a, caseId, asCenter)).toEqual({ kind: "FORGED_ACTOR", stored: false });
    expect((await hub.repo.get(caseId))?.state.rectifications[0]?.state).toBe("appealing");
  });

  it("无申诉的复核决定: refused from a station, and the hub's own center lead cannot record one either", async () => {
    const { hub, a, caseId, ratingEventId } = await badlyRatedAtA();
    const decide = { ratingEventId, upheld: true, reason: "直接认定误评" };
    const bytes = await forge(a, caseId, "rectify_appeal_decide", decide, actors.leadA);
    expect(await pushed(hub, a, caseId, bytes)).toEqual({ kind: "FORBIDDEN_EVENT", stored: false });
    await expect(
      act(hub.repo, caseId, "rectify_appeal_decide", decide, actors.lead),
    ).rejects.toMatchObject({ field: "ratingEventId" });
    // With the appeal made, the center lead's decision stands and reaches the station.
    await act(a.repo, caseId, "rectify_appeal", { ratingEventId, reason: "误评" }, actors.helperA);
    await a.sync.syncOnce();
    await act(hub.repo, caseId, "rectify_appeal_decide", decide, actors.lead);
    await a.sync.syncOnce();
    expect((await a.repo.get(caseId))?.state.rectifications[0]?.state).toBe("appeal_upheld");
  });
});
