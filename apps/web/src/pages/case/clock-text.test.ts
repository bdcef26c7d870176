import { describe, expect, it } from "vitest";
import { translator } from "../../i18n/i18n-context";
import { clockText } from "./clock-text";

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
