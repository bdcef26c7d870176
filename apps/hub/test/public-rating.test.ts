import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { elderlyIntake, ok, rate, stationCaller } from "./cases";
import { CENTER, type HubHarness, hubHarness, STATION_A } from "./harness";

let h: HubHarness;
beforeEach(async () => {
  h = await hubHarness();
});
afterEach(async () => {
  await h.close();
});

/** 高龄津贴 taken in at the center and, unless told otherwise, carried through to 办结. */
async function caseAtHub(completed = true) {
  const lead = await h.as("sunhua");
  const c = await ok(lead, "cases.intake", elderlyIntake("13812345678"));
  await ok(lead, "cases.accept", { caseId: c.caseId });
  if (!completed) return c;
  await ok(lead, "cases.startReview", { caseId: c.caseId });
  await ok(lead, "cases.approve", { caseId: c.caseId });
  await ok(lead, "cases.issue", { caseId: c.caseId });
  await ok(lead, "cases.complete", { caseId: c.caseId, handover: { how: "self" } });
  return c;
}

const proof = (caseNumber: string, phoneLast4 = "5678") => ({ caseNumber, phoneLast4 });

describe("扫码评价: the hub's public rating page (no sign-in)", () => {
  it("扫码评价: the right digits show the item and status, the five levels and four dimensions — nothing personal", async () => {
    const c = await caseAtHub();
    const r = await h.client().query("public.rating.show", proof(c.caseNumber));
    expect(r.status).toBe(200);
    expect(r.data).toEqual({
      itemName: "高龄津贴申领",
      status: "COMPLETED",
      canRate: true,
      alreadyRated: false,
      levels: [5, 4, 3, 2, 1],
      dimensions: ["overall", "efficiency", "competence", "attitude"],
    });
    expect(JSON.stringify(r.data)).not.toMatch(/王|秀英|3301|138|5678|宝石/);
  });

  it("扫码评价: the 受理回执 and the 送达回证 carry the QR code to the hub's public rating page", async () => {
    const c = await caseAtHub();
    const lead = await h.as("sunhua");
    const url = `http://hub.example/evaluate?no=${c.caseNumber}`;
    for (const kind of ["receipt", "delivery-receipt"]) {
      const r = await lead.query<{ html: string }>("print.document", { kind, caseId: c.caseId });
      expect(r.data?.html, kind).toContain(url);
      expect(r.data?.html, kind).toContain("扫码评价");
    }
  });

  it("扫码评价: the rating is recorded on the case at the hub, as the resident, on the qr channel", async () => {
    const c = await caseAtHub();
    const r = await h.client().mutate("public.rating.submit", {
      ...proof(c.caseNumber),
      level: 2,
      dimensions: { attitude: 1, efficiency: 2 },
      comment: "等候时间太长",
    });
    expect(r.status).toBe(200);
    const view = await h.services.repo.get(c.caseId);
    expect(view?.state.ratings).toMatchObject([{ level: 2, channel: "qr", stage: "completion" }]);
    const e = view?.record.journal.at(-1);
    expect(e).toMatchObject({
      type: "rate",
      actor: { userId: "resident", role: "resident", siteId: CENTER, siteKind: "center" },
      payload: { level: 2, channel: "qr", comment: "等候时间太长" },
    });
    const shown = await h.client().query("public.rating.show", proof(c.caseNumber));
    expect(shown.data).toMatchObject({ alreadyRated: true, canRate: false });
  });

  it("一事一评: a second rating of the same case is refused with a clear message, and changes nothing", async () => {
    const c = await caseAtHub();
    const anyone = h.client();
    await ok(anyone, "public.rating.submit", { ...proof(c.caseNumber), level: 5 });
    const again = await anyone.mutate("public.rating.submit", { ...proof(c.caseNumber), level: 1 });
    expect(again.status).toBe(400);
    expect(again.error).toMatchObject({ code: "DUPLICATE" });
    expect(again.error?.zh).toContain("已评价");
    const view = await h.services.repo.get(c.caseId);
    expect(view?.state.ratings.map((x) => x.level)).toEqual([5]);
  });

  it("扫码评价: a case not yet completed is shown but cannot be rated", async () => {
    const c = await caseAtHub(false);
    const anyone = h.client();
    const shown = await anyone.query("public.rating.show", proof(c.caseNumber));
    expect(shown.data).toMatchObject({ status: "ACCEPTED", canRate: false, alreadyRated: false });
    const r = await anyone.mutate("public.rating.submit", { ...proof(c.caseNumber), level: 5 });
    expect(r.status).toBe(400);
    expect(r.error).toMatchObject({ code: "NOT_ELIGIBLE", field: "status" });
    expect((await h.services.repo.get(c.caseId))?.state.ratings).toEqual([]);
  });

  it("扫码评价: wrong digits and an unknown number get one answer, and nothing is recorded", async () => {
    const c = await caseAtHub();
    const anyone = h.client();
    const wrongDigits = await anyone.mutate("public.rating.submit", {
      ...proof(c.caseNumber, "0000"),
      level: 1,
    });
    const unknown = await anyone.mutate("public.rating.submit", {
      ...proof("330106001-20261102-9999"),
      level: 1,
    });
    expect(wrongDigits.status).toBe(400);
    expect(unknown).toEqual(wrongDigits);
    expect(unknown.error).toMatchObject({ code: "NOT_ELIGIBLE", field: "caseNumber" });
    const shownWrong = await anyone.query("public.rating.show", proof(c.caseNumber, "0000"));
    expect(shownWrong.error).toEqual(unknown.error);
    expect((await h.services.repo.get(c.caseId))?.state.ratings).toEqual([]);
  });

  it("扫码评价: guessing the digits is limited with the progress query's limiter — one budget per case number", async () => {
    const c = await caseAtHub();
    const anyone = h.client();
    // Two failures through the progress query and three through the rating page: locked.
    for (const d of ["0001", "0002"]) {
      await anyone.query("public.progress", proof(c.caseNumber, d));
    }
    for (const d of ["0003", "0004", "0005"]) {
      await anyone.mutate("public.rating.submit", { ...proof(c.caseNumber, d), level: 1 });
    }
    const limited = await anyone.mutate("public.rating.submit", {
      ...proof(c.caseNumber),
      level: 5,
    });
    expect(limited.status).toBe(429);
    expect(limited.error?.code).toBe("RATE_LIMITED");
    const progress = await anyone.query("public.progress", proof(c.caseNumber));
    expect(progress.status).toBe(429);
    expect((await h.services.repo.get(c.caseId))?.state.ratings).toEqual([]);
    h.setNow("2026-11-02T02:16:00.000Z");
    expect(
      (await anyone.mutate("public.rating.submit", { ...proof(c.caseNumber), level: 5 })).status,
    ).toBe(200);
  });

  it("扫码评价: a forged channel, stage, level or dimension is refused naming the field, and changes nothing", async () => {
    const c = await caseAtHub();
    const anyone = h.client();
    const forged: [Record<string, unknown>, string][] = [
      [{ channel: "offline" }, "channel"],
      [{ stage: "acceptance" }, "stage"],
      [{ level: 6 }, "level"],
      [{ level: 0 }, "level"],
      [{ level: 4.5 }, "level"],
      [{ dimensions: { usability: 5 } }, "dimensions"],
      [{ dimensions: { attitude: 9 } }, "dimensions.attitude"],
      [{ comment: "差".repeat(501) }, "comment"],
    ];
    for (const [over, field] of forged) {
      const r = await anyone.mutate("public.rating.submit", {
        ...proof(c.caseNumber),
        level: 3,
        ...over,
      });
      expect([r.status, r.error?.field], JSON.stringify(over)).toEqual([400, field]);
      expect(r.error?.zh).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await h.services.repo.get(c.caseId))?.state.ratings).toEqual([]);
  });
});

describe("扫码评价 on the dashboard: the mix of rating channels", () => {
  it("扫码评价: counts per channel per site, a QR rating at the site that completed the case", async () => {
    // At the center: rated at the counter's screen, then by QR on the resident's phone.
    const atCenter = await caseAtHub();
    await rate(await h.as("sunhua"), atCenter.caseId, 4);
    await ok(h.client(), "public.rating.submit", { ...proof(atCenter.caseNumber), level: 5 });
    // Taken in and completed at station A, decided at the center; rated by QR only.
    const station = stationCaller(h);
    const c = await station.cases.intake(elderlyIntake("13700002222") as never);
    await station.cases.accept({ caseId: c.caseId });
    await station.cases.forward({ caseId: c.caseId });
    const lead = await h.as("sunhua");
    await ok(lead, "cases.startReview", { caseId: c.caseId });
    await ok(lead, "cases.approve", { caseId: c.caseId });
    await ok(lead, "cases.issue", { caseId: c.caseId });
    await station.cases.complete({ caseId: c.caseId });
    await ok(h.client(), "public.rating.submit", { ...proof(c.caseNumber, "2222"), level: 1 });

    const admin = await h.as("admin");
    const f = await admin.query<{ ratingChannels: Record<string, unknown> }>(
      "dashboard.figures",
      {},
    );
    expect(f.data?.ratingChannels).toEqual({
      channels: ["offline", "online", "qr"],
      bySite: [
        {
          siteId: CENTER,
          name: "北山街道便民服务中心",
          counts: { offline: 1, online: 0, qr: 1 },
          total: 2,
          qrShare: 0.5,
        },
        {
          siteId: STATION_A,
          name: expect.any(String),
          counts: { offline: 0, online: 0, qr: 1 },
          total: 1,
          qrShare: 1,
        },
      ],
      totals: { counts: { offline: 1, online: 0, qr: 2 }, total: 3, qrShare: 2 / 3 },
    });
  });
});
