import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WorkCalendar } from "../calendar/workdays";
import { defaultRules, rulesWith } from "../config";
import { DomainError } from "../errors";
import {
  COMPLAINT_CHANNELS,
  type Complaint,
  type ComplaintAction,
  type ComplaintStage,
  complaintAnswerDue,
  complaintChannelLabels,
  complaintNext,
  complaintRate,
  NOT_ACCEPTED_REASONS,
  notAcceptedReasonLabels,
  redactComplainantForStaff,
  removalFromWindow,
  substantiatedFollowUpDues,
} from "./complaint";

const calendar = new WorkCalendar();

/** Applies actions in order, failing the test on the first refusal. */
function run(actions: ComplaintAction[]): ComplaintStage {
  let stage: ComplaintStage = "registered";
  for (const action of actions) {
    const next = complaintNext(stage, action);
    if (!next.ok) throw next.error;
    stage = next.value;
  }
  return stage;
}

describe("channels and reasons", () => {
  it("投诉: five channels, including the 办不成事 desk and 12345", () => {
    expect(COMPLAINT_CHANNELS).toEqual([
      "cant_get_it_done_desk",
      "phone",
      "12345",
      "suggestion_box",
      "qr_code",
    ]);
    expect(complaintChannelLabels.cant_get_it_done_desk).toBe("办不成事反映窗口");
  });

  it("投诉: four reasons a complaint is not accepted", () => {
    expect(NOT_ACCEPTED_REASONS.map((r) => notAcceptedReasonLabels[r])).toEqual([
      "无明确投诉对象",
      "投诉事项无法核实",
      "不属于政务服务范围",
      "已进入行政复议或行政诉讼程序",
    ]);
  });
});

describe("the loop 登记→受理→处理→办结→回访", () => {
  it("投诉: the loop runs 登记→受理→处理→办结→回访", () => {
    expect(run(["accept", "start_handling", "close", "follow_up"])).toBe("followed_up");
  });

  it("投诉: a complaint that is not accepted leaves the loop", () => {
    expect(run(["decline"])).toBe("not_accepted");
    const after = complaintNext("not_accepted", "start_handling");
    expect(after.ok).toBe(false);
  });

  it("投诉: no step of the loop can be skipped", () => {
    const skip = complaintNext("registered", "close");
    expect(skip.ok).toBe(false);
    if (!skip.ok) {
      expect(skip.error.code).toBe("INVALID_TRANSITION");
      expect(skip.error.field).toBe("stage");
      expect(skip.error.zh).toContain("登记");
    }
    expect(complaintNext("accepted", "follow_up").ok).toBe(false);
    expect(complaintNext("handling", "decline").ok).toBe(false);
  });

  it("投诉: any run of actions only ever walks the loop in order", () => {
    const loop: ComplaintStage[] = ["registered", "accepted", "handling", "closed", "followed_up"];
    const action = fc.constantFrom<ComplaintAction>(
      "accept",
      "decline",
      "start_handling",
      "close",
      "follow_up",
    );
    fc.assert(
      fc.property(fc.array(action, { maxLength: 12 }), (actions) => {
        let stage: ComplaintStage = "registered";
        for (const a of actions) {
          const next = complaintNext(stage, a);
          if (!next.ok) continue;
          const moved = next.value;
          if (moved === "not_accepted") expect(stage).toBe("registered");
          else expect(loop.indexOf(moved)).toBe(loop.indexOf(stage) + 1);
          stage = moved;
        }
      }),
    );
  });
});

describe("deadlines", () => {
  it("投诉: simple complaints are answered on the spot, the same day", () => {
    // Even on a holiday: extended-hours desks take complaints then, and answer at once.
    expect(complaintAnswerDue("2026-10-03", "simple", defaultRules, calendar)).toEqual({
      date: "2026-10-03",
      uncertain: false,
    });
  });

  it("投诉: complex complaints are answered within 5 working days", () => {
    // 2026-10-01…07 is the National Day holiday; Saturday 10-10 is a make-up working day.
    expect(complaintAnswerDue("2026-09-30", "complex", defaultRules, calendar)).toEqual({
      date: "2026-10-13",
      uncertain: false,
    });
  });

  it("投诉: the complex-complaint period is per jurisdiction (another system: 10 working days)", () => {
    const ten = rulesWith({ complaintComplexWorkdays: 10 });
    expect(complaintAnswerDue("2026-03-02", "complex", ten, calendar).date).toBe("2026-03-16");
  });

  it("投诉: a substantiated complaint's result is filed within 2 and the complainant called back within 4 working days", () => {
    expect(substantiatedFollowUpDues("2026-09-30", defaultRules, calendar)).toEqual({
      fileResultBy: { date: "2026-10-09", uncertain: false },
      callbackBy: { date: "2026-10-12", uncertain: false },
    });
  });
});

describe("accountability", () => {
  it("投诉: complaint rate = substantiated complaints ÷ cases handled", () => {
    expect(complaintRate(2, 200)).toBe(0.01);
    expect(complaintRate(0, 0)).toBeNull();
    expect(() => complaintRate(-1, 10)).toThrow(DomainError);
  });

  it("投诉: two substantiated complaints in a year mean removal from the window", () => {
    expect(removalFromWindow(0, defaultRules)).toBe(false);
    expect(removalFromWindow(1, defaultRules)).toBe(false);
    expect(removalFromWindow(2, defaultRules)).toBe(true);
    expect(removalFromWindow(3, defaultRules)).toBe(true);
    expect(removalFromWindow(2, rulesWith({ complaintRemovalThreshold: 3 }))).toBe(false);
  });
});

describe("privacy", () => {
  it("投诉: the complainant stays hidden from the staff complained about", () => {
    const complaint: Complaint = {
      id: "cp-1",
      channel: "cant_get_it_done_desk",
      receivedOn: "2026-10-08",
      stage: "registered",
      complexity: "complex",
      summary: "窗口推诿，材料被退回三次",
      written: true,
      targetStaffId: "staff-7",
      complainantName: "李四",
      complainantPhone: "13912345678",
      complainantIdNumber: "11010519491231002X",
      complainantAddress: "城东街道幸福社区 3 幢",
    };
    const view = redactComplainantForStaff(complaint);
    expect(Object.keys(view).filter((k) => k.startsWith("complainant"))).toEqual([]);
    expect(JSON.stringify(view)).not.toMatch(/李四|13912345678|11010519491231002X|幸福社区/);
    expect(view.summary).toBe(complaint.summary);
    expect(view.targetStaffId).toBe("staff-7");
  });
});
