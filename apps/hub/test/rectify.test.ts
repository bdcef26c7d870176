import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { insuranceIntake, ok, rate, stationCaller } from "./cases";
import { CENTER, count, type HubHarness, hubHarness, STATION_A } from "./harness";

/** 差评整改 over HTTP: the steps, the 台账, the figures, the rater's contact (DOMAIN.md §5). */

let h: HubHarness;
beforeEach(async () => {
  h = await hubHarness();
});
afterEach(async () => {
  await h.close();
});

interface Rect {
  ratingEventId: string;
  state: string;
  dueOn: string;
  overdue: boolean;
  rater: { nameMasked: string; phoneMasked: string } | null;
}
interface Detail {
  caseId: string;
  allowed: string[];
  rectifications: Rect[];
}
interface Rate {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}
interface Figures {
  rates: { satisfaction: Rate; rectification: Rate; callback: Rate };
  radar: { siteId: string; rectificationRate: number | null }[];
}

/** An immediate item completed at the center on 2026-11-02 and rated `level` (a named rater). */
async function ratedAtCenter(level: number) {
  const lead = await h.as("sunhua");
  const c = await ok(lead, "cases.intake", insuranceIntake());
  await ok(lead, "cases.accept", { caseId: c.caseId });
  await ok(lead, "cases.complete", { caseId: c.caseId });
  await rate(lead, c.caseId, level);
  const d = (await lead.query<Detail>("cases.get", { caseId: c.caseId })).data as Detail;
  const ratingEventId = d.rectifications[0]?.ratingEventId ?? "";
  return { lead, caseId: c.caseId, ratingEventId };
}

async function detail(username: string, caseId: string) {
  const r = await (await h.as(username)).query<Detail>("cases.get", { caseId });
  return r.data as Detail;
}

async function figures() {
  return (await (await h.as("admin")).query<Figures>("dashboard.figures", {})).data as Figures;
}

describe("rectify.*", () => {
  it("差评整改率与回访率 move on the dashboard as the center lead classifies, records and calls back", async () => {
    const { lead, caseId, ratingEventId } = await ratedAtCenter(2);
    const opened = await detail("sunhua", caseId);
    expect(opened.rectifications).toEqual([
      expect.objectContaining({ state: "open", dueOn: "2026-11-09", overdue: false }),
    ]);
    expect(opened.allowed).toContain("rectify_classify");
    expect((await figures()).rates.rectification).toMatchObject({ value: 0, denominator: 1 });

    await ok(lead, "rectify.classify", { caseId, ratingEventId, kind: "immediate" });
    await ok(lead, "rectify.record", { caseId, ratingEventId, text: "已向群众致歉并优化窗口引导" });
    const after = await ok<Detail>(lead, "rectify.callback", {
      caseId,
      ratingEventId,
      reached: true,
      result: "群众对整改表示满意",
      satisfied: true,
    });
    expect(after.rectifications[0]?.state).toBe("closed");
    const f = await figures();
    expect(f.rates.rectification).toMatchObject({ value: 1, numerator: 1, denominator: 1 });
    expect(f.rates.callback).toMatchObject({ value: 1, numerator: 1, denominator: 1 });
    expect(f.radar.find((r) => r.siteId === CENTER)?.rectificationRate).toBe(1);
  });

  it("实名评价人: masked for the lead, hidden from the staff rated; revealed only to the lead owing the callback, logged", async () => {
    const { lead, caseId, ratingEventId } = await ratedAtCenter(1);
    expect((await detail("sunhua", caseId)).rectifications[0]?.rater).toEqual({
      nameMasked: "李*国",
      phoneMasked: "139****1111",
    });
    expect((await detail("chenjing", caseId)).rectifications[0]?.rater).toBeNull();
    // Before the rectification is recorded no callback is owed: refused, and the refusal logged.
    const audits = await count(h.services, "audit_log");
    const early = await lead.mutate("rectify.revealRater", { caseId, ratingEventId });
    expect(early.error?.field).toBe("ratingEventId");
    expect(await count(h.services, "audit_log")).toBe(audits + 1);
    await ok(lead, "rectify.classify", { caseId, ratingEventId, kind: "immediate" });
    await ok(lead, "rectify.record", { caseId, ratingEventId, text: "已整改" });
    const shown = await ok<{ name: string; phone: string }>(lead, "rectify.revealRater", {
      caseId,
      ratingEventId,
    });
    expect(shown).toEqual({ name: "李建国", phone: "13900001111" });
    const log = await h.services.db.client.execute(
      "SELECT action FROM audit_log WHERE action LIKE 'rating.rater_reveal%' ORDER BY id",
    );
    expect(log.rows.map((r) => r.action)).toEqual([
      "rating.rater_reveal_refused",
      "rating.rater_reveal",
    ]);
    const reviewer = await h.as("chenjing");
    expect((await reviewer.mutate("rectify.revealRater", { caseId, ratingEventId })).status).toBe(
      403,
    );
  });

  it("申诉成立: a reviewer appeals, the center lead upholds; the 差评 leaves 满意率 and 差评整改率", async () => {
    const { caseId, ratingEventId } = await ratedAtCenter(1);
    expect((await figures()).rates.satisfaction).toMatchObject({ numerator: 0, denominator: 1 });
    const reviewer = await h.as("chenjing");
    await ok(reviewer, "rectify.appeal", { caseId, ratingEventId, reason: "评价人误操作" });
    const approver = await h.as("zhaolei");
    const refused = await approver.mutate("rectify.decide", {
      caseId,
      ratingEventId,
      upheld: true,
      reason: "x",
    });
    expect(refused.status).toBe(403);
    const lead = await h.as("sunhua");
    await ok(lead, "rectify.decide", {
      caseId,
      ratingEventId,
      upheld: true,
      reason: "监控核实误点",
    });
    const f = await figures();
    expect(f.rates.satisfaction).toMatchObject({ value: null, denominator: 0 });
    expect(f.rates.rectification).toMatchObject({ value: null, denominator: 0 });
  });

  it("bad input: a 台账 without a deadline names the field and records nothing", async () => {
    const { lead, caseId, ratingEventId } = await ratedAtCenter(1);
    const changes = await count(h.services, "changes");
    const r = await lead.mutate("rectify.classify", { caseId, ratingEventId, kind: "ledger" });
    expect(r.error?.field).toBe("due");
    const long = await lead.mutate("rectify.classify", {
      caseId,
      ratingEventId,
      kind: "no_legal_basis",
      explanation: "字".repeat(501),
    });
    expect(long.error?.field).toBe("explanation");
    expect(await count(h.services, "changes")).toBe(changes);
    expect((await detail("sunhua", caseId)).rectifications[0]?.state).toBe("open");
  });

  it("差评台账: the center lead sees all with due days, red when overdue; by site; an approver none", async () => {
    const { caseId } = await ratedAtCenter(2);
    await ratedAtCenter(4);
    h.setNow("2026-11-10T03:00:00.000Z");
    const lead = await h.as("sunhua");
    const all = await lead.query<{
      rows: { caseId: string; siteName: string; overdue: boolean }[];
    }>("rectify.ledger", {});
    expect(all.data?.rows).toEqual([
      expect.objectContaining({ caseId, dueOn: "2026-11-09", overdue: true, state: "open" }),
    ]);
    expect(all.data?.rows[0]?.siteName).not.toBe(CENTER);
    // Filtered by site: none of the station's (a station lead's own node forces its site).
    const atA = await lead.query<{ rows: unknown[] }>("rectify.ledger", { siteId: STATION_A });
    expect(atA.data?.rows).toEqual([]);
    expect((await (await h.as("zhaolei")).query("rectify.ledger", {})).status).toBe(403);
  });

  it("rectify.remind: the hub's scheduler reminds the center lead before the due day, and of a station's 差评 once overdue", async () => {
    const { caseId } = await ratedAtCenter(2);
    const station = stationCaller(h);
    const atA = await station.cases.intake(insuranceIntake() as never);
    await station.cases.accept({ caseId: atA.caseId });
    await station.cases.complete({ caseId: atA.caseId });
    await rate(await h.as("sunhua"), atA.caseId, 1);
    const reminders = async () =>
      (
        await h.services.db.client.execute(
          "SELECT case_id, recipient_user_id, fires_on, severity FROM reminders WHERE rule = 'rectify.remind' ORDER BY fires_on, case_id",
        )
      ).rows.map((r) => [
        r.case_id === caseId ? "center" : "A",
        r.recipient_user_id,
        r.fires_on,
        r.severity,
      ]);
    h.setNow("2026-11-05T03:00:00.000Z");
    await h.services.scheduler.runPass();
    // The center's own 差评: its lead, two working days before; station A's is A's lead's to hear.
    expect(await reminders()).toEqual([["center", "u-sunhua", "2026-11-05", "warning"]]);
    h.setNow("2026-11-10T03:00:00.000Z");
    await h.services.scheduler.runPass();
    expect((await reminders()).slice(1).sort()).toEqual([
      ["A", "u-sunhua", "2026-11-10", "danger"],
      ["center", "u-sunhua", "2026-11-10", "danger"],
    ]);
  });
});
