import { ROLES } from "@bangban/domain";
import { describe, expect, it } from "vitest";
import { homeFor, MENU, menuFor } from "./menu";

const paths = (role: Parameters<typeof menuFor>[0], node: "station" | "hub") =>
  menuFor(role, node).map((m) => m.path);

describe("the menu by role", () => {
  it("gives a station helper today, the inbox, intake and cases, and nothing of the back office", () => {
    expect(paths("helper", "station")).toEqual(["/today", "/inbox", "/intake", "/cases"]);
    expect(homeFor("helper", "station")).toBe("/today");
  });

  it("keeps back-office screens to the hub", () => {
    expect(menuFor("reviewer", "station")).toEqual([]);
    expect(paths("reviewer", "hub")).toEqual(["/review", "/conflicts"]);
    expect(paths("approver", "hub")).toEqual(["/review", "/conflicts"]);
    expect(paths("front_desk", "hub")).toEqual(["/review"]);
  });

  it("gives administrators the dashboard and the administration screens", () => {
    expect(paths("district_admin", "hub")).toEqual([
      "/dashboard",
      "/catalog",
      "/sites",
      "/users",
      "/enrolment",
      "/calendar",
    ]);
    expect(homeFor("district_admin", "hub")).toBe("/dashboard");
    expect(paths("center_lead", "hub")).toEqual([
      "/review",
      "/conflicts",
      "/dashboard",
      "/catalog",
      "/sites",
      "/users",
      "/enrolment",
      "/calendar",
    ]);
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
