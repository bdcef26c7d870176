import type { CaseStatus } from "@bangban/domain";
import { type CaseProjection, type Colour, colourOn } from "@bangban/sync";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LibsqlCaseStore } from "../case-store";
import { projectionFixture, type TempDb, tempDb } from "../testing";
import { countByStatus, getCaseByNumber, listCases, openCaseIdsAfter } from "./cases";

const TODAY = "2026-11-23";
const STATION_A = "330106001001";
const STATION_B = "330106001002";
const CENTER = "330106001000";

async function put(t: TempDb, projections: CaseProjection[]): Promise<void> {
  await new LibsqlCaseStore(t.db).commit(
    projections.map((projection) => ({ caseId: projection.caseId, changes: [], projection })),
  );
}

const ids = (rows: readonly { caseId: string }[]) => rows.map((r) => r.caseId).sort();

describe("listCases", () => {
  let t: TempDb;
  beforeEach(async () => {
    t = await tempDb();
  });
  afterEach(async () => t.cleanup());

  it("filters by site (origin, handling or pick-up), status, item, name, ID hash and number", async () => {
    const a = projectionFixture(1, { originSiteId: STATION_A, status: "SUBMITTED" });
    const b = projectionFixture(2, {
      originSiteId: STATION_B,
      pickupSiteId: STATION_A,
      itemCode: "RS-GF-002",
    });
    const c = projectionFixture(3, {
      originSiteId: STATION_B,
      applicantNameMasked: "李*",
      applicantIdHash: "h:li",
      assigneeId: "u-rev",
      conflict: true,
    });
    await put(t, [a, b, c]);
    const list = async (f: Partial<Parameters<typeof listCases>[1]>) =>
      ids((await listCases(t.db, { today: TODAY, limit: 50, ...f })).rows);
    expect(await list({ siteIds: [STATION_A] })).toEqual(ids([a, b]));
    expect(await list({ siteIds: [STATION_B] })).toEqual(ids([b, c]));
    expect(await list({ siteIds: [CENTER] })).toEqual(ids([a, b, c]));
    expect(await list({ siteIds: [] })).toEqual([]);
    expect(await list({ statuses: ["SUBMITTED"] })).toEqual(ids([a]));
    expect(await list({ statuses: ["ACCEPTED", "SUBMITTED"] })).toEqual(ids([a, b, c]));
    expect(await list({ itemCode: "RS-GF-002" })).toEqual(ids([b]));
    expect(await list({ applicantNameMasked: "李*" })).toEqual(ids([c]));
    expect(await list({ applicantIdHash: "h:li" })).toEqual(ids([c]));
    expect(await list({ caseNumber: b.caseNumber })).toEqual(ids([b]));
    expect(await list({ assigneeId: "u-rev" })).toEqual(ids([c]));
    expect(await list({ conflict: true })).toEqual(ids([c]));
    expect(await list({ conflict: false, siteIds: [STATION_B] })).toEqual(ids([b]));
    // The list table's row: the projection without its rule state (case_rule_states).
    const { ruleState: _, ...row } = b;
    expect(await getCaseByNumber(t.db, b.caseNumber)).toStrictEqual(row);
    expect(await getCaseByNumber(t.db, "nope")).toBeNull();
  });

  it("filters by stage: 待审批 among the cases in review", async () => {
    const waiting = projectionFixture(1, { status: "IN_REVIEW", stage: "awaiting_approval" });
    const working = projectionFixture(2, { status: "IN_REVIEW", stage: null });
    const sent = projectionFixture(3, { status: "ACCEPTED", stage: "forwarded" });
    await put(t, [waiting, working, sent]);
    const list = async (stage: "awaiting_approval" | "forwarded") =>
      ids((await listCases(t.db, { today: TODAY, limit: 10, stage })).rows);
    expect(await list("awaiting_approval")).toEqual(ids([waiting]));
    expect(await list("forwarded")).toEqual(ids([sent]));
    expect((await getCaseByNumber(t.db, waiting.caseNumber))?.stage).toBe("awaiting_approval");
  });

  it("filters open and terminal cases", async () => {
    const open = projectionFixture(1, { status: "IN_REVIEW" });
    const done = projectionFixture(2, { status: "COMPLETED" });
    const gone = projectionFixture(3, { status: "WITHDRAWN" });
    await put(t, [open, done, gone]);
    const list = async (o: boolean) =>
      ids((await listCases(t.db, { today: TODAY, limit: 10, open: o })).rows);
    expect(await list(true)).toEqual(ids([open]));
    expect(await list(false)).toEqual(ids([done, gone]));
  });

  it("openCaseIdsAfter pages the open cases by id, skipping terminal ones", async () => {
    const statuses: CaseStatus[] = [
      "ACCEPTED",
      "COMPLETED",
      "IN_REVIEW",
      "READY_FOR_PICKUP",
      "TERMINATED",
    ];
    const rows = statuses.map((status, i) => projectionFixture(i + 1, { status }));
    await put(t, rows);
    const [a, , c, d] = rows.map((r) => r.caseId);
    expect(await openCaseIdsAfter(t.db, "", 2)).toEqual([a, c]);
    expect(await openCaseIdsAfter(t.db, c as string, 2)).toEqual([d]);
    expect(await openCaseIdsAfter(t.db, d as string, 2)).toEqual([]);
  });

  it("pages with a total, and orders by due date (undated last), updated or submitted", async () => {
    const rows = [
      projectionFixture(1, {
        dueOn: "2026-12-05",
        updatedAt: "2026-11-20T10:00:00Z",
        submittedAt: "2026-11-01T00:00:00Z",
      }),
      projectionFixture(2, {
        dueOn: null,
        updatedAt: "2026-11-22T10:00:00Z",
        submittedAt: "2026-11-03T00:00:00Z",
      }),
      projectionFixture(3, {
        dueOn: "2026-11-25",
        updatedAt: "2026-11-21T10:00:00Z",
        submittedAt: "2026-11-02T00:00:00Z",
      }),
      projectionFixture(4, {
        dueOn: "2026-11-30",
        updatedAt: "2026-11-19T10:00:00Z",
        submittedAt: "2026-11-04T00:00:00Z",
      }),
    ];
    await put(t, rows);
    const order = async (orderBy: "due" | "updated" | "submitted") =>
      (await listCases(t.db, { today: TODAY, limit: 10, orderBy })).rows.map((r) =>
        r.caseId.slice(-1),
      );
    expect(await order("due")).toEqual(["3", "4", "1", "2"]);
    expect(await order("updated")).toEqual(["2", "3", "1", "4"]);
    expect(await order("submitted")).toEqual(["4", "2", "3", "1"]);
    const page = await listCases(t.db, { today: TODAY, limit: 2, offset: 2, orderBy: "due" });
    expect(page.total).toBe(4);
    expect(page.rows.map((r) => r.caseId.slice(-1))).toEqual(["1", "2"]);
    await expect(listCases(t.db, { today: TODAY, limit: 0 })).rejects.toMatchObject({
      field: "limit",
    });
  });

  it("filters by deadline colour exactly as colourOn does", async () => {
    // Every combination of the fields colourOn reads, around a fixed today.
    const statuses: CaseStatus[] = [
      "SUBMITTED",
      "ACCEPTED",
      "IN_REVIEW",
      "READY_FOR_PICKUP",
      "COMPLETED",
    ];
    const dates = [null, "2026-11-20", TODAY, "2026-11-26"];
    const all: CaseProjection[] = [];
    for (const status of statuses)
      for (const acceptedAt of [null, "2026-11-02T09:30:00+08:00"])
        for (const paused of [false, true])
          for (const frozenColour of [null, "green", "yellow", "red"] as const)
            for (const dueOn of dates)
              for (const yellowFrom of dates)
                all.push(
                  projectionFixture(all.length, {
                    status,
                    acceptedAt,
                    paused,
                    frozenColour,
                    dueOn,
                    yellowFrom,
                  }),
                );
    await put(t, all);
    for (const colour of ["none", "green", "yellow", "red"] as Colour[]) {
      const expected = all.filter((p) => colourOn(p, TODAY) === colour);
      const got: { caseId: string }[] = [];
      for (let offset = 0; ; offset += 1000) {
        const page = await listCases(t.db, { today: TODAY, colour, limit: 1000, offset });
        expect(page.total).toBe(expected.length);
        got.push(...page.rows);
        if (page.rows.length < 1000) break;
      }
      expect(ids(got)).toEqual(ids(expected));
      expect(expected.length).toBeGreaterThan(0);
    }
  });

  it("counts by status, within sites", async () => {
    await put(t, [
      projectionFixture(1, { status: "ACCEPTED", originSiteId: STATION_A }),
      projectionFixture(2, { status: "ACCEPTED", originSiteId: STATION_B }),
      projectionFixture(3, { status: "COMPLETED", originSiteId: STATION_A }),
    ]);
    const all = await countByStatus(t.db);
    expect(all.ACCEPTED).toBe(2);
    expect(all.COMPLETED).toBe(1);
    expect(all.SUBMITTED).toBe(0);
    const mine = await countByStatus(t.db, [STATION_B]);
    expect(mine.ACCEPTED).toBe(1);
    expect(mine.COMPLETED).toBe(0);
  });
});
