import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type TempDb, tempDb } from "../testing";
import {
  absencesOn,
  cancelAbsence,
  listAbsences,
  type NewAbsence,
  overlappingAbsences,
  recordAbsence,
} from "./absences";

const STATION_A = "330106001001";
const STATION_B = "330106001002";

let t: TempDb;
beforeEach(async () => {
  t = await tempDb();
});
afterEach(async () => {
  await t.cleanup();
});

const absence = (id: string, over: Partial<NewAbsence> = {}): NewAbsence => ({
  id,
  userId: "u-zhangli",
  siteId: STATION_A,
  kind: "leave",
  from: "2026-11-03",
  to: "2026-11-05",
  note: "",
  recordedBy: "u-wangqiang",
  createdAt: "2026-11-02T02:00:00.000Z",
  ...over,
});

describe("absences", () => {
  it("absencesOn: the absences in force on a day, both ends included, cancelled ones not", async () => {
    await recordAbsence(t.db, absence("a1"));
    await recordAbsence(
      t.db,
      absence("a2", {
        userId: "u-liumei",
        siteId: STATION_B,
        from: "2026-11-05",
        to: "2026-11-05",
      }),
    );
    await recordAbsence(t.db, absence("a3", { userId: "u-zhoujun", siteId: STATION_B }));
    expect(await cancelAbsence(t.db, "a3", "u-zhoujun", "2026-11-02T03:00:00.000Z")).toMatchObject({
      cancelledBy: "u-zhoujun",
    });
    const ids = async (on: string) => (await absencesOn(t.db, on)).map((a) => a.id);
    expect(await ids("2026-11-02")).toEqual([]);
    expect(await ids("2026-11-03")).toEqual(["a1"]);
    expect(await ids("2026-11-05")).toEqual(["a1", "a2"]);
    expect(await ids("2026-11-06")).toEqual([]);
  });

  it("a cancelled absence cannot be cancelled again (the first cancel stands)", async () => {
    await recordAbsence(t.db, absence("a1"));
    await cancelAbsence(t.db, "a1", "u-wangqiang", "2026-11-02T03:00:00.000Z");
    expect(await cancelAbsence(t.db, "a1", "u-other", "2026-11-02T04:00:00.000Z")).toBeNull();
    expect(await cancelAbsence(t.db, "nope", "u-wangqiang", "2026-11-02T04:00:00.000Z")).toBeNull();
    const [kept] = await listAbsences(t.db, { includeCancelled: true });
    expect(kept).toMatchObject({
      cancelledBy: "u-wangqiang",
      cancelledAt: "2026-11-02T03:00:00.000Z",
    });
  });

  it("lists by site and from a day on; finds a person's overlapping absences", async () => {
    await recordAbsence(t.db, absence("a1"));
    await recordAbsence(t.db, absence("a2", { userId: "u-liumei", siteId: STATION_B }));
    await recordAbsence(t.db, absence("a0", { from: "2026-10-20", to: "2026-10-21" }));
    expect((await listAbsences(t.db, { siteIds: [STATION_A] })).map((a) => a.id)).toEqual([
      "a0",
      "a1",
    ]);
    expect(
      (await listAbsences(t.db, { siteIds: [STATION_A], endingFrom: "2026-11-02" })).map(
        (a) => a.id,
      ),
    ).toEqual(["a1"]);
    expect(
      (await overlappingAbsences(t.db, "u-zhangli", "2026-11-05", "2026-11-09")).map((a) => a.id),
    ).toEqual(["a1"]);
    expect(await overlappingAbsences(t.db, "u-zhangli", "2026-11-06", "2026-11-09")).toEqual([]);
  });
});
