import { describe, expect, it } from "vitest";
import { format } from "../../i18n/format";
import type { MessageKey } from "../../i18n/zh";
import { zh } from "../../i18n/zh";
import { monthOf, moreText, reasonText, siteLines } from "./monthly-report";

const t = (k: MessageKey, v?: Record<string, string | number>) => format(zh[k], v);

describe("monthOf", () => {
  it("takes ?month= when it is a month, else the month of today", () => {
    expect(monthOf("2026-11", "2026-12-07")).toBe("2026-11");
    expect(monthOf("2026-13", "2026-12-07")).toBe("2026-12");
    expect(monthOf("2026-1", "2026-12-07")).toBe("2026-12");
    expect(monthOf(null, "2026-12-07")).toBe("2026-12");
  });
});

describe("reasonText", () => {
  it("names each deadline passed and by how many working days", () => {
    expect(
      reasonText(
        [
          { deadline: "promised", dueOn: "2026-11-23", workdays: 5 },
          { deadline: "legal", dueOn: "2026-11-27", workdays: 1 },
        ],
        t,
        "；",
      ),
    ).toBe("超承诺时限 5 个工作日（2026-11-23 到期）；超法定时限 1 个工作日（2026-11-27 到期）");
    expect(reasonText([{ deadline: "paused", dueOn: null, workdays: null }], t, "；")).toContain(
      "暂停",
    );
  });
});

describe("moreText", () => {
  it("says how many were left out of a list cut at its bound, nothing otherwise", () => {
    expect(moreText({ total: 250, rows: new Array(200) }, t)).toBe("共 250 件，此处列出前 200 件");
    expect(moreText({ total: 2, rows: [1, 2] }, t)).toBeNull();
  });
});

describe("siteLines", () => {
  const rates = (v: number | null) => ({
    onTime: { value: v, numerator: 0, denominator: 0 },
    satisfaction: { value: v, numerator: 0, denominator: 0 },
    activeRating: { value: v, numerator: 0, denominator: 0 },
    rectification: { value: null, numerator: null, denominator: 0, note: { zh: "", en: "" } },
  });
  const counts = {
    received: 3,
    open: 1,
    completed: 2,
    withVerdict: 2,
    onTime: 1,
    overdueOpen: 1,
    overdueFinished: 1,
    ratedCompleted: 1,
    terminated: 0,
    levels: [1, 1, 0, 0, 1] as [number, number, number, number, number],
  };
  const site = { ...counts, siteId: "s1", name: "宝石社区", dataAsOf: null, rates: rates(0.5) };

  it("adds the 合计 row when the report has totals (not a station lead's)", () => {
    const f = { bySite: [site], radar: [], totals: counts, rates: rates(0.5), notes: {} };
    const lines = siteLines(f as never, "合计");
    expect(lines.map((l) => l.name)).toEqual(["宝石社区", "合计"]);
    expect(lines[0]).toMatchObject({ overdue: 2, bad: 2, onTime: 0.5 });
    expect(siteLines({ ...f, totals: null, rates: null } as never, "合计")).toHaveLength(1);
  });
});
