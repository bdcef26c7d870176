import { type Actor, type CaseEvent, recordEvent } from "@bangban/domain";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Detail, elderlyIntake, ok } from "./cases";
import { CENTER, type HubHarness, hubHarness, type TrpcClient } from "./harness";

let h: HubHarness;
beforeEach(async () => {
  h = await hubHarness();
});
afterEach(async () => {
  await h.close();
});

/** 残疾人两项补贴 (联办件, 20 working days) with the 低保证明 taken 容缺. */
function jointIntake() {
  return {
    ...elderlyIntake(),
    itemCode: "CL-GF-001",
    materials: ["ID_CARD", "DISABILITY_CERT", "HOUSEHOLD_REGISTER", "BANK_CARD"]
      .map((code) => ({ code, state: "provided" }))
      .concat([{ code: "SUBSISTENCE_CERT", state: "missing" }]),
  };
}

/** Accepted Monday 2026-11-02 (the harness's clock) with 低保证明 promised by Friday 11-13. */
async function deferredCase() {
  const lead = await h.as("sunhua");
  const c = await ok(lead, "cases.intake", jointIntake());
  await ok(lead, "cases.accept", {
    caseId: c.caseId,
    deferred: [{ code: "SUBSISTENCE_CERT", promisedBy: "2026-11-13" }],
    commitmentSigned: true,
  });
  return { lead, caseId: c.caseId };
}

type TimelineDetail = Detail & { timeline: { type: string; payload: unknown }[] };

const SYSTEM: Actor = { userId: "system", role: "system", siteId: CENTER, siteKind: "center" };

/**
 * The scheduler's terminate, as the lead's branch will record it: payload `outcome` (退件 or
 * 终止) and the event's `rule`. The wire schema does not carry them yet, so the event is cast
 * here; the journal keeps them verbatim (it is stored as JSON).
 */
async function systemTerminate(caseId: string, at: string, outcome?: "returned" | "terminated") {
  h.setNow(at);
  await h.services.repo.record(caseId, ({ journal }) => {
    const e = recordEvent(
      journal,
      "terminate",
      { reason: "容缺材料逾期未补齐", ...(outcome ? { outcome } : {}) } as { reason: string },
      { id: `sys.rongque.${caseId}.${at.slice(0, 10)}`, at, actor: SYSTEM },
    );
    return { ...e, rule: { id: "rongque.return", dueOn: at.slice(0, 10) } } as unknown as CaseEvent;
  });
}

async function paper(c: TrpcClient, kind: string, caseId: string) {
  const r = await h.app.request(`/print/${kind}/${caseId}`, { headers: { cookie: c.cookie } });
  return { status: r.status, text: await r.text() };
}

describe("容缺受理通知书 on paper: reminders and the consequence", () => {
  it("lists the reminder dates (acceptance, T-3, T-1, due day) and this jurisdiction's consequence", async () => {
    const { lead, caseId } = await deferredCase();
    const { status, text } = await paper(lead, "deferred-notice", caseId);
    expect(status).toBe(200);
    expect(text).toContain("最低生活保障证明");
    expect(text).toContain("2026年11月2日、2026年11月10日、2026年11月12日、2026年11月13日");
    expect(text).toContain("逾期未补齐的，终止办理");
  });
});

describe("退件通知书 and 终止办理告知书, once a 容缺 case was closed", () => {
  it("a 退件 by the scheduler prints the 退件通知书: material, promised date, grace, date, office", async () => {
    const { caseId } = await deferredCase();
    await systemTerminate(caseId, "2026-11-26T01:00:00.000Z", "returned");
    // The clock moved on: a fresh session (an idle one is signed out).
    const lead = await h.as("sunhua");
    const d = (await lead.query<TimelineDetail>("cases.get", { caseId })).data;
    expect(d?.status).toBe("TERMINATED");
    // The web offers the paper by the event's outcome: the timeline carries it.
    expect(d?.timeline.at(-1)).toMatchObject({
      type: "terminate",
      payload: { outcome: "returned" },
    });
    const { status, text } = await paper(lead, "return-notice", caseId);
    expect(status).toBe(200);
    expect(text).toContain("<h1>退件通知书</h1>");
    expect(text).toContain("<td>最低生活保障证明</td><td>复印件</td><td>2026年11月13日</td>");
    // 11-13 + 15 working days = 12-04; returned on 11-26 here (the date the event says).
    expect(text).toContain("15 个工作日");
    expect(text).toContain("至 2026年12月4日");
    expect(text).toContain("2026年11月26日");
    expect(text).toMatch(/街道便民服务中心（盖章）/);
    const wrong = await paper(lead, "termination-notice", caseId);
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain("case.closure");
  });

  it("a plain 终止 (no outcome, as older journals) prints the 终止办理告知书, not the 退件通知书", async () => {
    const { caseId } = await deferredCase();
    await systemTerminate(caseId, "2026-11-16T01:00:00.000Z");
    const lead = await h.as("sunhua");
    const { status, text } = await paper(lead, "termination-notice", caseId);
    expect(status).toBe(200);
    expect(text).toContain("<h1>终止办理告知书</h1>");
    expect(text).toContain("2026年11月16日");
    expect(text).not.toContain("宽限");
    expect((await paper(lead, "return-notice", caseId)).status).toBe(400);
  });

  it("an open case has neither paper", async () => {
    const { lead, caseId } = await deferredCase();
    for (const kind of ["return-notice", "termination-notice"]) {
      const r = await paper(lead, kind, caseId);
      expect(r.status, kind).toBe(400);
      expect(r.text, kind).toContain("case.closure");
    }
  });
});

describe("延期告知书", () => {
  it("prints the reason, the old and new due dates and who approved, right after the 延期", async () => {
    const { caseId } = await deferredCase();
    h.setNow("2026-11-20T02:00:00.000Z");
    const lead = await h.as("sunhua");
    await ok(lead, "cases.extend", { caseId, workdays: 15, reason: "需县残联入户核查" });
    const { status, text } = await paper(lead, "extension-notice", caseId);
    expect(status).toBe(200);
    expect(text).toContain("<h1>延期告知书</h1>");
    expect(text).toContain("需县残联入户核查");
    expect(text).toContain("2026年11月30日");
    expect(text).toContain("2026年12月21日");
    expect(text).toContain("孙华（中心负责人）");
    expect(text).toContain("2026年11月20日");
    expect(text).toContain("联合办理事项");
  });

  it("a case never extended has no 延期告知书", async () => {
    const { lead, caseId } = await deferredCase();
    const r = await paper(lead, "extension-notice", caseId);
    expect(r.status).toBe(400);
    expect(r.text).toContain("case.extension");
  });
});
