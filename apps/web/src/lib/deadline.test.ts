import { describe, expect, it } from "vitest";
import { deadlineCell } from "./deadline";

const row = (over: Partial<Parameters<typeof deadlineCell>[0]>) => ({
  status: "IN_REVIEW" as const,
  colour: "green" as const,
  dueOn: "2026-12-25",
  onTime: null,
  ...over,
});

describe("the 时限 column", () => {
  it("a running case shows its colour and due date", () => {
    expect(deadlineCell(row({ colour: "yellow" }))).toMatchObject({
      label: "deadline.yellow",
      dueOn: "2026-12-25",
    });
  });

  it("a completed case says on time or late, never 未计时", () => {
    const onTime = deadlineCell(row({ status: "COMPLETED", colour: "none", onTime: true }));
    expect(onTime).toMatchObject({ label: "deadline.doneOnTime", tag: "success" });
    expect(onTime.dueOn).toBe("2026-12-25");
    const late = deadlineCell(row({ status: "COMPLETED", colour: "none", onTime: false }));
    expect(late).toMatchObject({ label: "deadline.doneLate", tag: "error" });
    const noClock = deadlineCell(
      row({ status: "COMPLETED", colour: "none", onTime: null, dueOn: null }),
    );
    expect(noClock).toMatchObject({ label: "deadline.done", dueOn: null });
  });

  it("a result waiting for pick-up says whether it was issued on time", () => {
    expect(
      deadlineCell(row({ status: "READY_FOR_PICKUP", colour: "none", onTime: false })),
    ).toMatchObject({ label: "deadline.issuedLate", tag: "error" });
  });

  it("a case closed another way shows no clock and no due date", () => {
    for (const status of ["WITHDRAWN", "TERMINATED", "REJECTED_AT_INTAKE"] as const) {
      expect(deadlineCell(row({ status, colour: "none" }))).toMatchObject({
        label: "deadline.closed",
        dueOn: null,
      });
    }
  });

  it("a case not yet accepted is 未计时 without a date", () => {
    expect(deadlineCell(row({ status: "SUBMITTED", colour: "none", dueOn: null }))).toMatchObject({
      label: "deadline.none",
      dueOn: null,
    });
  });
});
