import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type TempDb, tempDb } from "../testing";
import { createSession, deleteExpired, deleteSession, findSession, touchSession } from "./sessions";
import {
  createUser,
  findUserById,
  findUserByUsername,
  listUsers,
  type NewUser,
  updateUser,
  upsertUsers,
} from "./users";

const helper: NewUser = {
  id: "u1",
  siteId: "330106001001",
  username: "wang",
  displayName: "王帮办",
  role: "helper",
  passwordHash: "argon2$x",
};
const T0 = "2026-11-23T01:00:00.000Z";

describe("users", () => {
  let t: TempDb;
  beforeEach(async () => {
    t = await tempDb();
  });
  afterEach(async () => t.cleanup());

  it("creates, finds, lists and updates with versions", async () => {
    const u = await createUser(t.db, helper, T0);
    expect(u).toMatchObject({ ...helper, pinHash: null, active: true, version: 1, createdAt: T0 });
    await createUser(t.db, { ...helper, id: "u2", username: "li", siteId: "330106001002" }, T0);
    expect(await findUserByUsername(t.db, "wang")).toEqual(u);
    expect(await findUserById(t.db, "nope")).toBeNull();
    expect((await listUsers(t.db)).map((x) => x.username)).toEqual(["li", "wang"]);
    expect((await listUsers(t.db, "330106001002")).map((x) => x.id)).toEqual(["u2"]);
    const changed = await updateUser(
      t.db,
      "u1",
      { role: "station_lead", active: false },
      { now: "2026-11-24T00:00:00.000Z" },
    );
    expect(changed).toMatchObject({ role: "station_lead", active: false, version: 2 });
    expect(await updateUser(t.db, "u1", { displayName: "x" }, { expectedVersion: 1 })).toBeNull();
    expect(
      await updateUser(t.db, "u1", { displayName: "x" }, { expectedVersion: 2 }),
    ).toMatchObject({ version: 3 });
  });

  it("refuses a taken username with a field and a message", async () => {
    await createUser(t.db, helper);
    await expect(createUser(t.db, { ...helper, id: "u9" })).rejects.toMatchObject({
      code: "DUPLICATE",
      field: "username",
    });
  });

  it("takes users from the hub, keeping the newer version", async () => {
    const u = await createUser(t.db, helper, T0);
    await upsertUsers(t.db, [{ ...u, displayName: "新名字", version: 3 }]);
    await upsertUsers(t.db, [{ ...u, displayName: "旧名字", version: 2 }]);
    expect(await findUserById(t.db, "u1")).toMatchObject({ displayName: "新名字", version: 3 });
  });
});

describe("sessions", () => {
  let t: TempDb;
  beforeEach(async () => {
    t = await tempDb();
    await createUser(t.db, helper, T0);
  });
  afterEach(async () => t.cleanup());

  it("finds a live session with its user, slides, and expires", async () => {
    await createSession(t.db, "tok1", "u1", helper.siteId, "2026-11-23T09:00:00.000Z", T0);
    const found = await findSession(t.db, "tok1", "2026-11-23T02:00:00.000Z");
    expect(found?.user.username).toBe("wang");
    expect(found?.session).toMatchObject({ userId: "u1", lastSeenAt: T0 });
    expect(await findSession(t.db, "tok1", "2026-11-23T09:00:00.000Z")).toBeNull();
    expect(
      await touchSession(t.db, "tok1", "2026-11-23T08:00:00.000Z", "2026-11-23T16:00:00.000Z"),
    ).toBe(true);
    expect(await findSession(t.db, "tok1", "2026-11-23T10:00:00.000Z")).not.toBeNull();
    expect(await touchSession(t.db, "nope")).toBe(false);
  });

  it("deletes one session, or all expired ones", async () => {
    await createSession(t.db, "a", "u1", helper.siteId, "2026-11-23T02:00:00.000Z", T0);
    await createSession(t.db, "b", "u1", helper.siteId, "2026-11-23T03:00:00.000Z", T0);
    await createSession(t.db, "c", "u1", helper.siteId, "2026-11-24T00:00:00.000Z", T0);
    expect(await deleteSession(t.db, "c")).toBe(true);
    expect(await deleteExpired(t.db, "2026-11-23T03:00:00.000Z")).toBe(2);
  });

  it("refuses a session for an unknown user", async () => {
    await expect(createSession(t.db, "x", "ghost", helper.siteId, T0)).rejects.toThrow();
  });
});
