import { ROLES } from "@bangban/domain";
import { describe, expect, it } from "vitest";
import { homeFor, MENU, menuFor } from "./menu";

describe("the menu by role", () => {
  it("gives a station helper today, intake and cases, and nothing of the back office", () => {
    expect(menuFor("helper", "station").map((m) => m.path)).toEqual([
      "/today",
      "/intake",
      "/cases",
    ]);
    expect(homeFor("helper", "station")).toBe("/today");
  });

  it("keeps back-office screens to the hub", () => {
    expect(menuFor("reviewer", "station")).toEqual([]);
    expect(menuFor("reviewer", "hub").map((m) => m.path)).toEqual(["/review"]);
    expect(homeFor("district_admin", "hub")).toBe("/dashboard");
  });

  it("never shows the resident or the system a staff screen", () => {
    expect(menuFor("resident", "hub")).toEqual([]);
    expect(menuFor("system", "station")).toEqual([]);
    expect(homeFor("resident", "station")).toBe("/no-access");
  });

  it("names only real roles", () => {
    for (const m of MENU) for (const r of m.roles) expect(ROLES).toContain(r);
  });
});
