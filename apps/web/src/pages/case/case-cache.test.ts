import { describe, expect, it } from "vitest";
import type { CaseCommandResult, CaseDetail } from "../../api/types";
import { afterCommand } from "./case-cache";

// Only the fields the cache merge reads; the rest of a case is carried through untouched.
const detail = (people: Record<string, string>, events: string[]) =>
  ({
    caseId: "01KCASE",
    status: "IN_REVIEW",
    timeline: events.map((id) => ({ id, actorId: id === "e1" ? "u-zhangli" : "u-chenjing" })),
    people,
  }) as unknown as CaseDetail;

describe("the cached case after a command", () => {
  it("names the person of a new timeline entry at once (no reload)", () => {
    const old = detail({ "u-zhangli": "张丽" }, ["e1"]);
    const fresh = detail({ "u-zhangli": "张丽", "u-chenjing": "陈静" }, [
      "e1",
      "e2",
    ]) as CaseCommandResult;
    const next = afterCommand(old, fresh);
    expect(next.timeline.map((e) => next.people[e.actorId])).toEqual(["张丽", "陈静"]);
  });

  it("keeps names the cache knew when an answer lacks them", () => {
    const old = detail({ "u-zhangli": "张丽" }, ["e1"]);
    const fresh = detail({}, ["e1"]) as CaseCommandResult;
    expect(afterCommand(old, fresh).people).toEqual({ "u-zhangli": "张丽" });
    expect(afterCommand(undefined, fresh).people).toEqual({});
  });
});
