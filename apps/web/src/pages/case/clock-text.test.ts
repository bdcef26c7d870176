import { describe, expect, it } from "vitest";
import { translator } from "../../i18n/i18n-context";
import { clockText, limitLines } from "./clock-text";

const t = translator("zh");
const d = {
  state: "running" as const,
  dueOn: "2026-12-14",
  workdaysLeft: 5,
  colour: "green" as const,
  overdue: false,
  onTime: null,
};

describe("the deadline clock in words", () => {
  it("counts working days left and names the due day", () => {
    expect(clockText(d, t)).toEqual({
      headline: "剩余 5 个工作日",
      due: "2026-12-14 下班前到期",
      detail: undefined,
    });
  });

  it("warns when yellow, says when due today and when overdue", () => {
    expect(clockText({ ...d, workdaysLeft: 2, colour: "yellow" }, t).detail).toMatch(/即将到期/);
    expect(clockText({ ...d, workdaysLeft: 0 }, t).headline).toBe("今天到期");
    expect(clockText({ ...d, workdaysLeft: -2, colour: "red", overdue: true }, t).headline).toBe(
      "已超期 2 个工作日",
    );
  });

  it("explains a paused or unstarted clock", () => {
    expect(clockText({ ...d, state: "paused", dueOn: null }, t).due).toMatch(/恢复计时/);
    expect(clockText({ ...d, state: "not_started", dueOn: null }, t).headline).toBe("尚未开始计时");
  });

  it("says whether a stopped clock finished on time", () => {
    expect(clockText({ ...d, state: "stopped", onTime: true, colour: "none" }, t).detail).toBe(
      "按时办结",
    );
  });
});

describe("承诺时限 and 法定时限 side by side", () => {
  it("names each clock, its limit and due day; late against the promise is not late against the law", () => {
    const promised = { ...d, days: 15, dueOn: "2026-11-23", overdue: true, colour: "red" as const };
    const legal = { ...d, days: 20, dueOn: "2026-11-30" };
    expect(limitLines(promised, legal, t)).toEqual([
      { label: "承诺时限", limit: "15 个工作日", due: "2026-11-23 下班前到期", late: true },
      { label: "法定时限", limit: "20 个工作日", due: "2026-11-30 下班前到期", late: false },
    ]);
  });

  it("says when the law sets no limit, and when a pause keeps the due day open", () => {
    const paused = { ...d, state: "paused" as const, days: 15, dueOn: null };
    const [p, l] = limitLines(paused, null, t);
    expect(p?.due).toBe("到期日待恢复计时后确定");
    expect(l).toEqual({ label: "法定时限", limit: "法律未规定", due: "—", late: false });
  });

  it("a case finished after the legal due day is marked late on that clock", () => {
    const done = { ...d, state: "stopped" as const, onTime: false, days: 20 };
    expect(limitLines({ ...done, onTime: true, days: 15 }, done, t).map((x) => x.late)).toEqual([
      false,
      true,
    ]);
  });
});
