import { hashSecretForTests } from "@bangban/api";
import { createUser, LibsqlCaseStore, schema, upsertSites } from "@bangban/db";
import { projectJournal } from "@bangban/db/testing";
import type { Actor } from "@bangban/domain";
import {
  actors,
  ComplaintJournal,
  JournalKit,
  residenceCertificate,
  SITES,
} from "@bangban/domain/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { CENTER, type HubHarness, hubHarness, STATION_A, TrpcClient } from "./harness";

/**
 * 区级汇总 through HTTP. The hub harness's database (demo sites, the district admin) plus a
 * second street, served once as the street hub it is and once as the district node: the same
 * services with the district (330106) as the node's site, which is what a hub started with a
 * 6-digit code is (HubServices.site.kind === "district").
 */
const DISTRICT = "330106";
const STREET_Y = "330106002";
const STATION_Y = "330106002001";
const helperY: Actor = {
  userId: "u-helper-y",
  role: "helper",
  siteId: STATION_Y,
  siteKind: "station",
};
/** 西溪's center lead: a complaint registered at 西溪 is handled by 西溪's center. */
const leadY: Actor = {
  userId: "u-lead-y",
  role: "center_lead",
  siteId: STREET_Y,
  siteKind: "center",
};

interface Rate {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}
interface FigureRow {
  siteId: string;
  name: string;
  received: number;
  completed: number;
  rates: Record<"onTime" | "satisfaction" | "activeRating" | "rectification" | "complaint", Rate>;
}
interface DistrictFigures {
  totals: { received: number; completed: number };
  streets: (FigureRow & { dataAsOf: string | null })[];
  stations: (FigureRow & { streetId: string; streetName: string })[];
  radar: { siteId: string; satisfactionRate: number | null; noComplaintRate: number | null }[];
}
interface RedCases {
  total: number;
  counts: { red: number; yellow: number };
  rows: { caseId: string; colour: string; streetId: string; handlingSiteName: string }[];
}
interface Freshness {
  streets: {
    siteId: string;
    enrolled: boolean;
    dataAsOf: string | null;
    minutesSinceData: number | null;
  }[];
  stations: {
    siteId: string;
    streetId: string;
    dataAsOf: string | null;
    reportedAt: string | null;
    reportMinutes: number | null;
  }[];
}

const complaintBody = {
  channel: "cant_get_it_done_desk",
  content: "窗口推诿，材料被退回三次",
  written: true,
  complexity: "complex",
} as const;

let h: HubHarness;
let district: ReturnType<typeof createApp>;

/** A case from a real journal, projected as every node projects it, in the node's store. */
async function stored(build: (kit: JournalKit) => void, start?: string) {
  const kit = new JournalKit(start);
  build(kit);
  const p = projectJournal(kit.events, "2026-11-30");
  await new LibsqlCaseStore(h.services.db).commit([
    { caseId: p.caseId, changes: [], projection: p },
  ]);
  return p;
}

/** A 居住证明 (promised 1 working day) taken in and accepted at a station; completed and rated if `level`. */
function residenceAt(helper: Actor, level?: number) {
  return (kit: JournalKit) => {
    kit.intake(residenceCertificate, helper, true);
    kit.add("accept", { deferred: [] }, helper);
    if (level === undefined) return;
    kit.add("complete", {}, helper);
    kit.add(
      "rate",
      { level, channel: "offline", stage: "completion" },
      { ...actors.resident, siteId: helper.siteId },
    );
  };
}

beforeEach(async () => {
  h = await hubHarness("2026-11-30T02:00:00.000Z");
  const at = "2026-01-01T00:00:00.000Z";
  await upsertSites(h.services.db, [
    {
      id: STREET_Y,
      name: "灵隐街道便民服务中心",
      kind: "center",
      parentId: DISTRICT,
      divisionCode: STREET_Y,
      address: "",
      phone: "",
      version: 1,
      updatedAt: at,
    },
    {
      id: STATION_Y,
      name: "玉泉社区便民服务站",
      kind: "station",
      parentId: STREET_Y,
      divisionCode: STATION_Y,
      address: "",
      phone: "",
      version: 1,
      updatedAt: at,
    },
  ]);
  district = createApp({
    ...h.services,
    site: { id: DISTRICT, name: "西湖区政务服务中心", kind: "district", parentId: null },
  });
});
afterEach(async () => {
  await h.close();
});

const asAdmin = () => new TrpcClient(district).login("admin");

describe("district.* at the district node", () => {
  it("figures per street and per station, each street its center's and stations' cases", async () => {
    await stored(residenceAt(actors.helperA, 5));
    await stored(residenceAt(actors.helperB, 1));
    await stored(residenceAt(helperY, 4));
    const admin = await asAdmin();
    const r = await admin.query<DistrictFigures>("district.figures", {});
    expect(r.status).toBe(200);
    const f = r.data as DistrictFigures;
    expect(f.totals).toMatchObject({ received: 3, completed: 3 });
    expect(f.streets.map((s) => [s.siteId, s.received, s.completed])).toEqual([
      [CENTER, 2, 2],
      [STREET_Y, 1, 1],
    ]);
    const x = f.streets.find((s) => s.siteId === CENTER);
    expect(x?.rates.satisfaction).toEqual({ value: 0.5, numerator: 1, denominator: 2 });
    expect(x?.rates.rectification).toMatchObject({ numerator: 0, denominator: 1 });
    // Complaints stay at their street: a district holding none says "not collected", not 0%.
    expect(x?.rates.complaint).toEqual({ value: null, numerator: null, denominator: null });
    expect(f.radar.find((s) => s.siteId === CENTER)?.noComplaintRate).toBeNull();
    // Every station of the tree has a row; the street's name is beside it.
    expect(f.stations.map((s) => [s.siteId, s.streetId, s.completed])).toEqual([
      [STATION_A, CENTER, 1],
      [SITES.stationB, CENTER, 1],
      [STATION_Y, STREET_Y, 1],
    ]);
    expect(f.stations.find((s) => s.siteId === STATION_Y)?.streetName).toBe("灵隐街道便民服务中心");
    expect(f.radar.map((d) => [d.siteId, d.satisfactionRate])).toEqual([
      [CENTER, 0.5],
      [STREET_Y, 1],
    ]);
  });

  it("a street with no case yet has a row of zeros and rates of —, not a missing line", async () => {
    await stored(residenceAt(actors.helperA, 5));
    const f = (await (await asAdmin()).query<DistrictFigures>("district.figures", {})).data;
    const y = f?.streets.find((s) => s.siteId === STREET_Y);
    expect(y).toMatchObject({ received: 0, completed: 0, dataAsOf: null });
    expect(y?.rates.onTime.value).toBeNull();
  });

  it("per staff across streets: a street's helper named from what the street reported", async () => {
    await stored(residenceAt(helperY, 2));
    await h.services.db.orm.insert(schema.districtStaff).values({
      userId: helperY.userId,
      streetId: STREET_Y,
      siteId: STATION_Y,
      displayName: "周帮办",
      role: "helper",
      active: true,
      reportedAt: "2026-11-30T01:00:00.000Z",
    });
    const r = await (await asAdmin()).query<{
      rows: {
        userId: string;
        displayName: string;
        streetId: string;
        siteName: string;
        rates: Record<string, Rate>;
      }[];
    }>("district.staff", {});
    expect(r.status).toBe(200);
    expect(r.data?.rows).toEqual([
      expect.objectContaining({
        userId: helperY.userId,
        displayName: "周帮办",
        streetId: STREET_Y,
        siteName: "玉泉社区便民服务站",
      }),
    ]);
    expect(r.data?.rows[0]?.rates.complaint).toEqual({
      value: null,
      numerator: null,
      denominator: null,
    });
    // The 差评 on the case counts for its 办理人, not yet rectified.
    expect(r.data?.rows[0]?.rates.rectification).toEqual({
      value: 0,
      numerator: 0,
      denominator: 1,
    });
  });

  it("names a street's staff from what it reported: the complaint screens' names and the board", async () => {
    // Two substantiated complaints about 西溪's helper, as they arrive from the street (synced).
    for (const id of ["cp-y1", "cp-y2"]) {
      const j = new ComplaintJournal(id);
      const target = { siteId: STATION_Y, staffId: helperY.userId };
      const reg = j.register({ kind: "complaint", ...complaintBody, target }, helperY);
      await h.services.complaints.register(id, reg, null);
      for (const type of ["accept", "start_handling"] as const) {
        await h.services.complaints.record(id, j.add({ type, payload: {} }, leadY));
      }
      const close = { substantiated: true, result: "属实", reply: "已整改" };
      await h.services.complaints.record(id, j.add({ type: "close", payload: close }, leadY));
    }
    const admin = await asAdmin();
    const before = await admin.query<{ id: string; name: string }[]>("complaints.names");
    expect(before.data?.find((n) => n.id === helperY.userId)).toBeUndefined();
    await h.services.db.orm.insert(schema.districtStaff).values({
      userId: helperY.userId,
      streetId: STREET_Y,
      siteId: STATION_Y,
      displayName: "周帮办",
      role: "helper",
      active: true,
      reportedAt: "2026-11-30T01:00:00.000Z",
    });
    const names = await admin.query<{ id: string; name: string }[]>("complaints.names");
    expect(names.data).toContainEqual({ id: helperY.userId, name: "周帮办" });
    expect(names.data).toContainEqual({ id: "u-admin", name: expect.any(String) });
    const board = await admin.query<{ flagged: { staffId: string; name: string }[] }>(
      "complaints.board",
      {},
    );
    expect(board.data?.flagged).toEqual([
      expect.objectContaining({ staffId: helperY.userId, name: "周帮办", siteId: STATION_Y }),
    ]);
    // The 投诉台账's export names the target as the screen does.
    const res = await district.request("/api/export/complaints", {
      method: "POST",
      headers: { "content-type": "application/json", cookie: admin.cookie },
      body: JSON.stringify({ format: "csv" }),
    });
    expect(res.status).toBe(200);
    const csv = await res.text();
    expect(csv).toContain("玉泉社区便民服务站 / 周帮办");
    expect(csv).not.toContain(helperY.userId);
  });

  it("red cases anywhere, filterable by street and station; counts of each colour beside", async () => {
    // Accepted 2026-11-02, due the next working day: red on 2026-11-30.
    const lateX = await stored(residenceAt(actors.helperA));
    const lateY = await stored(residenceAt(helperY));
    // Accepted 2026-11-27 (Friday), due 2026-11-30: inside the warning days, yellow.
    const dueY = await stored(residenceAt(helperY), "2026-11-27T01:00:00.000Z");
    expect(dueY.dueOn).toBe("2026-11-30");
    const admin = await asAdmin();
    const all = (await admin.query<RedCases>("district.redCases", {})).data as RedCases;
    expect(all.counts).toEqual({ red: 2, yellow: 1 });
    expect(all.rows.map((r) => [r.caseId, r.colour, r.streetId]).sort()).toEqual(
      [
        [lateX.caseId, "red", CENTER],
        [lateY.caseId, "red", STREET_Y],
      ].sort(),
    );
    const y = (await admin.query<RedCases>("district.redCases", { streetId: STREET_Y })).data;
    expect(y?.rows.map((r) => r.caseId)).toEqual([lateY.caseId]);
    expect(y?.counts).toEqual({ red: 1, yellow: 1 });
    const yellow = await admin.query<RedCases>("district.redCases", {
      colour: "yellow",
      siteId: STATION_Y,
    });
    expect(yellow.data?.rows.map((r) => [r.caseId, r.handlingSiteName])).toEqual([
      [dueY.caseId, "玉泉社区便民服务站"],
    ]);
  });

  it("a station outside the street asked for, or a malformed code, is a typed error naming the field", async () => {
    const admin = await asAdmin();
    const wrong = await admin.query("district.redCases", { streetId: STREET_Y, siteId: STATION_A });
    expect(wrong.status).toBe(400);
    expect(wrong.error).toMatchObject({ field: "siteId", zh: expect.stringContaining("不属于") });
    const bad = await admin.query("district.redCases", { streetId: "33010" });
    expect(bad.status).toBe(400);
    expect(bad.error).toMatchObject({
      field: "streetId",
      zh: expect.stringContaining("街道代码应为 9 位数字"),
    });
  });

  it("freshness: each street as the district saw it, each station as its street reported it", async () => {
    const enrolled = (siteId: string, lastPushAt: string | null) => ({
      siteId,
      credentialHash: `hash-${siteId}`,
      actorIds: "[]",
      enrolledAt: "2026-11-01T00:00:00.000Z",
      lastSeenAt: lastPushAt,
      lastPushAt,
      lastPullAt: null,
    });
    await h.services.db.orm
      .insert(schema.stations)
      .values([enrolled(STREET_Y, "2026-11-30T01:30:00.000Z")]);
    await h.services.db.orm.insert(schema.reportedSync).values({
      siteId: STATION_Y,
      streetId: STREET_Y,
      lastSeenAt: "2026-11-29T02:00:00.000Z",
      lastPushAt: "2026-11-29T02:00:00.000Z",
      lastPullAt: "2026-11-29T01:00:00.000Z",
      reportedAt: "2026-11-30T01:00:00.000Z",
    });
    const f = (await (await asAdmin()).query<Freshness>("district.freshness")).data as Freshness;
    expect(f.streets).toEqual([
      expect.objectContaining({
        siteId: CENTER,
        enrolled: false,
        dataAsOf: null,
        minutesSinceData: null,
      }),
      expect.objectContaining({ siteId: STREET_Y, enrolled: true, minutesSinceData: 30 }),
    ]);
    expect(f.stations.find((s) => s.siteId === STATION_Y)).toMatchObject({
      streetId: STREET_Y,
      dataAsOf: "2026-11-29T02:00:00.000Z",
      reportMinutes: 60,
    });
    // Stations its street never reported are listed as unknown, not dropped.
    expect(f.stations.find((s) => s.siteId === STATION_A)).toMatchObject({
      dataAsOf: null,
      reportedAt: null,
    });
  });

  it("only the administrators: another role at the district is refused, naming the role", async () => {
    await createUser(h.services.db, {
      id: "u-district-clerk",
      siteId: DISTRICT,
      username: "clerk",
      displayName: "区窗口",
      role: "front_desk",
      passwordHash: await hashSecretForTests("bangban2026"),
    });
    const clerk = await new TrpcClient(district).login("clerk");
    const r = await clerk.query("district.figures", {});
    expect(r.status).toBe(403);
    expect(r.error).toMatchObject({ field: "role" });
    expect((await new TrpcClient(district).query("district.freshness")).status).toBe(401);
  });
});

describe("a district admin signing in at a street hub keeps today's behaviour", () => {
  it("the hub dashboard answers; the district's figures are refused as not this node's", async () => {
    const admin = await h.as("admin");
    expect((await admin.query("dashboard.figures", {})).status).toBe(200);
    for (const path of [
      "district.figures",
      "district.staff",
      "district.redCases",
      "district.freshness",
    ]) {
      const r = await admin.query(path, path === "district.freshness" ? undefined : {});
      expect(r.status, path).toBe(403);
      expect(r.error, path).toMatchObject({ code: "NOT_ALLOWED", field: "site" });
    }
  });
});
