import { describe, expect, it } from "vitest";
import { casePapers, type PaperFacts } from "./papers";

const open: PaperFacts = {
  status: "ACCEPTED",
  mode: "assist",
  deadline: { state: "running" },
  notices: [],
  materials: [{ promise: null }],
  handover: null,
  timeline: [
    { type: "intake", payload: { mode: "assist" } },
    { type: "accept", payload: {} },
  ],
};

const keys = (f: PaperFacts) => casePapers(f).map((p) => p.key);

describe("casePapers: what the 打印 menu offers", () => {
  it("an accepted case: the 受理回执 only", () => {
    expect(keys(open)).toEqual(["receipt"]);
  });

  it("a 容缺 case: the 承诺书 and the 通知书 (with its reminders)", () => {
    const f = { ...open, materials: [{ promise: { promisedBy: "2026-11-13" } }] };
    expect(keys(f)).toEqual(["receipt", "deferred-commitment", "deferred-notice"]);
  });

  it("一次性告知书: one entry per notice, numbered", () => {
    const papers = casePapers({ ...open, notices: ["N1", "N2"] });
    expect(papers.filter((p) => p.key.startsWith("notice:"))).toEqual([
      { key: "notice:N1", label: "print.oneTimeNoticeN", n: 1 },
      { key: "notice:N2", label: "print.oneTimeNoticeN", n: 2 },
    ]);
  });

  it("a case TERMINATED by a 退件 (terminate with outcome returned) offers the 退件通知书", () => {
    const f: PaperFacts = {
      ...open,
      status: "TERMINATED",
      timeline: [
        ...open.timeline,
        { type: "terminate", payload: { reason: "逾期", outcome: "returned" } },
      ],
    };
    expect(keys(f)).toContain("return-notice");
    expect(keys(f)).not.toContain("termination-notice");
  });

  it("a case TERMINATED plainly (no outcome, or terminated) offers the 终止办理告知书", () => {
    for (const payload of [{ reason: "逾期" }, { reason: "逾期", outcome: "terminated" }]) {
      const f: PaperFacts = {
        ...open,
        status: "TERMINATED",
        timeline: [...open.timeline, { type: "terminate", payload }],
      };
      expect(keys(f)).toContain("termination-notice");
      expect(keys(f)).not.toContain("return-notice");
    }
  });

  it("no closing paper while the case is open, even with a terminate event in conflict", () => {
    const f: PaperFacts = {
      ...open,
      timeline: [...open.timeline, { type: "terminate", payload: { outcome: "returned" } }],
    };
    expect(keys(f)).not.toContain("return-notice");
    expect(keys(f)).not.toContain("termination-notice");
  });

  it("an extended case offers the 延期告知书", () => {
    const f: PaperFacts = {
      ...open,
      timeline: [...open.timeline, { type: "extend", payload: { workdays: 10, reason: "核查" } }],
    };
    expect(keys(f)).toContain("extension-notice");
    expect(keys(open)).not.toContain("extension-notice");
  });

  it("委托书 for 代办, 送达回证 once handed over", () => {
    const f: PaperFacts = { ...open, mode: "proxy", handover: { how: "self" } };
    expect(keys(f)).toEqual(["receipt", "power-of-attorney", "delivery-receipt"]);
  });
});
