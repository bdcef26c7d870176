import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Detail, elderlyIntake, ok } from "./cases";
import { type HubHarness, hubHarness } from "./harness";

interface ExtDetail extends Detail {
  deadline: { dueOn: string | null };
  timeline: { type: string }[];
  extension: { rule: { workdays: number; basis: string } | null; grantedWorkdays: number };
}

let h: HubHarness;
beforeEach(async () => {
  h = await hubHarness();
});
afterEach(async () => {
  await h.close();
});

/** 残疾人两项补贴: a 联办件, so the joint extension (+15) is its rule. */
function jointIntake() {
  return {
    ...elderlyIntake(),
    itemCode: "CL-GF-001",
    materials: [
      "ID_CARD",
      "DISABILITY_CERT",
      "HOUSEHOLD_REGISTER",
      "SUBSISTENCE_CERT",
      "BANK_CARD",
    ].map((code) => ({ code, state: "provided" })),
  };
}

async function accepted(intake: object) {
  const lead = await h.as("sunhua");
  const c = await ok(lead, "cases.intake", intake);
  await ok(lead, "cases.accept", { caseId: c.caseId });
  return { lead, caseId: c.caseId };
}

const extends_ = (d: ExtDetail) => d.timeline.filter((e) => e.type === "extend").length;

describe("延期 by the item's rule only, once (DOMAIN §3.4)", () => {
  it("a 联办件 is extended by up to 15 working days; the detail shows the rule and what was granted", async () => {
    const { lead, caseId } = await accepted(jointIntake());
    const before = (await lead.query<ExtDetail>("cases.get", { caseId })).data as ExtDetail;
    expect(before.extension).toEqual({
      rule: { workdays: 15, basis: "joint" },
      grantedWorkdays: 0,
    });
    const after = await ok<ExtDetail>(lead, "cases.extend", {
      caseId,
      workdays: 15,
      reason: "需县残联实地核查",
    });
    expect(after.extension.grantedWorkdays).toBe(15);
    // Accepted Monday 2026-11-02: 20 working days run to 11-30, 15 more to 12-21.
    expect(before.deadline.dueOn).toBe("2026-11-30");
    expect(after.deadline.dueOn).toBe("2026-12-21");
  });

  it("more days than the rule allows are refused with the field named, and nothing is written", async () => {
    const { lead, caseId } = await accepted(jointIntake());
    const r = await lead.mutate("cases.extend", { caseId, workdays: 16, reason: "需核查" });
    expect(r.status).toBe(400);
    expect(r.error).toMatchObject({ field: "workdays", zh: expect.stringContaining("15") });
    const d = (await lead.query<ExtDetail>("cases.get", { caseId })).data as ExtDetail;
    expect(extends_(d)).toBe(0);
  });

  it("an item without an extension rule cannot be extended: 该事项无法定延期规定", async () => {
    const { lead, caseId } = await accepted(elderlyIntake());
    const r = await lead.mutate("cases.extend", { caseId, workdays: 5, reason: "材料较多" });
    expect(r.status).toBe(403);
    expect(r.error).toMatchObject({
      field: "workdays",
      zh: expect.stringContaining("该事项无法定延期规定"),
    });
    const d = (await lead.query<ExtDetail>("cases.get", { caseId })).data as ExtDetail;
    expect(d.extension.rule).toBeNull();
    expect(extends_(d)).toBe(0);
  });

  it("a second extension is refused, and the first stays the only one", async () => {
    const { lead, caseId } = await accepted(jointIntake());
    await ok(lead, "cases.extend", { caseId, workdays: 5, reason: "需实地核查" });
    const r = await lead.mutate("cases.extend", { caseId, workdays: 5, reason: "再次核查" });
    expect(r.status).toBe(400);
    expect(r.error).toMatchObject({ field: "caseId", zh: expect.stringContaining("不能再次延期") });
    const d = (await lead.query<ExtDetail>("cases.get", { caseId })).data as ExtDetail;
    expect(extends_(d)).toBe(1);
    expect(d.extension.grantedWorkdays).toBe(5);
  });

  it("a blank reason is refused: the applicant must be told why", async () => {
    const { lead, caseId } = await accepted(jointIntake());
    const r = await lead.mutate("cases.extend", { caseId, workdays: 5, reason: "  " });
    expect(r.status).toBe(400);
    expect(r.error?.field).toBe("reason");
  });
});
