import type { SmsNotice } from "@bangban/api";
import { addReminders, type NewReminder } from "@bangban/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { count, type HubHarness, hubHarness } from "./harness";

let h: HubHarness;
beforeEach(async () => {
  h = await hubHarness();
});
afterEach(async () => {
  await h.close();
});

function reminder(recipientUserId: string, firesOn: string): NewReminder {
  const rule = "deadline.yellow";
  const caseId = "01KTEST000000000000000001";
  return {
    id: `${rule}.${caseId}.${firesOn}.${recipientUserId}`,
    rule,
    caseId,
    caseNumber: "330106001-20261102-0001",
    itemName: "高龄津贴申领",
    siteId: "330106001",
    recipientUserId,
    dueOn: "2026-11-20",
    firesOn,
    severity: "warning",
    textZh: "办件即将到期（黄灯）",
    textEn: "Case nearly due (yellow)",
    createdAt: `${firesOn}T01:00:00.000Z`,
  };
}

interface Page {
  rows: { id: string; readAt: string | null }[];
  unread: number;
  next: { firesOn: string; id: string } | null;
}

describe("reminders.* (待办提醒): each user reads and marks only their own", () => {
  it("lists, counts and marks read the caller's reminders", async () => {
    const mine = [reminder("u-sunhua", "2026-11-16"), reminder("u-sunhua", "2026-11-17")];
    await addReminders(h.services.db, [...mine, reminder("u-chenjing", "2026-11-17")]);
    const lead = await h.as("sunhua");
    const page = await lead.query<Page>("reminders.list", { limit: 1 });
    expect(page.data?.rows.map((r) => r.id)).toEqual([mine[1]?.id]);
    expect(page.data?.unread).toBe(2);
    const rest = await lead.query<Page>("reminders.list", { limit: 1, before: page.data?.next });
    expect(rest.data?.rows.map((r) => r.id)).toEqual([mine[0]?.id]);

    const marked = await lead.mutate("reminders.markRead", { ids: [mine[0]?.id] });
    expect(marked.data).toEqual({ marked: 1, unread: 1 });
    expect((await lead.query("reminders.unreadCount")).data).toEqual({ unread: 1 });
    const unread = await lead.query<Page>("reminders.list", { unreadOnly: true });
    expect(unread.data?.rows.map((r) => r.id)).toEqual([mine[1]?.id]);
    expect((await lead.mutate("reminders.markAllRead")).data).toEqual({ marked: 1, unread: 0 });
    const all = await lead.query<Page>("reminders.list");
    expect(all.data?.rows.map((r) => r.readAt)).toEqual([
      "2026-11-02T02:00:00.000Z",
      "2026-11-02T02:00:00.000Z",
    ]);
  });

  it("attack: user B can neither read nor mark user A's reminders", async () => {
    const aliceOwn = reminder("u-sunhua", "2026-11-16");
    await addReminders(h.services.db, [aliceOwn, reminder("u-chenjing", "2026-11-16")]);
    const bob = await h.as("chenjing");
    const seen = await bob.query<Page>("reminders.list", { limit: 100 });
    expect(seen.data?.rows.map((r) => r.id)).toEqual([
      "deadline.yellow.01KTEST000000000000000001.2026-11-16.u-chenjing",
    ]);
    expect((await bob.mutate("reminders.markRead", { ids: [aliceOwn.id] })).data).toEqual({
      marked: 0,
      unread: 1,
    });
    await bob.mutate("reminders.markAllRead");
    const alice = await h.as("sunhua");
    const hers = await alice.query<Page>("reminders.list");
    expect(hers.data?.rows).toEqual([expect.objectContaining({ id: aliceOwn.id, readAt: null })]);
    expect(hers.data?.unread).toBe(1);
    // Signed out: nothing.
    expect((await h.client().query("reminders.list")).status).toBe(401);
    expect((await h.client().mutate("reminders.markAllRead")).status).toBe(401);
  });

  it("bad input names the field and changes nothing", async () => {
    await addReminders(h.services.db, [reminder("u-sunhua", "2026-11-16")]);
    const lead = await h.as("sunhua");
    const none = await lead.mutate("reminders.markRead", { ids: [] });
    expect(none.status).toBe(400);
    expect(none.error?.field).toBe("ids");
    const zero = await lead.query("reminders.list", { limit: 0 });
    expect(zero.error?.field).toBe("limit");
    const cursor = await lead.query("reminders.list", {
      before: { firesOn: "2026-13-01", id: "x" },
    });
    expect(cursor.error).toMatchObject({ code: "INVALID_DATE", field: "before.firesOn" });
    expect((await lead.query("reminders.unreadCount")).data).toEqual({ unread: 1 });
  });
});

const notice: SmsNotice = {
  id: "rating.invite.01KTEST000000000000000001.2026-11-16",
  rule: "rating.invite",
  caseId: "01KTEST000000000000000001",
  caseNumber: "330106001-20261102-0001",
  template: "rating_invite",
  phone: "13812345678",
  text: "您办理的高龄津贴申领已办结，欢迎对本次服务进行评价。",
  firesOn: "2026-11-16",
};

describe("sms.log (短信通知记录) at the hub", () => {
  it("the hub's LogNotifier logs a notice once, the phone masked; its leads read it", async () => {
    await h.services.notifier.send(notice);
    await h.services.notifier.send(notice);
    expect(await count(h.services, "sms_log")).toBe(1);
    const stored = await h.services.db.client.execute("SELECT * FROM sms_log");
    expect(JSON.stringify(stored.rows)).not.toContain("13812345678");

    for (const username of ["sunhua", "admin"]) {
      const log = await (await h.as(username)).query<{ rows: unknown[] }>("sms.log");
      expect(log.data?.rows).toEqual([
        expect.objectContaining({ id: notice.id, phoneMasked: "138****5678", text: notice.text }),
      ]);
    }
  });

  it("attack: the hub's other staff are refused", async () => {
    await h.services.notifier.send(notice);
    for (const username of ["chenjing", "zhaolei"]) {
      const refused = await (await h.as(username)).query("sms.log");
      expect(refused.status, username).toBe(403);
      expect(refused.error?.field).toBe("role");
    }
  });
});
