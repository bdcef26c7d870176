import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { elderlyIntake, type StationHarness, stationHarness } from "./harness";

let h: StationHarness;
beforeEach(async () => {
  h = await stationHarness();
});
afterEach(async () => {
  await h.close();
});

describe("quarantined cases at the station", () => {
  it("/healthz names each case the hub refused by 受理号 and item, with the hub's reason", async () => {
    const helper = await h.client().login("zhangli");
    const made = await helper.mutate<{ caseId: string; caseNumber: string }>(
      "cases.intake",
      elderlyIntake(),
    );
    const caseId = made.data?.caseId as string;
    await h.services.repo.store.quarantine({
      caseId,
      kind: "FORGED_ACTOR",
      zh: "同步数据中的操作人与街道中心登记的人员、岗位或站点不符，已拒收",
      en: "unknown user",
      at: "2026-11-02T02:00:00.000Z",
    });
    const health = (await (await h.app.request("/healthz")).json()) as {
      quarantined: unknown[];
    };
    expect(health.quarantined).toEqual([
      {
        caseId,
        caseNumber: made.data?.caseNumber,
        itemName: "高龄津贴申领",
        kind: "FORGED_ACTOR",
        zh: "同步数据中的操作人与街道中心登记的人员、岗位或站点不符，已拒收",
        at: "2026-11-02T02:00:00.000Z",
        released: false,
      },
    ]);
  });

  it("重新提交 is the station lead's, and only for a quarantined case", async () => {
    const helper = await h.client().login("zhangli");
    const made = await helper.mutate<{ caseId: string }>("cases.intake", elderlyIntake());
    const caseId = made.data?.caseId as string;
    const byHelper = await helper.mutate("system.releaseQuarantine", { caseId });
    expect(byHelper.error).toMatchObject({ code: "NOT_ALLOWED", field: "role" });
    const lead = await h.client().login("wangqiang");
    const notHeld = await lead.mutate("system.releaseQuarantine", { caseId });
    expect(notHeld.error).toMatchObject({ code: "NOT_ELIGIBLE", field: "caseId" });
    const bad = await lead.mutate("system.releaseQuarantine", { caseId: "x" });
    expect(bad.error?.field).toBe("caseId");
  });
});
