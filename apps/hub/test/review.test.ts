import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { caseInReview, type Detail, detail, ok } from "./cases";
import { type HubHarness, hubHarness, type TrpcClient } from "./harness";

interface ReviewDetail extends Detail {
  statusLabel: string;
  stage: string | null;
  allowed: string[];
  opinion: { text: string; recommendation: string; byUserId: string } | null;
  timeline: { type: string; label: string }[];
}

let h: HubHarness;
beforeEach(async () => {
  h = await hubHarness();
});
afterEach(async () => {
  await h.close();
});

const get = (c: TrpcClient, caseId: string) => detail<ReviewDetail>(c, caseId);

const inReview = () => caseInReview(h);

describe("审查意见 and 提交审批 (the reviewer's opinion reaches the approver)", () => {
  it("the reviewer submits an opinion; the approver sees it, the queue lists the case 待审批 until the decision", async () => {
    const { caseId, reviewer } = await inReview();
    const before = await get(reviewer, caseId);
    expect(before.allowed).toContain("submit_for_approval");
    expect(before.allowed).not.toContain("approve");

    const sent = await ok<ReviewDetail>(reviewer, "cases.submitForApproval", {
      caseId,
      opinion: "申请人年满 80 周岁，材料齐全，建议准予",
      recommendation: "approve",
    });
    expect(sent.status).toBe("IN_REVIEW");
    expect(sent.stage).toBe("awaiting_approval");
    expect(sent.statusLabel).toBe("审查中 · 待审批");
    expect(sent.timeline.at(-1)).toMatchObject({ type: "submit_for_approval", label: "提交审批" });

    const approver = await h.as("zhaolei");
    const seen = await get(approver, caseId);
    expect(seen.opinion).toMatchObject({
      text: "申请人年满 80 周岁，材料齐全，建议准予",
      recommendation: "approve",
      byUserId: "u-chenjing",
    });
    expect(seen.allowed).toEqual(expect.arrayContaining(["approve", "deny"]));
    expect(seen.allowed).not.toContain("submit_for_approval");
    const queue = async () =>
      (
        await approver.query<{ rows: { caseId: string }[] }>("cases.list", {
          scope: "all",
          stage: "awaiting_approval",
        })
      ).data?.rows.map((r) => r.caseId);
    expect(await queue()).toEqual([caseId]);

    const decided = await ok<ReviewDetail>(approver, "cases.approve", { caseId });
    expect(decided.stage).toBeNull();
    expect(decided.opinion?.recommendation).toBe("approve");
    expect(await queue()).toEqual([]);
  });

  it("an empty opinion or no recommendation is refused with the field named, and nothing is written", async () => {
    const { caseId, reviewer } = await inReview();
    const empty = await reviewer.mutate("cases.submitForApproval", {
      caseId,
      opinion: "   ",
      recommendation: "approve",
    });
    expect(empty.status).toBe(400);
    expect(empty.error).toMatchObject({
      field: "opinion",
      zh: expect.stringContaining("请填写审查意见"),
    });
    const noChoice = await reviewer.mutate("cases.submitForApproval", {
      caseId,
      opinion: "建议准予",
      recommendation: "maybe",
    });
    expect(noChoice.error?.field).toBe("recommendation");
    const after = await get(reviewer, caseId);
    expect(after.opinion).toBeNull();
    expect(after.stage).toBeNull();
  });

  it("an approver may not write the opinion (审查 and 决定 are separate posts)", async () => {
    const { caseId } = await inReview();
    const approver = await h.as("zhaolei");
    const r = await approver.mutate("cases.submitForApproval", {
      caseId,
      opinion: "建议准予",
      recommendation: "approve",
    });
    expect(r.status).toBe(403);
  });

  it("公示: the reviewer starts 公示 (the clock pauses) and resumes the review after it", async () => {
    const { caseId, reviewer } = await inReview();
    const held = await ok<ReviewDetail & { deadline: { state: string } }>(
      reviewer,
      "cases.suspend",
      { caseId, reason: "publicity" },
    );
    expect(held.status).toBe("SUSPENDED");
    expect(held.deadline.state).toBe("paused");
    expect(held.allowed).toContain("resume");
    const back = await ok<ReviewDetail>(reviewer, "cases.resume", { caseId });
    expect(back.status).toBe("IN_REVIEW");
  });
});
