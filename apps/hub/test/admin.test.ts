import { hashEnrolmentCode } from "@bangban/api";
import { getItem, listAudit, redeemEnrolmentCode } from "@bangban/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CENTER, count, type HubHarness, hubHarness, STATION_A, STATION_B } from "./harness";

let h: HubHarness;
beforeEach(async () => {
  h = await hubHarness();
});
afterEach(async () => {
  await h.close();
});

const newStation = {
  divisionCode: "330106001003",
  name: "保俶社区便民服务站",
  address: "保俶路 20 号",
  phone: "0571-87002003",
};

describe("admin.sites", () => {
  it("a center lead creates a station under the center; kind and parent come from the code", async () => {
    const lead = await h.as("sunhua");
    const r = await lead.mutate<{ id: string; kind: string; parentId: string; version: number }>(
      "admin.sites.create",
      newStation,
    );
    expect(r.error).toBeUndefined();
    expect(r.data).toMatchObject({
      id: "330106001003",
      kind: "station",
      parentId: CENTER,
      version: 1,
    });
    const [line] = await listAudit(h.services.db, { action: "site.create", limit: 1 });
    expect(line?.detail).toMatchObject({ siteId: "330106001003" });
    expect(line?.userId).toBe("u-sunhua");
  });

  it("bad division codes and parents are refused, naming the field, and nothing is written", async () => {
    const lead = await h.as("sunhua");
    const before = [await count(h.services, "sites"), await count(h.services, "audit_log")];
    const cases: [Record<string, unknown>, string, string][] = [
      [{ divisionCode: "33010600100" }, "divisionCode", "INVALID_FORMAT"], // 11 digits
      [{ divisionCode: "330106001999" }, "divisionCode", "OUT_OF_RANGE"], // no such community kind
      [{ divisionCode: "990106001003" }, "divisionCode", "OUT_OF_RANGE"], // no such province
      [{ divisionCode: "330106001004", parentId: "330106" }, "parentId", "NOT_ELIGIBLE"],
      [{ phone: "12345" }, "phone", "INVALID_FORMAT"],
      [{ divisionCode: STATION_A }, "divisionCode", "DUPLICATE"],
    ];
    for (const [patch, field, code] of cases) {
      const r = await lead.mutate("admin.sites.create", { ...newStation, ...patch });
      expect(r.status, JSON.stringify(patch)).toBe(400);
      expect(r.error).toMatchObject({ field, code });
    }
    // A station under a center that does not exist; a district admin may create it once the center is there.
    const admin = await h.as("admin");
    const orphan = await admin.mutate("admin.sites.create", {
      ...newStation,
      divisionCode: "330106002001",
    });
    expect(orphan.error).toMatchObject({ field: "parentId", code: "NOT_ELIGIBLE" });
    // A center lead manages this center's stations only.
    const elsewhere = await lead.mutate("admin.sites.create", {
      ...newStation,
      divisionCode: "330106002",
    });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.error?.code).toBe("NOT_ALLOWED");
    expect(await count(h.services, "sites")).toBe(before[0]);
    // Only the district admin's sign-in was audited since: no site change.
    expect(await count(h.services, "audit_log")).toBe((before[1] ?? 0) + 1);
    expect(await listAudit(h.services.db, { action: "site.create", limit: 1 })).toEqual([]);
  });

  it("an update bumps the version; a stale edit is refused; reviewers only read", async () => {
    const lead = await h.as("sunhua");
    const r = await lead.mutate<{ version: number; name: string }>("admin.sites.update", {
      id: STATION_B,
      name: "西湖社区党群服务中心便民服务站",
      expectedVersion: 1,
    });
    expect(r.data).toMatchObject({ version: 2, name: "西湖社区党群服务中心便民服务站" });
    const stale = await lead.mutate("admin.sites.update", {
      id: STATION_B,
      name: "x",
      expectedVersion: 1,
    });
    expect(stale.error?.field).toBe("expectedVersion");
    const reviewer = await h.as("chenjing");
    const list = await reviewer.query<{ id: string }[]>("admin.sites.list", { kind: "station" });
    expect(list.data?.map((s) => s.id)).toEqual([STATION_A, STATION_B]);
    const denied = await reviewer.mutate("admin.sites.create", newStation);
    expect(denied.status).toBe(403);
  });
});

describe("admin.users", () => {
  const helper = {
    username: "qianfang",
    displayName: "钱芳",
    role: "helper",
    siteId: STATION_A,
    password: "station-pass-1",
    pin: "112233",
  };

  it("creates a station user; no hash ever leaves the hub; reviewers cannot create users", async () => {
    const lead = await h.as("sunhua");
    const created = await lead.mutate<Record<string, unknown>>("admin.users.create", helper);
    expect(created.error).toBeUndefined();
    expect(created.data).toMatchObject({
      username: "qianfang",
      role: "helper",
      siteId: STATION_A,
      hasPin: true,
    });
    const list = await lead.query<Record<string, unknown>[]>("admin.users.list", {});
    const wire = JSON.stringify([created.data, list.data]);
    expect(wire).not.toMatch(/scrypt|passwordHash|pinHash|station-pass-1|112233/);
    expect(list.data?.map((u) => u.username)).toContain("qianfang");
    const [line] = await listAudit(h.services.db, { action: "user.create", limit: 1 });
    expect(JSON.stringify(line?.detail)).not.toMatch(/station-pass-1|112233/);

    const reviewer = await h.as("chenjing");
    const users = await count(h.services, "users");
    const denied = await reviewer.mutate("admin.users.create", { ...helper, username: "other" });
    expect(denied.status).toBe(403);
    expect(denied.error?.code).toBe("NOT_ALLOWED");
    expect(await count(h.services, "users")).toBe(users);
  });

  it("refuses short passwords, a role at the wrong kind of site, and granting district admin", async () => {
    const lead = await h.as("sunhua");
    const users = await count(h.services, "users");
    const short = await lead.mutate("admin.users.create", { ...helper, password: "short" });
    expect(short.error?.field).toBe("password");
    const wrongSite = await lead.mutate("admin.users.create", { ...helper, siteId: CENTER });
    expect(wrongSite.error?.field).toBe("siteId");
    expect(wrongSite.error?.zh).toContain("社区便民服务站");
    const escalate = await lead.mutate("admin.users.create", {
      ...helper,
      role: "district_admin",
      siteId: "330106",
    });
    expect(escalate.status).toBe(403);
    const taken = await lead.mutate("admin.users.create", { ...helper, username: "zhangli" });
    expect(taken.error).toMatchObject({ code: "DUPLICATE", field: "username" });
    expect(await count(h.services, "users")).toBe(users);
  });

  it("resets a password (sessions end), deactivates an account, and never locks out oneself", async () => {
    const lead = await h.as("sunhua");
    const created = await lead.mutate<{ id: string }>("admin.users.create", {
      ...helper,
      username: "liwei",
      role: "reviewer",
      siteId: CENTER,
      pin: undefined,
    });
    const id = created.data?.id as string;
    const liwei = await h.as("liwei").catch(() => null);
    expect(liwei).toBeNull(); // the demo password is not hers
    const signedIn = await h.client().login("liwei", "station-pass-1");
    expect((await signedIn.query("cases.list", {})).status).toBe(200);

    const reset = await lead.mutate("admin.users.resetPassword", { id, password: "new-pass-2026" });
    expect(reset.error).toBeUndefined();
    expect((await signedIn.query("cases.list", {})).status).toBe(401);
    await h.client().login("liwei", "new-pass-2026");

    const off = await lead.mutate<{ active: boolean; version: number }>("admin.users.update", {
      id,
      active: false,
    });
    expect(off.data?.active).toBe(false);
    expect(
      (await h.client().mutate("auth.login", { username: "liwei", password: "new-pass-2026" }))
        .status,
    ).toBe(403);

    const self = await lead.mutate("admin.users.update", { id: "u-sunhua", active: false });
    expect(self.error).toMatchObject({ code: "NOT_ALLOWED", field: "active" });
    const actions = (await listAudit(h.services.db, { userId: "u-sunhua", limit: 20 })).map(
      (a) => a.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining(["user.create", "user.password_reset", "user.update"]),
    );
  });

  it("the district administrator signs in at the hub", async () => {
    const admin = await h.as("admin");
    const me = await admin.query<{ user: { role: string } }>("auth.me");
    expect(me.data?.user.role).toBe("district_admin");
  });
});

interface Item {
  code: string;
  name: string;
  version: number;
  effectiveFrom: string;
  guide: { promisedDays: number };
}

describe("admin.catalog", () => {
  it("an edit makes version 2; version 1 stays readable and cases keep the version they were taken under", async () => {
    const lead = await h.as("sunhua");
    const taken = await lead.mutate<{ caseId: string }>("cases.intake", {
      itemCode: "MZ-GF-001",
      applicant: {
        name: "王秀英",
        idNumber: "33010619400101004X",
        phone: "13812345678",
        address: "",
      },
      mode: "assist",
      residentPresent: true,
      materials: [{ code: "ID_CARD", state: "provided" }],
    });
    const v1 = (await lead.query<Item>("admin.catalog.get", { code: "MZ-GF-001" })).data as Item;
    expect(v1.version).toBe(1);
    const saved = await lead.mutate<{ item: Item; isNew: boolean; catalogVersion: number }>(
      "admin.catalog.saveItem",
      {
        item: { ...v1, name: "高龄津贴申领（2027 版）", effectiveFrom: "2026-11-02" },
        expectedVersion: 1,
      },
    );
    expect(saved.error).toBeUndefined();
    expect(saved.data).toMatchObject({ isNew: false, item: { version: 2 }, catalogVersion: 1 });

    expect((await getItem(h.services.db, "MZ-GF-001", 1))?.name).toBe("高龄津贴申领");
    expect((await getItem(h.services.db, "MZ-GF-001"))?.version).toBe(2);
    const old = await lead.query<Item>("admin.catalog.get", { code: "MZ-GF-001", version: 1 });
    expect(old.data?.name).toBe("高龄津贴申领");
    const list = await lead.query<{ items: { code: string; versions: { version: number }[] }[] }>(
      "admin.catalog.list",
    );
    const versions = list.data?.items.find((i) => i.code === "MZ-GF-001")?.versions;
    expect(versions?.map((v) => v.version)).toEqual([1, 2]);
    const c = await lead.query<{ item: { version: number } }>("cases.get", {
      caseId: taken.data?.caseId,
    });
    expect(c.data?.item.version).toBe(1);
  });

  it("an invalid or stale edit is refused with the field named and nothing is stored", async () => {
    const lead = await h.as("sunhua");
    const v1 = (await lead.query<Item>("admin.catalog.get", { code: "YB-GG-001" })).data as Item;
    const rows = await count(h.services, "catalog_items");
    const immediateWithDays = await lead.mutate("admin.catalog.saveItem", {
      item: { ...v1, guide: { ...v1.guide, promisedDays: 3 } },
    });
    expect(immediateWithDays.error).toMatchObject({ field: "item.guide.promisedDays" });
    const badCode = await lead.mutate("admin.catalog.saveItem", { item: { ...v1, code: "bad" } });
    expect(badCode.error?.field).toBe("item.code");
    const stale = await lead.mutate("admin.catalog.saveItem", { item: v1, expectedVersion: 0 });
    expect(stale.error?.field).toBe("expectedVersion");
    const earlier = await lead.mutate("admin.catalog.saveItem", {
      item: { ...v1, effectiveFrom: "2020-01-01" },
    });
    expect(earlier.error?.field).toBe("item.effectiveFrom");
    expect(await count(h.services, "catalog_items")).toBe(rows);
    const reviewer = await h.as("chenjing");
    expect((await reviewer.mutate("admin.catalog.saveItem", { item: v1 })).status).toBe(403);
  });
});

describe("admin.calendar", () => {
  it("validates the override table, versions it and applies it to the hub's own calendar", async () => {
    const lead = await h.as("sunhua");
    const empty = await lead.query<{ version: number }>("admin.calendar.get");
    expect(empty.data?.version).toBe(0);
    // 2027-02-06 is a Saturday: a make-up working day once next year's table is published.
    expect(h.services.calendar.get().isWorkday("2027-02-06")).toBe(false);
    const saved = await lead.mutate<{ version: number }>("admin.calendar.update", {
      days: { "2027-02-06": "work", "2027-02-11": "rest" },
      coveredYears: [2027],
      expectedVersion: 0,
    });
    expect(saved.data?.version).toBe(1);
    expect(h.services.calendar.get().isWorkday("2027-02-06")).toBe(true);
    expect(h.services.calendar.get().isCertain("2027-06-01")).toBe(true);

    const bad: [Record<string, unknown>, string][] = [
      [{ days: { "2027-02-30": "rest" } }, "days.2027-02-30"],
      [{ days: { "2027-03-01": "holiday" } }, "days.2027-03-01"],
      [{ days: {}, coveredYears: [27] }, "coveredYears[0]"],
      [{ days: {}, expectedVersion: 0 }, "expectedVersion"],
    ];
    for (const [input, field] of bad) {
      const r = await lead.mutate("admin.calendar.update", input);
      expect(r.status, JSON.stringify(input)).toBe(400);
      expect(r.error?.field).toBe(field);
    }
    const after = await lead.query<{
      version: number;
      overrides: { days: Record<string, string> };
    }>("admin.calendar.get");
    expect(after.data).toMatchObject({ version: 1, overrides: { days: { "2027-02-06": "work" } } });
    const reviewer = await h.as("chenjing");
    expect((await reviewer.mutate("admin.calendar.update", { days: {} })).status).toBe(403);
    expect(await listAudit(h.services.db, { action: "calendar.update", limit: 5 })).toHaveLength(1);
  });
});

interface StationRow {
  siteId: string;
  enrolled: boolean;
  active: boolean;
  revokedAt: string | null;
  pendingCodes: { expiresAt: string }[];
}

describe("admin.enrolment", () => {
  it("shows a code once, stores only its hash, lists stations without it, and revokes", async () => {
    const lead = await h.as("sunhua");
    const made = await lead.mutate<{ code: string; expiresAt: string }>(
      "admin.enrolment.createCode",
      {
        siteId: STATION_A,
      },
    );
    const code = made.data?.code as string;
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{4}(-[A-HJKMNP-Z2-9]{4}){3}$/);
    expect(made.data?.expiresAt).toBe("2026-11-03T02:00:00.000Z");
    const stored = await h.services.db.client.execute("SELECT * FROM enrolment_codes");
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0]?.code_hash).toBe(hashEnrolmentCode(code));
    expect(JSON.stringify(stored.rows)).not.toContain(code.replace(/-/g, ""));

    const listed = await lead.query<StationRow[]>("admin.enrolment.listStations");
    expect(JSON.stringify(listed.data)).not.toContain(code);
    expect(JSON.stringify(listed.data)).not.toMatch(/hash/i);
    expect(listed.data?.find((s) => s.siteId === STATION_A)).toMatchObject({
      enrolled: false,
      pendingCodes: [{ expiresAt: "2026-11-03T02:00:00.000Z" }],
    });

    const forCenter = await lead.mutate("admin.enrolment.createCode", { siteId: CENTER });
    expect(forCenter.error?.field).toBe("siteId");
    const notEnrolled = await lead.mutate("admin.enrolment.revoke", { siteId: STATION_A });
    expect(notEnrolled.error?.field).toBe("siteId");

    // The station's exchange (sync.enrol) redeems the code, lower-cased and without dashes too.
    const now = "2026-11-02T03:00:00.000Z";
    const typed = code.toLowerCase().replace(/-/g, " ");
    const station = {
      credentialHash: "c".repeat(64),
      actorIds: ["330106001001000011aa22bb33cc44dd"],
    };
    expect(
      await redeemEnrolmentCode(h.services.db, hashEnrolmentCode(typed), now, station),
    ).not.toBeNull();
    expect(
      await redeemEnrolmentCode(h.services.db, hashEnrolmentCode(code), now, station),
    ).toBeNull();
    const health = async () =>
      (await (await h.app.request("/healthz")).json()) as Record<string, unknown>;
    expect(await health()).toMatchObject({ role: "hub", site: CENTER, stations: 1 });

    const revoked = await lead.mutate<{ revokedAt: string }>("admin.enrolment.revoke", {
      siteId: STATION_A,
    });
    expect(revoked.data?.revokedAt).toBe("2026-11-02T02:00:00.000Z");
    const after = await lead.query<StationRow[]>("admin.enrolment.listStations");
    expect(after.data?.find((s) => s.siteId === STATION_A)).toMatchObject({
      enrolled: true,
      active: false,
    });
    expect(await health()).toMatchObject({ stations: 0, revokedStations: 1 });
    const lines = await listAudit(h.services.db, { userId: "u-sunhua", limit: 10 });
    expect(lines.map((l) => l.action)).toEqual(
      expect.arrayContaining(["station.enrolment_code", "station.revoke"]),
    );
    const reviewer = await h.as("chenjing");
    expect(
      (await reviewer.mutate("admin.enrolment.createCode", { siteId: STATION_B })).status,
    ).toBe(403);
  });
});
