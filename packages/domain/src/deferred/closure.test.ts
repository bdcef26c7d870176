import { describe, expect, it } from "vitest";
import { closingEventOf } from "./closure";

const accept = { id: "e1", type: "accept", payload: { deferred: [] } };

describe("closingEventOf: how a 容缺 case was closed, read from its journal", () => {
  it("a terminate event with outcome returned is a 退件", () => {
    const e = { id: "e2", type: "terminate", payload: { reason: "逾期", outcome: "returned" } };
    expect(closingEventOf([accept, e])).toEqual({ outcome: "returned", event: e });
  });

  it("a terminate event with outcome terminated, or none (older journals), is a 终止", () => {
    const plain = { id: "e2", type: "terminate", payload: { reason: "逾期未补齐" } };
    const marked = { ...plain, payload: { ...plain.payload, outcome: "terminated" } };
    expect(closingEventOf([accept, plain])?.outcome).toBe("terminated");
    expect(closingEventOf([accept, marked])?.outcome).toBe("terminated");
  });

  it("a case without a terminate event has no closing event", () => {
    expect(closingEventOf([accept])).toBeNull();
    expect(closingEventOf([])).toBeNull();
  });

  it("the last terminate event counts (a conflicting second one from another node)", () => {
    const first = { id: "e2", type: "terminate", payload: { reason: "a" } };
    const last = { id: "e3", type: "terminate", payload: { reason: "b", outcome: "returned" } };
    expect(closingEventOf([accept, first, last])?.event).toBe(last);
  });
});
