import { touchStation } from "@bangban/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { elderlyIntake, insuranceIntake, ok, rate, stationCaller } from "./cases";
import { CENTER, type HubHarness, hubHarness, STATION_A } from "./harness";

let h: HubHarness;
beforeEach(async () => {
  h = await hubHarness();
});
afterEach(async () => {
  await h.close();
});

interface Rate {
  value: number | null;
  numerator: number | null;
  denominator: number;
  note?: { zh: string };
}
interface Figures {
  totals: { received: number; completed: number; withVerdict: number; onTime: number };
  rates: { onTime: Rate; satisfaction: Rate; activeRating: Rate; rectification: Rate };
  ratingLevels: { level: number; count: number }[];
  byItem: { itemCode: string; received: number; completed: number }[];
  bySite: {
    siteId: string;
    received: number;
    open: number;
    completed: number;
    dataAsOf: string | null;
  }[];
  byDay: { day: string; count: number }[];
  byHour: { hour: number; count: number }[];
  radar: Record<string, number | string | null>[];
  freshness: { siteId: string; lastPushAt: string | null; dataAsOf: string | null }[];
}

/**
 * Four cases worked through the real commands as the right roles:
 * 1. 高龄津贴 at the center, decided after its due date, rated 非常满意 (5);
 * 2. 医保参保登记 at the center, an immediate item completed on the spot, rated 不满意 (2);
 * 3. 高龄津贴 taken in at station A, forwarded, decided at the center, completed at the station;
 * 4. 医保参保登记 at the center, accepted and still open.
 */
async function fourCases() {
  const lead = await h.as("sunhua");
  const reviewer = await h.as("chenjing");
  const approver = await h.as("zhaolei");

  const late = await ok(lead, "cases.intake", elderlyIntake());
  await ok(lead, "cases.accept", { caseId: late.caseId });
  await ok(reviewer, "cases.startReview", { caseId: late.caseId });

  const quick = await ok(lead, "cases.intake", insuranceIntake());
  await ok(lead, "cases.accept", { caseId: quick.caseId });
  await ok(lead, "cases.complete", { caseId: quick.caseId });
  await rate(lead, quick.caseId, 2);

  const station = stationCaller(h);
  const fromStation = await station.cases.intake(elderlyIntake("13700002222") as never);
  await station.cases.accept({ caseId: fromStation.caseId });
  const forwarded = await station.cases.forward({ caseId: fromStation.caseId });
  expect(forwarded.handlingSiteId).toBe(CENTER);
  await ok(reviewer, "cases.startReview", { caseId: fromStation.caseId });
  await ok(approver, "cases.approve", { caseId: fromStation.caseId });
  await ok(reviewer, "cases.issue", { caseId: fromStation.caseId });
  const done = await station.cases.complete({ caseId: fromStation.caseId });
  expect(done.status).toBe("COMPLETED");

  const open = await ok(lead, "cases.intake", insuranceIntake());
  await ok(lead, "cases.accept", { caseId: open.caseId });

  // 15 working days after 2026-11-02 is 2026-11-23; the decision comes on 2026-11-30.
  h.setNow("2026-11-30T03:00:00.000Z");
  await ok(await h.as("zhaolei"), "cases.approve", { caseId: late.caseId });
  await ok(await h.as("chenjing"), "cases.issue", { caseId: late.caseId });
  const lead2 = await h.as("sunhua");
  const completed = await ok(lead2, "cases.complete", { caseId: late.caseId });
  expect(completed.status).toBe("COMPLETED");
  await rate(lead2, late.caseId, 5);
}

describe("dashboard.figures", () => {
  it("counts the rates from the cases, and says what it cannot count", async () => {
    await fourCases();
    const admin = await h.as("admin");
    const r = await admin.query<Figures>("dashboard.figures", {});
    expect(r.error).toBeUndefined();
    const f = r.data as Figures;
    expect(f.totals).toMatchObject({ received: 4, completed: 3, withVerdict: 3, onTime: 2 });
    // 超期 counts against the legal limit, and neither item has one: none is 超期.
    expect(f.totals).toMatchObject({ overdueOpen: 0, overdueFinished: 0 });
    expect(f.rates.onTime).toMatchObject({ numerator: 2, denominator: 3 });
    expect(f.rates.onTime.value).toBeCloseTo(2 / 3);
    expect(f.rates.satisfaction).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
    expect(f.rates.activeRating.value).toBeCloseTo(2 / 3);
    // The 不满意 opened a rectification record, not yet closed: 0 of 1 (DOMAIN.md §5).
    expect(f.rates.rectification).toMatchObject({ value: 0, numerator: 0, denominator: 1 });
    expect(f.ratingLevels.find((l) => l.level === 5)?.count).toBe(1);
    expect(f.ratingLevels.find((l) => l.level === 2)?.count).toBe(1);

    expect(f.byItem).toEqual([
      expect.objectContaining({ itemCode: "MZ-GF-001", received: 2, completed: 2 }),
      expect.objectContaining({ itemCode: "YB-GG-001", received: 2, completed: 1 }),
    ]);
    // 收件 at the intake site; open where handled now; 办结 where completed.
    expect(f.bySite.find((s) => s.siteId === CENTER)).toMatchObject({
      received: 3,
      open: 1,
      completed: 2,
    });
    expect(f.bySite.find((s) => s.siteId === STATION_A)).toMatchObject({
      received: 1,
      open: 0,
      completed: 1,
    });
    // Station B has nothing to count and is not listed with zeros.
    expect(f.bySite.map((s) => s.siteId).sort()).toEqual([CENTER, STATION_A]);
    // Cases were taken in at 10:00 China time on 2026-11-02; the window is the last 30 days.
    expect(f.byDay).toHaveLength(30);
    expect(f.byDay.at(-1)?.day).toBe("2026-11-30");
    expect(f.byDay.find((d) => d.day === "2026-11-02")?.count).toBe(4);
    expect(f.byHour).toHaveLength(24);
    expect(f.byHour[10]?.count).toBe(4);

    const centerRadar = f.radar.find((s) => s.siteId === CENTER);
    expect(centerRadar).toMatchObject({
      satisfactionRate: 0.5,
      // No substantiated complaint about the center: 1 − 0 ÷ 2.
      noComplaintRate: 1,
      rectificationRate: 0,
    });
    expect(centerRadar?.onTimeRate).toBeCloseTo(0.5);
    expect(f.radar.find((s) => s.siteId === STATION_A)).toMatchObject({
      onTimeRate: 1,
      satisfactionRate: null,
      activeRatingRate: 0,
    });
  });

  it("投诉率: a substantiated complaint about a site counts against its cases handled on the radar", async () => {
    await fourCases();
    const lead = await h.as("sunhua");
    const made = await lead.mutate<{ id: string }>("complaints.register", {
      channel: "phone",
      target: { staffId: "u-zhangli" },
      content: "服务态度差",
      written: false,
      complexity: "simple",
      complainant: null,
    });
    const id = made.data?.id;
    for (const type of ["accept", "start_handling"]) await ok(lead, "complaints.act", { id, type });
    await ok(lead, "complaints.act", { id, type: "close", substantiated: true, result: "属实" });
    const admin = await h.as("admin");
    const f = (await admin.query<Figures>("dashboard.figures", {})).data as Figures;
    // Station A completed one case and has one substantiated complaint: 1 − 1 ÷ 1.
    expect(f.radar.find((s) => s.siteId === STATION_A)?.noComplaintRate).toBe(0);
    expect(f.radar.find((s) => s.siteId === CENTER)?.noComplaintRate).toBe(1);
    expect((f.rates as unknown as { complaint: Rate }).complaint).toEqual({
      value: 1 / 3,
      numerator: 1,
      denominator: 3,
    });
  });

  it("says how fresh each station's data is", async () => {
    const admin = await h.as("admin");
    const before = (await admin.query<Figures>("dashboard.figures")).data as Figures;
    expect(before.freshness.find((s) => s.siteId === STATION_A)?.dataAsOf).toBeNull();
    expect(before.freshness.find((s) => s.siteId === CENTER)?.dataAsOf).toBe(
      "2026-11-02T02:00:00.000Z",
    );
    await h.services.db.client.execute({
      sql: `INSERT INTO stations (site_id, credential_hash, actor_ids, enrolled_at) VALUES (?, ?, '[]', ?)`,
      args: [STATION_A, "x".repeat(64), "2026-11-01T00:00:00.000Z"],
    });
    await touchStation(h.services.db, STATION_A, "push", "2026-11-01T20:00:00.000Z");
    const after = (await admin.query<Figures>("dashboard.figures")).data as Figures;
    expect(after.freshness.find((s) => s.siteId === STATION_A)).toMatchObject({
      lastPushAt: "2026-11-01T20:00:00.000Z",
      dataAsOf: "2026-11-01T20:00:00.000Z",
      hoursSinceData: 6,
    });
  });

  it("counts a station's data as fresh from its last exchange with the hub, an empty pull too", async () => {
    // A healthy station with nothing to send only pulls: its data at the hub is complete as of
    // that pull (each round pushes first, and pulls only once the push was acknowledged).
    await h.services.db.client.execute({
      sql: `INSERT INTO stations (site_id, credential_hash, actor_ids, enrolled_at) VALUES (?, ?, '[]', ?)`,
      args: [STATION_A, "x".repeat(64), "2026-11-01T00:00:00.000Z"],
    });
    await touchStation(h.services.db, STATION_A, "push", "2026-11-01T20:00:00.000Z");
    await touchStation(h.services.db, STATION_A, "pull", "2026-11-02T01:59:00.000Z");
    const admin = await h.as("admin");
    const figures = (await admin.query<Figures>("dashboard.figures")).data as Figures;
    expect(figures.freshness.find((s) => s.siteId === STATION_A)).toMatchObject({
      lastPushAt: "2026-11-01T20:00:00.000Z",
      dataAsOf: "2026-11-02T01:59:00.000Z",
      hoursSinceData: 0,
    });
  });

  it("is for district admins, center leads and reviewers; a period is checked", async () => {
    const approver = await h.as("zhaolei");
    expect((await approver.query("dashboard.figures")).status).toBe(403);
    const reviewer = await h.as("chenjing");
    expect((await reviewer.query("dashboard.figures")).status).toBe(200);
    const backwards = await reviewer.query("dashboard.figures", {
      from: "2026-11-02",
      to: "2026-11-01",
    });
    expect(backwards.error?.field).toBe("to");
    expect((await h.client().query("dashboard.figures")).status).toBe(401);
  });
});
