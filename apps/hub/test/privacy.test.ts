import { listAudit, verifyAuditChain } from "@bangban/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { elderlyIntake, stationCaller } from "./cases";
import { type HubHarness, hubHarness } from "./harness";

let h: HubHarness;
beforeEach(async () => {
  h = await hubHarness();
});
afterEach(async () => {
  await h.close();
});

describe("查看完整证件号 at the hub", () => {
  it("the back office reveals with a purpose (person.reveal); a district admin may not", async () => {
    const c = await stationCaller(h).cases.intake(elderlyIntake() as never);
    const reviewer = await h.as("chenjing");
    const shown = await reviewer.mutate<{ idNumber: string }>("residents.reveal", {
      caseId: c.caseId,
      purpose: { kind: "complaint", note: "12345 热线转办" },
    });
    expect(shown.data?.idNumber).toBe("33010619400101004X");
    const admin = await h.as("admin");
    const refused = await admin.mutate("residents.reveal", {
      caseId: c.caseId,
      purpose: { kind: "business" },
    });
    expect(refused.status).toBe(403);
    const lines = await listAudit(h.services.db, { action: "person.reveal", limit: 10 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ userId: "u-chenjing", caseId: c.caseId });
    expect(lines[0]?.detail).toMatchObject({ purpose: "投诉处理", idMasked: "330106********004X" });
    expect(await verifyAuditChain(h.services.db)).toMatchObject({ ok: true, unchained: 0 });
  });

  it("a search of cases by a full ID number at the hub asks a purpose too", async () => {
    await stationCaller(h).cases.intake(elderlyIntake() as never);
    const lead = await h.as("sunhua");
    const bare = await lead.query("cases.list", { idNumber: "33010619400101004X", scope: "all" });
    expect(bare.error).toMatchObject({ code: "REQUIRED", field: "purpose" });
    const found = await lead.query<{ total: number }>("cases.list", {
      idNumber: "33010619400101004X",
      scope: "all",
      purpose: { kind: "verify_identity" },
    });
    expect(found.data?.total).toBe(1);
    const lines = await listAudit(h.services.db, { action: "archive.lookup", limit: 10 });
    expect(lines[0]?.detail).toMatchObject({ via: "cases.list", found: 1, purpose: "核实身份" });
  });
});
