import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { elderlyIntake, STATION_A, type StationHarness, stationHarness } from "./harness";

/** 差评整改 at the station: its lead answers for its 差评 and sees its own 台账. */

interface Detail {
  caseId: string;
  status: string;
  allowed: string[];
  rectifications: { ratingEventId: string; state: string; siteId: string }[];
}

let h: StationHarness;
beforeEach(async () => {
  h = await stationHarness();
});
afterEach(async () => {
  await h.close();
});

/** A 居住证明 issued and completed at the station, then rated 非常不满意 there. */
async function badlyRated() {
  const helper = await h.client().login("zhangli");
  const c = (
    await helper.mutate<Detail>("cases.intake", {
      ...elderlyIntake(),
      itemCode: "SQ-GG-001",
      materials: ["ID_CARD", "PROPERTY_OR_LEASE", "SITUATION_STATEMENT"].map((code) => ({
        code,
        state: "provided",
      })),
    })
  ).data as Detail;
  await helper.mutate("cases.accept", { caseId: c.caseId });
  const done = await helper.mutate<Detail>("cases.complete", { caseId: c.caseId });
  expect(done.data?.status).toBe("COMPLETED");
  const invite = await helper.mutate<{ token: string }>("cases.openRating", { caseId: c.caseId });
  await h.client().mutate("rating.submit", { token: invite.data?.token, level: 1 });
  return { helper, caseId: c.caseId };
}

describe("差评整改 at the station", () => {
  it("the station lead classifies; the helper rated may only appeal", async () => {
    const { helper, caseId } = await badlyRated();
    const seen = (await helper.query<Detail>("cases.get", { caseId })).data as Detail;
    expect(seen.rectifications).toEqual([
      expect.objectContaining({ state: "open", siteId: STATION_A }),
    ]);
    expect(seen.allowed.filter((a) => a.startsWith("rectify"))).toEqual(["rectify_appeal"]);
    const ratingEventId = seen.rectifications[0]?.ratingEventId;
    const refused = await helper.mutate("rectify.classify", {
      caseId,
      ratingEventId,
      kind: "immediate",
    });
    expect(refused.status).toBe(403);
    const lead = await h.client().login("wangqiang");
    const classified = await lead.mutate<Detail>("rectify.classify", {
      caseId,
      ratingEventId,
      kind: "immediate",
    });
    expect(classified.data?.rectifications[0]?.state).toBe("rectifying");
  });

  it("差评台账: the station lead sees the station's own, whatever site is asked for; a helper none", async () => {
    const { caseId } = await badlyRated();
    const lead = await h.client().login("wangqiang");
    const own = await lead.query<{ rows: { caseId: string; siteId: string }[] }>("rectify.ledger", {
      siteId: "330106001002",
    });
    expect(own.data?.rows).toEqual([expect.objectContaining({ caseId, siteId: STATION_A })]);
    const helper = await h.client().login("zhangli");
    expect((await helper.query("rectify.ledger", {})).status).toBe(403);
  });
});
