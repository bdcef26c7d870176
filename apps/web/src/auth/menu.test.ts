import { ROLES } from "@bangban/domain";
import { describe, expect, it } from "vitest";
import { homeFor, MENU, menuFor } from "./menu";

const paths = (role: Parameters<typeof menuFor>[0], node: "station" | "hub") =>
  menuFor(role, node).map((m) => m.path);

describe("the menu by role", () => {
  it("gives a station helper today, the inbox, intake and cases, and nothing of the back office", () => {
    expect(paths("helper", "station")).toEqual([
      "/today",
      "/inbox",
      "/intake",
      "/cases",
      "/complaints",
    ]);
    expect(homeFor("helper", "station")).toBe("/today");
  });

  it("gives a site's lead 请假与AB岗 at the site's own node; helpers and reviewers do not get it", () => {
    expect(paths("station_lead", "station")).toEqual([
      "/today",
      "/inbox",
      "/intake",
      "/cases",
      "/absences",
      "/sms-log",
      "/rectify",
      "/report/monthly",
      "/audit",
      "/complaints",
    ]);
    expect(paths("helper", "station")).not.toContain("/absences");
    expect(paths("reviewer", "hub")).not.toContain("/absences");
  });

  it("keeps back-office screens to the hub", () => {
    expect(menuFor("reviewer", "station")).toEqual([]);
    expect(paths("reviewer", "hub")).toEqual(["/review", "/conflicts", "/complaints"]);
    expect(paths("approver", "hub")).toEqual(["/review", "/conflicts", "/complaints"]);
    expect(paths("front_desk", "hub")).toEqual(["/review", "/complaints"]);
  });

  it("gives administrators the dashboard and the administration screens", () => {
    expect(paths("district_admin", "hub")).toEqual([
      "/dashboard",
      "/catalog",
      "/sites",
      "/users",
      "/enrolment",
      "/sms-log",
      "/calendar",
      "/rectify",
      "/report/monthly",
      "/audit",
      "/complaints",
      "/desk",
    ]);
    expect(homeFor("district_admin", "hub")).toBe("/dashboard");
    expect(paths("center_lead", "hub")).toEqual([
      "/review",
      "/conflicts",
      "/absences",
      "/dashboard",
      "/catalog",
      "/sites",
      "/users",
      "/enrolment",
      "/sms-log",
      "/calendar",
      "/rectify",
      "/report/monthly",
      "/audit",
      "/complaints",
      "/desk",
    ]);
  });

  it("gives the leads the monthly report at their own node, and no one else", () => {
    expect(paths("station_lead", "station")).toContain("/report/monthly");
    expect(paths("center_lead", "hub")).toContain("/report/monthly");
    expect(paths("district_admin", "hub")).toContain("/report/monthly");
    expect(paths("helper", "station")).not.toContain("/report/monthly");
    expect(paths("reviewer", "hub")).not.toContain("/report/monthly");
    expect(paths("front_desk", "hub")).not.toContain("/report/monthly");
  });

  it("投诉: staff see the complaint ledger at their node; the 办不成事 board is the center lead's and the district's", () => {
    expect(paths("helper", "station")).toContain("/complaints");
    expect(paths("reviewer", "hub")).toContain("/complaints");
    expect(paths("center_lead", "hub")).toContain("/desk");
    expect(paths("reviewer", "hub")).not.toContain("/desk");
    expect(paths("station_lead", "station")).not.toContain("/desk");
  });

  it("shows the SMS log to each node's own leads only", () => {
    expect(paths("station_lead", "station")).toContain("/sms-log");
    expect(paths("helper", "station")).not.toContain("/sms-log");
    expect(paths("station_lead", "hub")).not.toContain("/sms-log");
    expect(paths("reviewer", "hub")).not.toContain("/sms-log");
    expect(paths("center_lead", "station")).not.toContain("/sms-log");
  });

  it("gives the 差评台账 to the leads and the district, not to helpers or the back office", () => {
    expect(paths("station_lead", "station")).toContain("/rectify");
    expect(paths("center_lead", "hub")).toContain("/rectify");
    expect(paths("helper", "station")).not.toContain("/rectify");
    expect(paths("reviewer", "hub")).not.toContain("/rectify");
  });

  it("shows the audit log to each node's own readers only", () => {
    expect(paths("station_lead", "station")).toContain("/audit");
    expect(paths("center_lead", "hub")).toContain("/audit");
    expect(paths("district_admin", "hub")).toContain("/audit");
    expect(paths("helper", "station")).not.toContain("/audit");
    expect(paths("station_lead", "hub")).not.toContain("/audit");
    expect(paths("reviewer", "hub")).not.toContain("/audit");
  });

  it("never shows the resident or the system a staff screen", () => {
    expect(menuFor("resident", "hub")).toEqual([]);
    expect(menuFor("system", "station")).toEqual([]);
    expect(homeFor("resident", "station")).toBe("/no-access");
  });

  it("names only real roles", () => {
    for (const m of MENU) for (const r of m.roles) expect(ROLES).toContain(r);
  });

  it("gives the district's administrators 区级汇总 first at a district node, and only there", () => {
    expect(menuFor("district_admin", "hub", "district")[0]?.path).toBe("/district");
    expect(homeFor("district_admin", "hub", "district")).toBe("/district");
    // Signing in at a street hub keeps today's menu and landing screen.
    expect(paths("district_admin", "hub")).not.toContain("/district");
    expect(menuFor("district_admin", "hub", "center").map((m) => m.path)).not.toContain(
      "/district",
    );
    expect(homeFor("district_admin", "hub", "center")).toBe("/dashboard");
    expect(menuFor("helper", "station", "station").map((m) => m.path)).not.toContain("/district");
  });
});
