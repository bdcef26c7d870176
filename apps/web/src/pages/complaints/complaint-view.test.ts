import { describe, expect, it } from "vitest";
import { reminderLink } from "../reminders/reminders-view";
import {
  actionButtons,
  complainantLabel,
  dueTag,
  isOverdue,
  needsForm,
  registerFieldOf,
  registerInputOf,
  targetText,
} from "./complaint-view";

describe("投诉 screens (pure logic)", () => {
  it("投诉登记: blank targets are dropped and an anonymous complaint carries no complainant", () => {
    const base = {
      channel: "phone",
      targetSiteId: " ",
      targetStaffId: "u-zhangli",
      content: "态度差",
      written: false,
      complexity: "simple" as const,
    };
    expect(
      registerInputOf({ ...base, name: "李四", phone: "139 1234 5678", idNumber: "" }),
    ).toEqual({
      channel: "phone",
      target: { staffId: "u-zhangli" },
      content: "态度差",
      written: false,
      complexity: "simple",
      complainant: { name: "李四", phone: "139 1234 5678" },
    });
    expect(registerInputOf({ ...base, anonymous: true, name: "李四" }).complainant).toBeNull();
  });

  it("投诉登记: the server's field names land on the form's fields", () => {
    expect(registerFieldOf("complainant.phone")).toBe("phone");
    expect(registerFieldOf("target.staffId")).toBe("targetStaffId");
    expect(registerFieldOf("content")).toBe("content");
  });

  it("投诉台账: a passed deadline is red, and marks the row", () => {
    const late = { what: "answer" as const, date: "2026-11-02", overdue: true };
    const due = { what: "callback" as const, date: "2026-11-09", overdue: false };
    expect(dueTag(late)).toEqual({
      colour: "error",
      label: "complaints.due.answer",
      date: "2026-11-02",
    });
    expect(dueTag(due).colour).toBe("warning");
    expect(isOverdue({ dues: [due, late] })).toBe(true);
    expect(isOverdue({ dues: [due] })).toBe(false);
  });

  it("投诉台账: the complainant is shown masked, 已隐藏 to the staff complained about, 匿名 when none", () => {
    const masked = { nameMasked: "李*", phoneMasked: "139****5678" };
    const row = { siteId: "330106001001", anonymous: null };
    expect(complainantLabel({ ...row, complainant: masked, complainantHidden: false })).toEqual({
      text: "李*（139****5678）",
    });
    expect(complainantLabel({ ...row, complainant: null, complainantHidden: true })).toEqual({
      key: "complaints.complainant.hidden",
    });
    expect(complainantLabel({ ...row, complainant: null, complainantHidden: false })).toEqual({
      key: "complaints.complainant.anonymous",
    });
  });

  const district = { siteId: "330106", siteKind: "district" };
  const north = { siteId: "330106001", siteKind: "center" };
  const west = { siteId: "330106002", siteKind: "center" };
  const station = { siteId: "330106001001", siteKind: "station" };
  const keptAtStreet = (hint: string) => ({ key: "complaints.complainant.keptAtStreet", hint });
  const anonymous = { key: "complaints.complainant.anonymous" };

  it("投诉台账 at a district: 匿名 for an anonymous complaint, 街道留存 for one whose complainant the street keeps", () => {
    const fromStreet = { complainant: null, complainantHidden: false, siteId: "330106001001" };
    expect(complainantLabel({ ...fromStreet, anonymous: true }, district)).toEqual(anonymous);
    expect(complainantLabel({ ...fromStreet, anonymous: false }, district)).toEqual(
      keptAtStreet("complaints.anon.keptHintDistrict"),
    );
    expect(
      complainantLabel({ ...fromStreet, siteId: "330106002", anonymous: false }, district),
    ).toEqual(keptAtStreet("complaints.anon.keptHintDistrict"));
    const masked = { nameMasked: "李*", phoneMasked: "139****5678" };
    expect(
      complainantLabel({ ...fromStreet, complainant: masked, anonymous: false }, district),
    ).toEqual({ text: "李*（139****5678）" });
  });

  it("投诉台账 at a district: a document older than the flag (unknown) reads 街道留存, as before", () => {
    const old = { complainant: null, complainantHidden: false, anonymous: null };
    expect(complainantLabel({ ...old, siteId: "330106001001" }, district)).toEqual(
      keptAtStreet("complaints.anon.keptHintDistrict"),
    );
    // Registered at the district itself: it would hold the complainant, so none is 匿名.
    expect(complainantLabel({ ...old, siteId: "330106" }, district)).toEqual(anonymous);
  });

  it("投诉台账 at a street: its own sites' complaints as before; another street's reads 街道留存", () => {
    const own = { complainant: null, complainantHidden: false, siteId: "330106001001" };
    expect(complainantLabel({ ...own, anonymous: true }, north)).toEqual(anonymous);
    expect(complainantLabel({ ...own, anonymous: null }, north)).toEqual(anonymous);
    expect(complainantLabel({ ...own, siteId: "330106001", anonymous: null }, north)).toEqual(
      anonymous,
    );
    // Registered at 北山's station about a 西溪 station: 西溪 is not told who complained.
    expect(complainantLabel({ ...own, anonymous: false }, west)).toEqual(
      keptAtStreet("complaints.anon.keptHintStreet"),
    );
    expect(complainantLabel({ ...own, anonymous: null }, west)).toEqual(
      keptAtStreet("complaints.anon.keptHintStreet"),
    );
    expect(complainantLabel({ ...own, anonymous: true }, west)).toEqual(anonymous);
    // A station: its own registrations, and 已隐藏 for those about it, as before.
    expect(complainantLabel({ ...own, anonymous: true }, station)).toEqual(anonymous);
    expect(
      complainantLabel(
        { ...own, siteId: "330106002", complainantHidden: true, anonymous: false },
        station,
      ),
    ).toEqual({ key: "complaints.complainant.hidden" });
    // Before the viewer's node is known, nothing is said to be kept elsewhere.
    expect(complainantLabel({ ...own, anonymous: null })).toEqual(anonymous);
  });

  it("投诉: the target reads as site · staff · case, with names where known", () => {
    const names = { site: (id: string) => `站${id.slice(-1)}`, staff: (id: string) => `员${id}` };
    expect(targetText({ siteId: "330106001001", staffId: "u1" }, names)).toBe("站1 · 员u1");
    expect(targetText({ caseId: "01K1" }, names)).toBe("#01K1");
    expect(targetText(null, names)).toBe("");
  });

  it("投诉: the page's buttons follow the server's allowed steps; accept and start are one click", () => {
    expect(actionButtons(["follow_up", "file_result"]).map((b) => b.label)).toEqual([
      "complaints.action.follow_up",
      "complaints.action.file_result",
    ]);
    expect(needsForm("accept")).toBe(false);
    expect(needsForm("close")).toBe(true);
    expect(needsForm("decline")).toBe(true);
  });

  it("投诉提醒: a complaint's reminder opens the complaint, a case's the case", () => {
    expect(reminderLink({ rule: "complaint.answer", caseId: "c1" })).toBe("/complaints/c1");
    expect(reminderLink({ rule: "deadline.yellow", caseId: "k1" })).toBe("/cases/k1");
  });
});
