import { describe, expect, it } from "vitest";
import {
  backupChoices,
  createInputOf,
  editValuesOf,
  grantableRoles,
  sitesForRole,
  updateInputOf,
  usernameValid,
} from "./user-form";

const sites = [
  { id: "330106", kind: "district" },
  { id: "330106001", kind: "center" },
  { id: "330106001001", kind: "station" },
];

describe("the user forms", () => {
  it("offer a post only the sites of its kind", () => {
    expect(sitesForRole(sites, "helper").map((s) => s.id)).toEqual(["330106001001"]);
    expect(sitesForRole(sites, "reviewer").map((s) => s.id)).toEqual(["330106001"]);
    expect(sitesForRole(sites, "district_admin").map((s) => s.id)).toEqual(["330106"]);
    expect(sitesForRole(sites, undefined)).toHaveLength(3);
  });

  it("let only a district administrator grant that post", () => {
    expect(grantableRoles("center_lead")).not.toContain("district_admin");
    expect(grantableRoles("district_admin")).toContain("district_admin");
  });

  it("send a new account trimmed, without a blank PIN", () => {
    expect(
      createInputOf({
        username: " LiSi ",
        displayName: " 李四 ",
        role: "reviewer",
        siteId: "330106001",
        password: "bangban2026",
        pin: " ",
      }),
    ).toEqual({
      username: "lisi",
      displayName: "李四",
      role: "reviewer",
      siteId: "330106001",
      password: "bangban2026",
    });
    expect(
      createInputOf({ username: "lisi", role: "helper", siteId: "1", backupUserId: "u-b" }),
    ).toMatchObject({ backupUserId: "u-b" });
  });

  it("send only what changed, with the version the editor started from", () => {
    const before = {
      id: "u-1",
      displayName: "李四",
      role: "reviewer",
      siteId: "330106001",
      active: true,
      version: 3,
    };
    expect(
      updateInputOf(before, { displayName: "李四 ", role: "reviewer", active: false }),
    ).toEqual({
      id: "u-1",
      expectedVersion: 3,
      active: false,
    });
  });

  it("check user names as the hub does", () => {
    expect(usernameValid("chenjing")).toBe(true);
    expect(usernameValid("1abc")).toBe(false);
    expect(usernameValid("ab")).toBe(false);
  });

  it("starts the edit dialog from the account as it stands, and sends nothing unchanged", () => {
    const user = {
      id: "u-chenjing",
      displayName: "陈静",
      role: "reviewer",
      siteId: "330106001",
      active: true,
      version: 3,
    };
    const start = editValuesOf(user);
    expect(start).toEqual({
      displayName: "陈静",
      role: "reviewer",
      siteId: "330106001",
      active: true,
    });
    expect(updateInputOf(user, start)).toEqual({ id: "u-chenjing", expectedVersion: 3 });
  });

  it("leaves a post that is not a staff post blank for the editor to choose", () => {
    const odd = { displayName: "x", role: "public", siteId: "330106001", active: true };
    expect(editValuesOf(odd).role).toBeUndefined();
  });

  it("offer as B岗 only active colleagues of the account's site, never the account itself", () => {
    const users = [
      { id: "u-a", siteId: "330106001001", active: true },
      { id: "u-b", siteId: "330106001001", active: true },
      { id: "u-c", siteId: "330106001001", active: false },
      { id: "u-d", siteId: "330106001002", active: true },
    ];
    expect(backupChoices(users, { id: "u-a", siteId: "330106001001" }).map((u) => u.id)).toEqual([
      "u-b",
    ]);
    // Moving the account to another site offers that site's people.
    expect(backupChoices(users, { id: "u-a", siteId: "330106001002" }).map((u) => u.id)).toEqual([
      "u-d",
    ]);
    expect(backupChoices(users, { siteId: undefined })).toEqual([]);
  });

  it("send a changed B岗, and null when it was cleared", () => {
    const before = {
      id: "u-a",
      displayName: "张丽",
      role: "helper",
      siteId: "330106001001",
      active: true,
      version: 2,
      backupUserId: "u-b",
    };
    expect(editValuesOf(before).backupUserId).toBe("u-b");
    expect(updateInputOf(before, editValuesOf(before))).toEqual({ id: "u-a", expectedVersion: 2 });
    expect(updateInputOf(before, { ...editValuesOf(before), backupUserId: "u-e" })).toMatchObject({
      backupUserId: "u-e",
    });
    expect(
      updateInputOf(before, { ...editValuesOf(before), backupUserId: undefined }),
    ).toMatchObject({ backupUserId: null });
  });
});
