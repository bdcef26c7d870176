import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { elderlyIntake, ok } from "./cases";
import { type HubHarness, hubHarness } from "./harness";

let h: HubHarness;
beforeEach(async () => {
  h = await hubHarness();
});
afterEach(async () => {
  await h.close();
});

async function acceptedCase() {
  const lead = await h.as("sunhua");
  const c = await ok(lead, "cases.intake", elderlyIntake("13812345678"));
  await ok(lead, "cases.accept", { caseId: c.caseId });
  return c;
}

describe("public (no sign-in)", () => {
  it("progress: the right digits give the status and due date, and nothing personal", async () => {
    const c = await acceptedCase();
    const anyone = h.client();
    const r = await anyone.query("public.progress", {
      caseNumber: c.caseNumber,
      phoneLast4: "5678",
    });
    expect(r.status).toBe(200);
    expect(r.data).toEqual({
      status: "ACCEPTED",
      statusLabel: "已受理",
      statusLabelEn: "Accepted",
      dueOn: "2026-11-23",
      waiting: null,
      collected: null,
    });
    expect(JSON.stringify(r.data)).not.toMatch(/王|秀英|3301|138|5678|宝石/);
  });

  it("progress: says where the result waits and since when, then who collected it (masked), when and where", async () => {
    const lead = await h.as("sunhua");
    const c = await acceptedCase();
    await ok(lead, "cases.startReview", { caseId: c.caseId });
    await ok(lead, "cases.approve", { caseId: c.caseId });
    await ok(lead, "cases.issue", { caseId: c.caseId });
    const anyone = h.client();
    const ask = () =>
      anyone.query<Record<string, unknown>>("public.progress", {
        caseNumber: c.caseNumber,
        phoneLast4: "5678",
      });
    const waiting = await ask();
    expect(waiting.data).toMatchObject({
      status: "READY_FOR_PICKUP",
      waiting: { siteName: "北山街道便民服务中心", since: "2026-11-02T02:00:00.000Z" },
      collected: null,
    });
    const refused = await lead.mutate("cases.complete", {
      caseId: c.caseId,
      handover: { how: "collector", collector: { name: "王小明", idNumber: "440524188001010015" } },
    });
    expect(refused.error).toMatchObject({ field: "handover.collector.idNumber" });
    await ok(lead, "cases.complete", {
      caseId: c.caseId,
      handover: { how: "collector", collector: { name: "王小明", idNumber: "440524188001010014" } },
    });
    const done = await ask();
    expect(done.data).toMatchObject({
      status: "COMPLETED",
      waiting: null,
      collected: {
        how: "collector",
        nameMasked: "王*明",
        at: "2026-11-02T02:00:00.000Z",
        siteName: "北山街道便民服务中心",
      },
    });
    expect(JSON.stringify(done.data)).not.toMatch(/小明|4405|秀英/);
  });

  it("progress: a wrong number and wrong digits get the same answer, then that case number is slowed down", async () => {
    const c = await acceptedCase();
    const anyone = h.client();
    const wrongDigits = await anyone.query("public.progress", {
      caseNumber: c.caseNumber,
      phoneLast4: "0000",
    });
    const unknown = await anyone.query("public.progress", {
      caseNumber: "330106001-20261102-9999",
      phoneLast4: "5678",
    });
    expect(wrongDigits.status).toBe(400);
    expect(unknown).toEqual(wrongDigits);
    expect(unknown.error).toMatchObject({ code: "NOT_ELIGIBLE", field: "caseNumber" });
    const badInput = await anyone.query("public.progress", {
      caseNumber: c.caseNumber,
      phoneLast4: "56",
    });
    expect(badInput.error?.field).toBe("phoneLast4");

    // Five failures on one case number lock it (the address's own ceiling is 30).
    for (let i = 0; i < 4; i++) {
      await anyone.query("public.progress", {
        caseNumber: c.caseNumber,
        phoneLast4: `000${i + 1}`,
      });
    }
    const limited = await anyone.query("public.progress", {
      caseNumber: c.caseNumber,
      phoneLast4: "5678",
    });
    expect(limited.status).toBe(429);
    expect(limited.error?.code).toBe("RATE_LIMITED");
    h.setNow("2026-11-02T02:16:00.000Z");
    const later = await anyone.query("public.progress", {
      caseNumber: c.caseNumber,
      phoneLast4: "5678",
    });
    expect(later.status).toBe(200);
  });

  it("办事指南: the catalog is readable without signing in; administration is not", async () => {
    const anyone = h.client();
    const guide = await anyone.query<{ code: string }[]>("catalog.list");
    expect(guide.data?.map((i) => i.code)).toContain("MZ-GF-001");
    expect((await anyone.query("admin.users.list")).status).toBe(401);
    expect((await anyone.query("admin.enrolment.listStations")).status).toBe(401);
  });
});
