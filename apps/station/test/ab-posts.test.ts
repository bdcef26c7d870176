import { applyReference, listAudit, type StaffEntry, updateUser } from "@bangban/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  elderlyIntake,
  STATION_A,
  type StationHarness,
  stationHarness,
  writtenSoFar,
} from "./harness";

interface Detail {
  caseId: string;
  status: string;
  assigneeId: string | null;
  firstResponderId: string;
  handoffs: { kind: string; toUserId?: string; reason?: string }[];
}

let h: StationHarness;
beforeEach(async () => {
  h = await stationHarness();
  // The street's staff directory, as the hub sends it with the reference data.
  const staff: StaffEntry[] = [
    { id: "u-liumei", displayName: "刘梅", role: "helper", siteId: "330106001002", active: true },
    { id: "u-chenjing", displayName: "陈静", role: "reviewer", siteId: "330106001", active: true },
  ];
  await applyReference(h.services.db, { sites: [], users: [], staff, catalog: [], calendar: null });
});
afterEach(async () => {
  await h.close();
});

/** A case the helper 张丽 took in at the counter (she is its first responder and 承办人). */
async function openCase() {
  const helper = await h.client().login("zhangli");
  const c = await helper.mutate<Detail>("cases.intake", elderlyIntake());
  if (!c.data) throw new Error(JSON.stringify(c.error));
  return c.data;
}

describe("转派 within the station (AB岗)", () => {
  it("attack: a station lead cannot hand a case to another site's user or a stranger; nothing is written", async () => {
    const c = await openCase();
    const lead = await h.client().login("wangqiang");
    const before = await writtenSoFar(h.services);
    for (const toUserId of ["u-liumei", "u-chenjing", "u-nobody"]) {
      const r = await lead.mutate("cases.reassign", { caseId: c.caseId, toUserId, reason: "请假" });
      expect(r.status, toUserId).toBe(400);
      expect(r.error).toMatchObject({ field: "toUserId", code: "NOT_ELIGIBLE" });
    }
    expect(await writtenSoFar(h.services)).toEqual(before);
  });

  it("an inactive account of the station is refused too", async () => {
    const c = await openCase();
    await updateUser(h.services.db, "u-zhangli", { active: false });
    const lead = await h.client().login("wangqiang");
    const r = await lead.mutate("cases.reassign", {
      caseId: c.caseId,
      toUserId: "u-zhangli",
      reason: "x",
    });
    expect(r.error).toMatchObject({ field: "toUserId", code: "NOT_ELIGIBLE" });
  });

  it("the lead hands the case to a colleague; the first responder stays", async () => {
    const c = await openCase();
    const lead = await h.client().login("wangqiang");
    const r = await lead.mutate<Detail>("cases.reassign", {
      caseId: c.caseId,
      toUserId: "u-wangqiang",
      reason: "张丽外出",
    });
    expect(r.error).toBeUndefined();
    expect(r.data).toMatchObject({ assigneeId: "u-wangqiang", firstResponderId: "u-zhangli" });
  });

  it("a person away today: the case goes to their B岗 and the journal says so", async () => {
    const c = await openCase();
    await updateUser(h.services.db, "u-zhangli", { backupUserId: "u-wangqiang" });
    const lead = await h.client().login("wangqiang");
    const away = await lead.mutate<{ id: string }>("absences.create", {
      userId: "u-zhangli",
      kind: "leave",
      from: "2026-11-02",
      to: "2026-11-03",
    });
    expect(away.error).toBeUndefined();
    // The case is A's (the helper took it in); handing it to A again while A is away routes to B.
    const r = await lead.mutate<Detail>("cases.reassign", {
      caseId: c.caseId,
      toUserId: "u-zhangli",
      reason: "按规定转派",
    });
    expect(r.error).toBeUndefined();
    expect(r.data?.assigneeId).toBe("u-wangqiang");
    expect(r.data?.handoffs.at(-1)?.reason).toContain("张丽今日不在岗");
    const [line] = await listAudit(h.services.db, { action: "absence.create", limit: 1 });
    expect(line?.detail).toMatchObject({ targetUserId: "u-zhangli", from: "2026-11-02" });
    expect(STATION_A).toBe(line?.siteId);
  });
});

describe("请假与AB岗: absences recorded by the station's lead", () => {
  const leave = { userId: "u-zhangli", kind: "leave", from: "2026-11-03", to: "2026-11-05" };

  it("bad input is refused naming the field, and nothing is written", async () => {
    const lead = await h.client().login("wangqiang");
    const before = await writtenSoFar(h.services);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ to: "2026-11-02", from: "2026-11-04" }, "to", "OUT_OF_RANGE"], // ends before it starts
      [{ from: "2026-11-31" }, "from", "INVALID_DATE"],
      [{ from: "2026-10-20", to: "2026-10-30" }, "to", "OUT_OF_RANGE"], // already over
      [{ kind: "holiday" }, "kind", "INVALID_FORMAT"],
      [{ userId: "u-liumei" }, "userId", "NOT_ELIGIBLE"], // another station's helper
      [{ userId: "u-chenjing" }, "userId", "NOT_ELIGIBLE"], // the center's reviewer
    ];
    for (const [patch, field, code] of cases) {
      const r = await lead.mutate("absences.create", { ...leave, ...patch });
      expect(r.status, JSON.stringify(patch)).toBe(400);
      expect(r.error, JSON.stringify(patch)).toMatchObject({ field, code });
    }
    expect(await writtenSoFar(h.services)).toEqual(before);
  });

  it("a helper may not record or cancel absences", async () => {
    const helper = await h.client().login("zhangli");
    const r = await helper.mutate("absences.create", leave);
    expect(r.status).toBe(403);
    expect((await helper.query("absences.list", {})).status).toBe(403);
  });

  it("records, refuses an overlap, lists who is away, cancels once", async () => {
    const lead = await h.client().login("wangqiang");
    const saved = await lead.mutate<{ id: string }>("absences.create", { ...leave, note: "年假" });
    expect(saved.error).toBeUndefined();
    const overlap = await lead.mutate("absences.create", {
      ...leave,
      from: "2026-11-05",
      to: "2026-11-06",
    });
    expect(overlap.error).toMatchObject({ field: "from", code: "DUPLICATE" });

    const list = await lead.query<{
      today: string;
      staff: { id: string }[];
      absences: { id: string; userName: string; kind: string; note: string }[];
    }>("absences.list", {});
    expect(list.data?.today).toBe("2026-11-02");
    expect(list.data?.staff.map((s) => s.id).sort()).toEqual(["u-wangqiang", "u-zhangli"]);
    expect(list.data?.absences).toEqual([
      expect.objectContaining({
        id: saved.data?.id,
        userName: "张丽",
        kind: "leave",
        note: "年假",
      }),
    ]);

    const id = saved.data?.id;
    expect((await lead.mutate("absences.cancel", { id })).error).toBeUndefined();
    const again = await lead.mutate("absences.cancel", { id });
    expect(again.error).toMatchObject({ field: "id", code: "NOT_ELIGIBLE" });
    const after = await lead.query<{ absences: unknown[] }>("absences.list", {});
    expect(after.data?.absences).toEqual([]);
    const [line] = await listAudit(h.services.db, { action: "absence.cancel", limit: 1 });
    expect(line?.detail).toMatchObject({ absenceId: id, targetUserId: "u-zhangli" });
  });

  it("the 转派 dialog's list: the handling site's staff, who is away today and where their cases go", async () => {
    const c = await openCase();
    await updateUser(h.services.db, "u-zhangli", { backupUserId: "u-wangqiang" });
    const lead = await h.client().login("wangqiang");
    await lead.mutate("absences.create", { ...leave, from: "2026-11-02" });
    const r = await lead.query<{
      staff: { id: string; absentToday: boolean; routesTo: string | null }[];
    }>("absences.assignable", { caseId: c.caseId });
    expect(r.data?.staff).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: "u-zhangli", absentToday: true, routesTo: "u-wangqiang" }),
        expect.objectContaining({ id: "u-wangqiang", absentToday: false, routesTo: "u-wangqiang" }),
      ]),
    );
    expect(r.data?.staff).toHaveLength(2);
  });
});
