import { listAudit, readReference } from "@bangban/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { elderlyIntake, ok } from "./cases";
import { count, type HubHarness, hubHarness, STATION_A } from "./harness";

let h: HubHarness;
beforeEach(async () => {
  h = await hubHarness();
});
afterEach(async () => {
  await h.close();
});

describe("B岗 per account (users screen)", () => {
  it("a center lead sets an account's B岗; it flows down with the staff directory; audited", async () => {
    const lead = await h.as("sunhua");
    const r = await lead.mutate<{ backupUserId: string | null }>("admin.users.update", {
      id: "u-zhangli",
      backupUserId: "u-wangqiang",
    });
    expect(r.error).toBeUndefined();
    expect(r.data?.backupUserId).toBe("u-wangqiang");
    const ref = await readReference(h.services.db, STATION_A);
    expect(ref.staff?.find((s) => s.id === "u-zhangli")?.backupUserId).toBe("u-wangqiang");
    const [line] = await listAudit(h.services.db, { action: "user.update", limit: 1 });
    expect(line?.detail).toMatchObject({ changed: ["backupUserId"], backupUserId: "u-wangqiang" });
    // null clears it.
    const cleared = await lead.mutate<{ backupUserId: string | null }>("admin.users.update", {
      id: "u-zhangli",
      backupUserId: null,
    });
    expect(cleared.data?.backupUserId).toBeNull();
  });

  it("self, another site's account, an inactive or unknown one are refused naming backupUserId; nothing changes", async () => {
    const lead = await h.as("sunhua");
    await ok(lead, "admin.users.update", { id: "u-liumei", active: false });
    const before = await count(h.services, "audit_log");
    for (const backupUserId of ["u-zhangli", "u-chenjing", "u-liumei", "u-nobody"]) {
      const r = await lead.mutate("admin.users.update", { id: "u-zhangli", backupUserId });
      expect(r.status, backupUserId).toBe(400);
      expect(r.error, backupUserId).toMatchObject({ field: "backupUserId", code: "NOT_ELIGIBLE" });
    }
    const created = await lead.mutate("admin.users.create", {
      username: "wuyan",
      displayName: "吴燕",
      role: "helper",
      siteId: STATION_A,
      password: "Bangban#2026x",
      backupUserId: "u-chenjing",
    });
    expect(created.error).toMatchObject({ field: "backupUserId", code: "NOT_ELIGIBLE" });
    expect(await count(h.services, "audit_log")).toBe(before);
  });
});

describe("转派 and absences at the hub", () => {
  it("attack: a center case cannot be handed to a station's helper; a center colleague may take it", async () => {
    const lead = await h.as("sunhua");
    const c = await ok(lead, "cases.intake", elderlyIntake());
    const refused = await lead.mutate("cases.reassign", {
      caseId: c.caseId,
      toUserId: "u-zhangli",
      reason: "转给社区",
    });
    expect(refused.status).toBe(400);
    expect(refused.error).toMatchObject({ field: "toUserId", code: "NOT_ELIGIBLE" });
    const moved = await ok<{ assigneeId: string }>(lead, "cases.reassign", {
      caseId: c.caseId,
      toUserId: "u-chenjing",
      reason: "审查岗办理",
    });
    expect(moved.assigneeId).toBe("u-chenjing");
  });

  it("the center lead records the center's staff only; a reviewer may not record", async () => {
    const lead = await h.as("sunhua");
    const leave = { userId: "u-chenjing", kind: "training", from: "2026-11-02", to: "2026-11-02" };
    expect((await lead.mutate("absences.create", leave)).error).toBeUndefined();
    const station = await lead.mutate("absences.create", { ...leave, userId: "u-zhangli" });
    expect(station.error).toMatchObject({ field: "userId", code: "NOT_ELIGIBLE" });
    const reviewer = await h.as("chenjing");
    const own = await reviewer.mutate("absences.create", {
      ...leave,
      from: "2026-11-03",
      to: "2026-11-03",
    });
    expect(own.status).toBe(403);
    expect(own.error?.code).toBe("NOT_ALLOWED");
  });
});
