import {
  defaultRules,
  type ServiceItem,
  seedCatalog,
  toItemSnapshot,
  WorkCalendar,
} from "@bangban/domain";
import { acceptDirectory, SyncError } from "@bangban/sync";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { demoSites } from "../demo-seed";
import { type TempDb, tempDb } from "../testing";
import { loadHubAuthority } from "./authority";
import { saveCatalogItems } from "./catalog";
import { listCatalogVersions } from "./catalog-versions";
import { staffNames } from "./reference";
import { type Site, setLocalItems, upsertSites } from "./sites";
import { createEnrolmentCode, redeemEnrolmentCode, touchStation } from "./stations";
import {
  LibsqlDistrictDirectory,
  readDistrictReference,
  reportedFreshness,
  streetDirectory,
} from "./street-directory";
import { createUser } from "./users";

const at = "2026-11-23T02:00:00.000Z";
const street2: Site[] = [
  {
    ...(demoSites[1] as Site),
    id: "330106002",
    divisionCode: "330106002",
    name: "西溪街道便民服务中心",
  },
  {
    ...(demoSites[2] as Site),
    id: "330106002001",
    divisionCode: "330106002001",
    parentId: "330106002",
    name: "古荡社区便民服务站",
  },
];
const time = { calendar: new WorkCalendar(), rules: defaultRules };

describe("the district's record of its streets (libSQL)", () => {
  let t: TempDb;
  beforeEach(async () => {
    t = await tempDb();
    await upsertSites(t.db, [...demoSites, ...street2]);
    await createUser(t.db, {
      id: "u-admin",
      siteId: "330106",
      username: "admin",
      displayName: "区管理员",
      role: "district_admin",
      passwordHash: "x",
    });
  });
  afterEach(() => t.cleanup());

  const report = (staff: object[], stations: object[] = []) => ({
    protocol: 2,
    at,
    staff,
    stations,
  });
  const push = async (street: string, body: object) => {
    const authority = await loadHubAuthority(t.db, "2026-11-23", time);
    return acceptDirectory({ siteId: street, actorIds: [] }, body, {
      directory: new LibsqlDistrictDirectory(t.db),
      siteKind: (id) => authority.siteKind(id),
    }).catch((e: unknown) => {
      if (e instanceof SyncError) return e.data.kind;
      throw e;
    });
  };

  it("stores a street's staff, whom the district's authority then knows, and names them to every street", async () => {
    const helper = {
      id: "u-gd",
      name: "古荡帮办员",
      role: "helper",
      siteId: "330106002001",
      active: true,
    };
    expect(await push("330106002", report([helper]))).toEqual({ staff: 1, stations: 0 });
    const a = await loadHubAuthority(t.db, "2026-11-23", time);
    expect(a.staff("u-gd")).toEqual({ role: "helper", siteId: "330106002001", active: true });
    expect(a.staff("u-admin")).toMatchObject({ role: "district_admin" });
    const ref = await readDistrictReference(t.db, "330106");
    expect(ref.users).toEqual([]);
    expect(ref.staff?.map((s) => s.id)).toEqual(["u-gd"]);
    expect(ref.sites.map((s) => s.id)).toContain("330106002001");

    // Left out of the next report: kept (history names them), but no longer active.
    expect(await push("330106002", report([]))).toEqual({ staff: 0, stations: 0 });
    expect((await loadHubAuthority(t.db, "2026-11-23", time)).staff("u-gd")?.active).toBe(false);
  });

  it("refuses an id the district holds or another street reported, and stores nothing", async () => {
    const x = {
      id: "u-bs",
      name: "北山审查员",
      role: "reviewer",
      siteId: "330106001",
      active: true,
    };
    expect(await push("330106001", report([x]))).toEqual({ staff: 1, stations: 0 });
    expect(await push("330106002", report([{ ...x, siteId: "330106002" }]))).toBe("ACTOR_ID_TAKEN");
    expect(await push("330106002", report([{ ...x, id: "u-admin", siteId: "330106002" }]))).toBe(
      "ACTOR_ID_TAKEN",
    );
    const a = await loadHubAuthority(t.db, "2026-11-23", time);
    expect(a.staff("u-bs")?.siteId).toBe("330106001");
    expect(a.staff("u-admin")?.siteId).toBe("330106");
  });

  it("names the staff each street reported, the district's own accounts first", async () => {
    const xs = (id: string, name: string, siteId: string) => ({
      id,
      name,
      role: "reviewer",
      siteId,
      active: true,
    });
    expect((await staffNames(t.db)).get("u-xuting")).toBeUndefined();
    await push("330106001", report([xs("u-xuting", "徐婷", "330106001")]));
    await push("330106002", report([xs("u-gd", "古荡审查员", "330106002")]));
    // Left out of 北山's next report: no longer active, still named (history names them).
    await push("330106001", report([]));
    const names = await staffNames(t.db);
    expect(names.get("u-xuting")).toBe("徐婷");
    expect(names.get("u-gd")).toBe("古荡审查员");
    expect(names.get("u-admin")).toBe("区管理员");
  });

  it("keeps each station's freshness as its street reported it", async () => {
    const st = { siteId: "330106002001", lastSeenAt: at, lastPushAt: at, lastPullAt: null };
    await push("330106002", report([], [st]));
    expect(await reportedFreshness(t.db)).toEqual([
      { ...st, streetId: "330106002", reportedAt: at },
    ]);
  });

  it("a street assembles its report from its own tables: its staff and stations only, no credentials", async () => {
    await createUser(t.db, {
      id: "u-a",
      siteId: "330106001001",
      username: "a",
      displayName: "宝石帮办员",
      role: "helper",
      passwordHash: "secret-hash",
    });
    await createEnrolmentCode(t.db, {
      codeHash: "c",
      siteId: "330106001001",
      createdBy: "t",
      createdAt: at,
      expiresAt: "2027-01-01T00:00:00.000Z",
    });
    await redeemEnrolmentCode(t.db, "c", at, {
      credentialHash: "h",
      actorIds: [`3301060010010000${"a".repeat(16)}`],
    });
    await touchStation(t.db, "330106001001", "push", at);
    const r = await streetDirectory(t.db, "330106001", at);
    expect(r.staff).toEqual([
      { id: "u-a", name: "宝石帮办员", role: "helper", siteId: "330106001001", active: true },
    ]);
    expect(JSON.stringify(r)).not.toContain("secret-hash");
    expect(r.stations).toEqual([
      { siteId: "330106001001", lastSeenAt: at, lastPushAt: at, lastPullAt: null },
    ]);
    expect(r).not.toHaveProperty("items");
  });

  describe("street-local 事项", () => {
    const seed = seedCatalog.items[0] as ServiceItem;
    const local = (code: string, version = 1): ServiceItem => ({
      ...seed,
      code,
      version,
      name: "辖区助餐补贴",
    });
    const X = "330106001";
    const Y = "330106002";

    it("an allowed street's local items are stored and issued; a new version needs the allowance; another street's code never", async () => {
      await saveCatalogItems(t.db, [seed]);
      const v1 = local(`${X}-MZ-GF-901`);
      expect(await push(X, { ...report([]), items: [v1] })).toBe("NOT_IN_SCOPE");
      await setLocalItems(t.db, X, true, at);
      await setLocalItems(t.db, Y, true, at);
      expect(await push(Y, { ...report([]), items: [v1] })).toBe("NOT_IN_SCOPE");
      expect(await push(Y, { ...report([]), items: [{ ...seed, version: 7 }] })).toBe(
        "NOT_IN_SCOPE",
      );
      expect(await push(X, { ...report([]), items: [v1] })).toEqual({ staff: 0, stations: 0 });
      const a = await loadHubAuthority(t.db, "2026-11-23", time);
      expect(a.issued(toItemSnapshot(v1))).toBe(true);
      // Rewriting the held version is refused, even while allowed.
      const altered = { ...v1, name: "改名" };
      expect(await push(X, { ...report([]), items: [altered] })).toBe("HISTORY_REWRITTEN");
      // Disallowed: what is held stays, a new version is refused.
      await setLocalItems(t.db, X, false, at);
      expect(await push(X, { ...report([]), items: [v1] })).toEqual({ staff: 0, stations: 0 });
      expect(await push(X, { ...report([]), items: [v1, local(v1.code, 2)] })).toBe("NOT_IN_SCOPE");
      expect((await listCatalogVersions(t.db, v1.code)).map((r) => r.item)).toEqual([v1]);
    });

    it("the district sends each street the district's items and its own local items only", async () => {
      await saveCatalogItems(t.db, [seed, local(`${X}-MZ-GF-901`), local(`${Y}-MZ-GF-901`)]);
      const codes = async (street: string | null) =>
        (await readDistrictReference(t.db, "330106", street)).catalog.map((c) => c.code).sort();
      expect(await codes(X)).toEqual([seed.code, `${X}-MZ-GF-901`].sort());
      expect(await codes(Y)).toEqual([seed.code, `${Y}-MZ-GF-901`].sort());
      // The allowance goes down with the site tree.
      await setLocalItems(t.db, X, true, at);
      const sites = (await readDistrictReference(t.db, "330106", X)).sites;
      expect(sites.find((s) => s.id === X)).toMatchObject({ localItems: true, version: 2 });
      expect(sites.find((s) => s.id === Y)).toMatchObject({ localItems: false });
    });

    it("a street reports its local items (every version) only while its district allows them", async () => {
      const mine = [local(`${X}-MZ-GF-901`), local(`${X}-MZ-GF-901`, 2)];
      await saveCatalogItems(t.db, [seed, ...mine, local(`${Y}-MZ-GF-901`)]);
      expect(await streetDirectory(t.db, X, at)).not.toHaveProperty("items");
      await setLocalItems(t.db, X, true, at);
      expect((await streetDirectory(t.db, X, at)).items).toEqual(mine);
    });
  });
});
