import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEMO_SITES, demoScope, demoUsers, seedDemo } from "../demo-seed";
import { type TempDb, tempDb } from "../testing";
import {
  applyReference,
  readReference,
  staffDirectory,
  staffNames,
  staffWithBackups,
} from "./reference";
import { findUserById, updateUser } from "./users";

/** Marks every stored secret, so a test can look for any trace of one in what is sent. */
const hashSecret = async (secret: string) => `SECRET-HASH(${secret})`;
const STATION_A = "330106001001";
/** The accounts the first street's hub holds (its staff and the district's). */
const hubUsers = demoScope(DEMO_SITES.center).users;

let hub: TempDb;
let station: TempDb;
beforeEach(async () => {
  hub = await tempDb("hub.db");
  station = await tempDb("station.db");
  await seedDemo(hub.db, { hashSecret });
  await seedDemo(station.db, { hashSecret, siteIds: [STATION_A] });
});
afterEach(async () => {
  await hub.cleanup();
  await station.cleanup();
});

describe("the staff directory in the reference data", () => {
  it("names every member of the street's staff with id, name, role, site and B岗 only", async () => {
    const ref = await readReference(hub.db, STATION_A);
    expect(ref.staff).toHaveLength(hubUsers.length);
    expect(ref.staff).toContainEqual({
      id: "u-chenjing",
      displayName: "陈静",
      role: "reviewer",
      siteId: "330106001",
      active: true,
      backupUserId: null,
    });
    for (const entry of ref.staff ?? []) {
      expect(Object.keys(entry).sort()).toEqual([
        "active",
        "backupUserId",
        "displayName",
        "id",
        "role",
        "siteId",
      ]);
    }
    // No password or PIN hash, no username, of anyone outside the station's own users.
    const sent = JSON.stringify(ref.staff);
    expect(sent).not.toContain("SECRET-HASH");
    for (const u of demoUsers) expect(sent).not.toContain(`"${u.username}"`);
  });

  it("a station learns the names of staff it never held, without accounts to sign in with", async () => {
    expect((await staffNames(station.db)).get("u-chenjing")).toBeUndefined();
    await applyReference(station.db, await readReference(hub.db, STATION_A));
    const names = await staffNames(station.db);
    expect(names.get("u-chenjing")).toBe("陈静");
    expect(names.get("u-liumei")).toBe("刘梅");
    expect(names.get("u-zhangli")).toBe("张丽");
    expect(await findUserById(station.db, "u-chenjing")).toBeNull();
  });

  it("keeps the directory it has when a hub sends none, and drops fields a hub should not send", async () => {
    const ref = await readReference(hub.db, STATION_A);
    const leaky = (ref.staff ?? []).map((s) => ({ ...s, passwordHash: "x", phone: "138" }));
    await applyReference(station.db, { ...ref, staff: leaky });
    await applyReference(station.db, { ...ref, staff: undefined });
    const kept = await staffDirectory(station.db);
    expect(kept).toHaveLength(hubUsers.length);
    expect(JSON.stringify(kept)).not.toMatch(/passwordHash|phone/);
  });

  it("AB岗 flows down: a station knows each person's B post, its own users' and the street's", async () => {
    await updateUser(hub.db, "u-zhangli", { backupUserId: "u-wangqiang" });
    await updateUser(hub.db, "u-chenjing", { backupUserId: "u-sunhua" });
    expect(
      (await staffWithBackups(station.db)).find((s) => s.id === "u-zhangli")?.backupUserId,
    ).toBeNull();
    await applyReference(station.db, await readReference(hub.db, STATION_A));
    const staff = await staffWithBackups(station.db);
    expect(staff.find((s) => s.id === "u-zhangli")?.backupUserId).toBe("u-wangqiang");
    expect(staff.find((s) => s.id === "u-chenjing")?.backupUserId).toBe("u-sunhua");
    expect(staff).toHaveLength(hubUsers.length);
    expect((await findUserById(station.db, "u-zhangli"))?.backupUserId).toBe("u-wangqiang");
    // At the hub, every account is its own.
    const atHub = await staffWithBackups(hub.db);
    expect(atHub.find((s) => s.id === "u-chenjing")?.backupUserId).toBe("u-sunhua");
  });
});
