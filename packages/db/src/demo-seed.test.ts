import { parentOf, parseDivisionCode, seedCatalog } from "@bangban/domain";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEMO_SITES, demoScope, demoSites, demoUsers, seedDemo } from "./demo-seed";
import { latestCatalog } from "./queries/catalog";
import { listSites } from "./queries/sites";
import { listUsers } from "./queries/users";
import { type TempDb, tempDb } from "./testing";

const hashSecret = async (secret: string) => `hash(${secret})`;

let node: TempDb;
beforeEach(async () => {
  node = await tempDb();
});
afterEach(async () => {
  await node.cleanup();
});

/** What a seeded node holds: its site codes and its usernames, sorted. */
async function held() {
  const sites = (await listSites(node.db)).map((s) => s.id);
  const users = (await listUsers(node.db)).map((u) => u.username);
  const cases = await node.db.client.execute("SELECT count(*) AS n FROM case_projections");
  return { sites, users: users.sort(), cases: Number(cases.rows[0]?.n) };
}

describe("the demo's site tree and staff", () => {
  it("every site is a well-formed division code under its parent, and every username is unique", () => {
    for (const s of demoSites) {
      expect(parseDivisionCode(s.id).ok, s.id).toBe(true);
      expect(s.divisionCode).toBe(s.id);
      expect(s.parentId ?? undefined, s.id).toBe(parentOf(s.id));
    }
    const names = demoUsers.map((u) => u.username);
    expect(new Set(names).size).toBe(names.length);
    for (const u of demoUsers) expect(demoSites.map((s) => s.id)).toContain(u.siteId);
  });

  it("each street has its reviewer, approver and center lead; each station a helper and a lead with PINs", () => {
    const roles = (site: string) =>
      demoUsers
        .filter((u) => u.siteId === site)
        .map((u) => u.role)
        .sort();
    for (const center of [DEMO_SITES.center, DEMO_SITES.center2])
      expect(roles(center)).toEqual(["approver", "center_lead", "reviewer"]);
    for (const station of [DEMO_SITES.stationA, DEMO_SITES.stationB, DEMO_SITES.stationC]) {
      expect(roles(station)).toEqual(["helper", "station_lead"]);
      for (const u of demoUsers.filter((x) => x.siteId === station))
        expect(u.pin).toMatch(/^\d{6}$/);
    }
    expect(roles(DEMO_SITES.district)).toEqual(["district_admin"]);
  });
});

describe("seeding a demo node by its kind", () => {
  it("the district holds the whole tree, the catalog and its own accounts, and no cases", async () => {
    await seedDemo(node.db, { hashSecret, site: DEMO_SITES.district });
    expect(await held()).toEqual({
      sites: ["330106", "330106001", "330106001001", "330106001002", "330106002", "330106002001"],
      users: ["admin"],
      cases: 0,
    });
    expect((await listSites(node.db, { kind: "center" })).map((s) => s.name)).toEqual([
      "北山街道便民服务中心",
      "西溪街道便民服务中心",
    ]);
    expect((await latestCatalog(node.db)).map((i) => i.code).sort()).toEqual(
      seedCatalog.items.map((i) => i.code).sort(),
    );
  });

  it("the first street's hub holds what it held before the district tier, given its code or not", async () => {
    const before = {
      sites: ["330106", "330106001", "330106001001", "330106001002"],
      users: [
        "admin",
        "chenjing",
        "liumei",
        "sunhua",
        "wangqiang",
        "zhangli",
        "zhaolei",
        "zhoujun",
      ],
      cases: 0,
    };
    await seedDemo(node.db, { hashSecret });
    expect(await held()).toEqual(before);
    await seedDemo(node.db, { hashSecret, site: DEMO_SITES.center });
    expect(await held()).toEqual(before);
  });

  it("the second street's hub holds its own subtree and staff, none of the first street's", async () => {
    const { users } = await seedDemo(node.db, { hashSecret, site: DEMO_SITES.center2 });
    expect(users.map((u) => u.username).sort()).toEqual([
      "admin",
      "guomin",
      "hewei",
      "linfang",
      "machao",
      "xuting",
    ]);
    expect(await held()).toEqual({
      sites: ["330106", "330106002", "330106002001"],
      users: ["admin", "guomin", "hewei", "linfang", "machao", "xuting"],
      cases: 0,
    });
    const [linfang] = await listUsers(node.db, DEMO_SITES.center2);
    expect(linfang?.passwordHash).toBe("hash(bangban2026)");
  });

  it("a station holds its street's sites and only its own users (as its CLI asks, by siteIds)", async () => {
    await seedDemo(node.db, { hashSecret, siteIds: [DEMO_SITES.stationC] });
    expect(await held()).toEqual({
      sites: ["330106", "330106002", "330106002001"],
      users: ["machao", "xuting"],
      cases: 0,
    });
    const pins = (await listUsers(node.db)).map((u) => u.pinHash);
    expect(pins).toEqual(["hash(135790)", "hash(246810)"]);
  });

  it("station A holds what it held before: the first street's sites and its two users", async () => {
    await seedDemo(node.db, { hashSecret, siteIds: [DEMO_SITES.stationA] });
    expect(await held()).toEqual({
      sites: ["330106", "330106001", "330106001001", "330106001002"],
      users: ["wangqiang", "zhangli"],
      cases: 0,
    });
  });

  it("is safe to run twice", async () => {
    await seedDemo(node.db, { hashSecret, site: DEMO_SITES.center2 });
    await seedDemo(node.db, { hashSecret, site: DEMO_SITES.center2 });
    expect((await held()).users).toHaveLength(6);
  });

  it("refuses a code outside the demo district, or not a division code, naming it; seeds nothing", async () => {
    await expect(seedDemo(node.db, { hashSecret, site: "330105001" })).rejects.toThrow(
      /330105001 is not in the demo district 330106/,
    );
    await expect(seedDemo(node.db, { hashSecret, site: "3301060" })).rejects.toThrow(
      /6, 9 or 12 digits/,
    );
    expect(await held()).toEqual({ sites: [], users: [], cases: 0 });
    expect(() => demoScope("330106001999")).toThrow(/001–399/);
  });
});
