import { describe, expect, it } from "vitest";
import {
  addRow,
  draftOf,
  isWeekend,
  parseYears,
  refusedAt,
  removeRow,
  updateInput,
  weekdayKey,
} from "./calendar-form";

const stored = {
  overrides: {
    days: { "2027-02-11": "rest" as const, "2027-02-06": "work" as const },
    coveredYears: [2027],
  },
  version: 3,
};

describe("工作日调整表 (calendar override screen)", () => {
  it("shows the stored table in date order and sends it back whole with its version", () => {
    const draft = draftOf(stored);
    expect(draft.rows.map((r) => r.date)).toEqual(["2027-02-06", "2027-02-11"]);
    expect(updateInput(draft)).toEqual({
      days: { "2027-02-06": "work", "2027-02-11": "rest" },
      coveredYears: [2027],
      expectedVersion: 3,
    });
  });

  it("labels each day with its weekday; 2027-02-06 is a Saturday (a 调休 make-up day)", () => {
    expect(weekdayKey("2027-02-06")).toBe("calendar.weekday.6");
    expect(weekdayKey("2027-02-08")).toBe("calendar.weekday.1");
    expect(isWeekend("2027-02-06")).toBe(true);
    expect(isWeekend("2027-02-11")).toBe(false);
  });

  it("adds a real day once, in order, and refuses a bad or repeated date, naming why", () => {
    const rows = draftOf(stored).rows;
    const added = addRow(rows, { date: " 2027-02-07 ", kind: "work" });
    expect(added.ok && added.rows.map((r) => r.date)).toEqual([
      "2027-02-06",
      "2027-02-07",
      "2027-02-11",
    ]);
    expect(addRow(rows, { date: "2027-02-30", kind: "rest" })).toEqual({
      ok: false,
      error: "calendar.dateFormat",
    });
    expect(addRow(rows, { date: "2027/2/8", kind: "rest" })).toMatchObject({ ok: false });
    expect(addRow(rows, { date: "2027-02-06", kind: "rest" })).toEqual({
      ok: false,
      error: "calendar.dateListed",
    });
    expect(removeRow(rows, "2027-02-06").map((r) => r.date)).toEqual(["2027-02-11"]);
  });

  it("reads 已覆盖年份 as four-digit years, each once, and names the first bad one", () => {
    expect(parseYears(["2028", 2027, "2027"])).toEqual({ ok: true, years: [2027, 2028] });
    expect(parseYears(["2027", "27"])).toEqual({ ok: false, bad: "27" });
    expect(parseYears([])).toEqual({ ok: true, years: [] });
  });

  it("places a refusal beside the row, the years, or the whole table", () => {
    expect(refusedAt("days.2027-02-30")).toEqual({ kind: "row", date: "2027-02-30" });
    expect(refusedAt("coveredYears[0]")).toEqual({ kind: "years" });
    expect(refusedAt("expectedVersion")).toEqual({ kind: "table" });
    expect(refusedAt(null)).toEqual({ kind: "table" });
  });
});
