import { describe, expect, it } from "vitest";
import { en } from "../../i18n/en";
import { zh } from "../../i18n/zh";
import { templateTag } from "./sms-log-view";

describe("短信通知记录: the template's tag", () => {
  it("names each template in both languages", () => {
    for (const t of ["deferred_due", "result_ready", "rating_invite", "deferred_overdue"]) {
      const label = templateTag(t).label;
      expect(label, t).not.toBeNull();
      if (label) expect([zh[label], en[label]].every((s) => s.length > 0)).toBe(true);
    }
    expect(templateTag("deferred_overdue").colour).toBe("error");
  });

  it("shows an unknown template as itself rather than failing", () => {
    expect(templateTag("complaint_reply")).toEqual({ colour: "default", label: null });
  });
});
