import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { insuranceIntake } from "./cases";
import { count, type HubHarness, hubHarness, STATION_A } from "./harness";

let h: HubHarness;
beforeEach(async () => {
  h = await hubHarness();
});
afterEach(async () => {
  await h.close();
});

interface Summary {
  id: string;
  stage: string;
  target: { siteId?: string; staffId?: string } | null;
  complainant: { nameMasked: string; phoneMasked: string } | null;
  complainantHidden: boolean;
  mayReveal: boolean;
  actions: string[];
  dues: { what: string; date: string; overdue: boolean }[];
}

const complaint = {
  channel: "cant_get_it_done_desk",
  target: { staffId: "u-zhangli" },
  content: "窗口推诿，材料被退回三次",
  written: true,
  complexity: "complex",
  complainant: { name: "李四", phone: "13912345678" },
};

async function registered(): Promise<Summary> {
  const lead = await h.as("sunhua");
  const r = await lead.mutate<Summary>("complaints.register", complaint);
  expect(r.error).toBeUndefined();
  return r.data as Summary;
}

describe("complaints.* at the hub", () => {
  it("投诉登记: bad input gets a Chinese error naming the field, and nothing is stored", async () => {
    const lead = await h.as("sunhua");
    const phone = await lead.mutate("complaints.register", {
      ...complaint,
      complainant: { name: "李四", phone: "12345" },
    });
    expect(phone.error?.field).toBe("complainant.phone");
    expect(phone.error?.zh).toMatch(/电话|号码/);
    const staff = await lead.mutate("complaints.register", {
      ...complaint,
      target: { staffId: "u-nobody" },
    });
    expect(staff.error).toMatchObject({ field: "target.staffId", zh: "投诉对象人员不存在" });
    const empty = await lead.mutate("complaints.register", { ...complaint, content: " " });
    expect(empty.error).toMatchObject({
      field: "content",
      zh: expect.stringContaining("请填写投诉内容"),
    });
    expect(await count(h.services, "complaint_docs")).toBe(0);
  });

  it("投诉登记: a complaint about a staff member is filed under that member's site, complainant masked in the ledger", async () => {
    const c = await registered();
    expect(c.target).toEqual({ staffId: "u-zhangli", siteId: STATION_A });
    const reviewer = await h.as("chenjing");
    const list = await reviewer.query<{ rows: Summary[] }>("complaints.list", { state: "open" });
    expect(list.data?.rows.map((r) => r.id)).toEqual([c.id]);
    expect(list.data?.rows[0]?.complainant).toEqual({
      nameMasked: "李*",
      phoneMasked: "139****5678",
    });
    expect(list.data?.rows[0]?.dues).toEqual([
      { what: "answer", date: "2026-11-09", overdue: false },
    ]);
    expect(JSON.stringify(list.data)).not.toContain("13912345678");
  });

  it("投诉登记: the case complained about is named by its number, as on the receipt, and kept by its id", async () => {
    const lead = await h.as("sunhua");
    const taken = await lead.mutate<{ caseId: string; caseNumber: string }>(
      "cases.intake",
      insuranceIntake(),
    );
    expect(taken.error).toBeUndefined();
    const { caseId, caseNumber } = taken.data as { caseId: string; caseNumber: string };
    const r = await lead.mutate<Summary & { target: { caseId?: string } }>("complaints.register", {
      ...complaint,
      target: { caseId: caseNumber },
    });
    expect(r.error).toBeUndefined();
    expect(r.data?.target?.caseId).toBe(caseId);
    const unknown = await lead.mutate("complaints.register", {
      ...complaint,
      target: { caseId: "330106001-20261102-9999" },
    });
    expect(unknown.error).toMatchObject({ field: "target.caseId" });
  });

  it("投诉: the center runs the loop; a written complaint cannot close without a reply", async () => {
    const c = await registered();
    const reviewer = await h.as("chenjing");
    for (const type of ["accept", "start_handling"]) {
      expect((await reviewer.mutate("complaints.act", { id: c.id, type })).error).toBeUndefined();
    }
    const noReply = await reviewer.mutate("complaints.act", {
      id: c.id,
      type: "close",
      substantiated: true,
      result: "已批评教育",
    });
    expect(noReply.error).toMatchObject({ field: "reply", code: "NOT_ALLOWED" });
    const closed = await reviewer.mutate<Summary>("complaints.act", {
      id: c.id,
      type: "close",
      substantiated: true,
      result: "已批评教育",
      reply: "经核实属实，已整改",
    });
    expect(closed.data?.stage).toBe("closed");
    expect(closed.data?.actions).toEqual(["follow_up", "file_result"]);
    const called = await reviewer.mutate<Summary>("complaints.act", {
      id: c.id,
      type: "follow_up",
      reached: true,
      result: "投诉人满意",
    });
    expect(called.data?.stage).toBe("followed_up");
  });

  it("投诉: the staff complained about cannot act on it, nor see its complainant even masked", async () => {
    const lead = await h.as("sunhua");
    // The center's own approver complained about (station staff sign in at their station).
    const about = { ...complaint, target: { staffId: "u-zhaolei" } };
    const c = (await lead.mutate<Summary>("complaints.register", about)).data as Summary;
    const approver = await h.as("zhaolei");
    const act = await approver.mutate("complaints.act", { id: c.id, type: "accept" });
    expect(act.error).toMatchObject({ code: "NOT_ALLOWED" });
    const seen = await approver.query<Summary>("complaints.get", { id: c.id });
    expect(seen.data).toMatchObject({
      complainant: null,
      complainantHidden: true,
      mayReveal: false,
    });
    const reveal = await approver.mutate("complaints.revealComplainant", {
      id: c.id,
      purpose: "看看",
    });
    expect(reveal.error?.code).toBe("NOT_ALLOWED");
    // A handler complained about does not handle their own complaint's complainant either.
    const aboutReviewer = { ...complaint, target: { staffId: "u-chenjing" } };
    const d = (await lead.mutate<Summary>("complaints.register", aboutReviewer)).data as Summary;
    const reviewer = await h.as("chenjing");
    const r = await reviewer.mutate("complaints.revealComplainant", { id: d.id, purpose: "看看" });
    expect(r.error?.code).toBe("NOT_ALLOWED");
  });

  it("投诉人: a handler sees the complainant in clear only on asking, and the request is audited with its purpose", async () => {
    const c = await registered();
    const reviewer = await h.as("chenjing");
    const page = await reviewer.query<Summary>("complaints.get", { id: c.id });
    expect(page.data?.mayReveal).toBe(true);
    const before = await count(h.services, "audit_log");
    const r = await reviewer.mutate<{ complainant: { name: string } }>(
      "complaints.revealComplainant",
      { id: c.id, purpose: "回访联系投诉人" },
    );
    expect(r.data?.complainant.name).toBe("李四");
    const line = await h.services.db.client.execute(
      "SELECT user_id, action, detail FROM audit_log ORDER BY rowid DESC LIMIT 1",
    );
    expect(await count(h.services, "audit_log")).toBe(before + 1);
    expect(line.rows[0]).toMatchObject({
      user_id: "u-chenjing",
      action: "complaint.reveal_complainant",
    });
    expect(String(line.rows[0]?.detail)).toContain("回访联系投诉人");
  });

  it("办不成事: the center lead's board shows open records with coordinator and deadline, and staff with two substantiated complaints", async () => {
    const lead = await h.as("sunhua");
    const desk = await lead.mutate("complaints.registerFallback", {
      matter: "外地户籍老人无法办理高龄津贴",
      coordinatorId: "u-chenjing",
      deadline: "2026-11-06",
      complainant: null,
    });
    expect(desk.error).toBeUndefined();
    const past = await lead.mutate("complaints.registerFallback", {
      matter: "x",
      coordinatorId: "u-chenjing",
      deadline: "2026-11-01",
      complainant: null,
    });
    expect(past.error).toMatchObject({ field: "deadline", zh: "办理期限不能早于今天" });
    for (let i = 0; i < 2; i++) {
      const c = await registered();
      for (const type of ["accept", "start_handling"]) {
        await lead.mutate("complaints.act", { id: c.id, type });
      }
      await lead.mutate("complaints.act", {
        id: c.id,
        type: "close",
        substantiated: true,
        result: "属实",
        reply: "已整改",
      });
    }
    const board = await lead.query<{
      fallbacks: { coordinatorName: string; dues: { date: string }[] }[];
      flagged: { staffId: string; substantiated: number }[];
    }>("complaints.board", { state: "open" });
    expect(board.data?.fallbacks.map((f) => [f.coordinatorName, f.dues[0]?.date])).toEqual([
      ["陈静", "2026-11-06"],
    ]);
    expect(board.data?.flagged).toEqual([
      expect.objectContaining({ staffId: "u-zhangli", substantiated: 2 }),
    ]);
    const reviewer = await h.as("chenjing");
    expect((await reviewer.query("complaints.board")).status).toBe(403);
  });

  it("投诉提醒: the scheduler's daily pass reminds the center lead of an unanswered complaint, once", async () => {
    const lead = await h.as("sunhua");
    await lead.mutate("complaints.register", { ...complaint, complexity: "simple" });
    h.setNow("2026-11-03T02:00:00.000Z");
    await h.services.scheduler.runPass();
    await h.services.scheduler.runPass();
    const later = await h.as("sunhua");
    const page = await later.query<{ rows: { rule: string; severity: string; dueOn: string }[] }>(
      "reminders.list",
    );
    expect(page.data?.rows.filter((r) => r.rule.startsWith("complaint."))).toEqual([
      expect.objectContaining({
        rule: "complaint.answer",
        severity: "danger",
        dueOn: "2026-11-02",
      }),
    ]);
  });
});
