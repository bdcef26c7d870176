import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { caseInReview, type Detail, detail, ok, stationCaller } from "./cases";
import { type HubHarness, hubHarness, type TrpcClient } from "./harness";

interface Check {
  verdict: string;
  reason?: string;
  byUserId: string;
  at: string;
}

interface CheckDetail extends Detail {
  allowed: string[];
  materials: { code: string; state: string; check: Check | null }[];
  timeline: { type: string; label: string }[];
  people: Record<string, string>;
}

let h: HubHarness;
beforeEach(async () => {
  h = await hubHarness();
});
afterEach(async () => {
  await h.close();
});

const get = (c: TrpcClient, caseId: string) => detail<CheckDetail>(c, caseId);

const inReview = () => caseInReview(h);

const checkOf = (d: CheckDetail, code: string) => d.materials.find((m) => m.code === code)?.check;

describe("材料审查 (cases.checkMaterial)", () => {
  it("the reviewer marks materials 合格 / 需补正; the case shows each mark with who and when, the latest standing", async () => {
    const { caseId, reviewer } = await inReview();
    expect((await get(reviewer, caseId)).allowed).toContain("check_material");
    await ok(reviewer, "cases.checkMaterial", {
      caseId,
      code: "PHOTO",
      verdict: "needs_correction",
      reason: "照片为翻拍件，请提供近期免冠照片",
    });
    const marked = await ok<CheckDetail>(reviewer, "cases.checkMaterial", {
      caseId,
      code: "ID_CARD",
      verdict: "ok",
    });
    expect(marked.status).toBe("IN_REVIEW");
    expect(checkOf(marked, "ID_CARD")).toMatchObject({ verdict: "ok", byUserId: "u-chenjing" });
    expect(checkOf(marked, "PHOTO")).toMatchObject({
      verdict: "needs_correction",
      reason: "照片为翻拍件，请提供近期免冠照片",
    });
    expect(checkOf(marked, "HOUSEHOLD_REGISTER")).toBeNull();
    expect(marked.people["u-chenjing"]).toBeTruthy();
    expect(marked.timeline.at(-1)).toMatchObject({ type: "check_material", label: "材料审查" });

    const again = await ok<CheckDetail>(reviewer, "cases.checkMaterial", {
      caseId,
      code: "PHOTO",
      verdict: "ok",
    });
    expect(checkOf(again, "PHOTO")).toMatchObject({ verdict: "ok" });
    expect(checkOf(again, "PHOTO")?.reason).toBeUndefined();
  });

  it("需补正 without a reason, or on a material not on the checklist, is refused naming the field; nothing is written", async () => {
    const { caseId, reviewer } = await inReview();
    const noReason = await reviewer.mutate("cases.checkMaterial", {
      caseId,
      code: "PHOTO",
      verdict: "needs_correction",
      reason: " 糊 ",
    });
    expect(noReason.status).toBe(400);
    expect(noReason.error).toMatchObject({ field: "reason", zh: expect.stringContaining("原因") });
    const unknown = await reviewer.mutate("cases.checkMaterial", {
      caseId,
      code: "PASSPORT",
      verdict: "ok",
    });
    expect(unknown.status).toBe(400);
    expect(unknown.error?.field).toBe("code");
    const noVerdict = await reviewer.mutate("cases.checkMaterial", {
      caseId,
      code: "PHOTO",
      verdict: "maybe",
    });
    expect(noVerdict.error?.field).toBe("verdict");
    const after = await get(reviewer, caseId);
    expect(after.materials.every((m) => m.check === null)).toBe(true);
    expect(after.timeline.some((e) => e.type === "check_material")).toBe(false);
  });

  it("the approver, and a station helper, may not mark a case the center reviews", async () => {
    const { caseId } = await inReview();
    const approver = await h.as("zhaolei");
    expect((await get(approver, caseId)).allowed).not.toContain("check_material");
    const r = await approver.mutate("cases.checkMaterial", {
      caseId,
      code: "PHOTO",
      verdict: "ok",
    });
    expect(r.status).toBe(403);
    await expect(
      stationCaller(h).cases.checkMaterial({ caseId, code: "PHOTO", verdict: "ok" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
