import { DomainError } from "@bangban/domain";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type TempDb, tempDb } from "../testing";
import {
  addReminders,
  listReminders,
  markRemindersRead,
  type NewReminder,
  unreadReminderCount,
} from "./reminders";

const ALICE = "u-zhangli";
const BOB = "u-liumei";

function reminder(over: Partial<NewReminder> = {}): NewReminder {
  const base = {
    rule: "rongque.remind",
    caseId: "01KCASE000001",
    firesOn: "2026-11-20",
    recipientUserId: ALICE,
    ...over,
  };
  return {
    id: `${base.rule}.${base.caseId}.${base.firesOn}.${base.recipientUserId}`,
    caseNumber: "330106001001-20261102-0001",
    itemName: "高龄津贴申领",
    siteId: "330106001001",
    dueOn: "2026-11-25",
    severity: "warning",
    textZh: "容缺材料将于 11月25日 到期",
    textEn: "Deferred material due on 25 Nov",
    createdAt: "2026-11-20T01:00:00.000Z",
    ...base,
  };
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

describe("reminders (待办提醒)", () => {
  let t: TempDb;
  beforeEach(async () => {
    t = await tempDb();
  });
  afterEach(async () => t.cleanup());

  it("adds each reminder once: the same id again is not new", async () => {
    const a = reminder();
    const b = reminder({ firesOn: "2026-11-24" });
    expect(await addReminders(t.db, [a, b])).toBe(2);
    expect(await addReminders(t.db, [a, b, reminder({ firesOn: "2026-11-25" })])).toBe(1);
    expect(await addReminders(t.db, [])).toBe(0);
    expect(await unreadReminderCount(t.db, ALICE)).toBe(3);
  });

  it("adds more rows than one statement holds, in one go", async () => {
    const many = Array.from({ length: 1203 }, (_, i) =>
      reminder({ caseId: `01KCASE${String(i).padStart(6, "0")}` }),
    );
    expect(await addReminders(t.db, many)).toBe(1203);
    expect(await addReminders(t.db, many)).toBe(0);
    expect(await unreadReminderCount(t.db, ALICE)).toBe(1203);
  });

  it("refuses a malformed row by its field and writes none of the batch", async () => {
    const bad = reminder({ caseId: "01KCASE000002", dueOn: "25/11/2026" });
    const e = await addReminders(t.db, [reminder(), bad]).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).field).toBe("reminders[1].dueOn");
    expect(await unreadReminderCount(t.db, ALICE)).toBe(0);
  });

  it("lists a user's own, newest first, a page at a time, unread only on request", async () => {
    await addReminders(t.db, [
      reminder({ firesOn: "2026-11-18" }),
      reminder({ firesOn: "2026-11-20" }),
      reminder({ firesOn: "2026-11-20", caseId: "01KCASE000002" }),
      reminder({ firesOn: "2026-11-23" }),
      reminder({ firesOn: "2026-11-23", recipientUserId: BOB }),
    ]);
    const all = await listReminders(t.db, ALICE, { limit: 10 });
    expect(all.map((r) => r.firesOn)).toEqual([
      "2026-11-23",
      "2026-11-20",
      "2026-11-20",
      "2026-11-18",
    ]);
    expect(all.every((r) => r.recipientUserId === ALICE && r.readAt === null)).toBe(true);

    const first = await listReminders(t.db, ALICE, { limit: 2 });
    const last = first.at(-1);
    if (!last) throw new Error("no first page");
    const second = await listReminders(t.db, ALICE, { limit: 2, before: last });
    expect([...ids(first), ...ids(second)]).toEqual(ids(all));

    await markRemindersRead(t.db, ALICE, [ids(all)[0] ?? ""], "2026-11-23T02:00:00.000Z");
    const unread = await listReminders(t.db, ALICE, { limit: 10, unreadOnly: true });
    expect(ids(unread)).toEqual(ids(all).slice(1));
  });

  it("marks only the user's own reminders read; another user's id is ignored", async () => {
    const mine = reminder();
    const bobs = reminder({ recipientUserId: BOB });
    await addReminders(t.db, [mine, bobs]);
    const at = "2026-11-20T03:00:00.000Z";
    expect(await markRemindersRead(t.db, ALICE, [mine.id, bobs.id], at)).toBe(1);
    expect(await unreadReminderCount(t.db, ALICE)).toBe(0);
    expect(await unreadReminderCount(t.db, BOB)).toBe(1);
    expect(await markRemindersRead(t.db, ALICE, "all", at)).toBe(0);
    const [bob] = await listReminders(t.db, BOB, { limit: 1 });
    expect(bob?.readAt).toBeNull();
  });

  it("marks all read at once and keeps the first time a reminder was read", async () => {
    const a = reminder();
    await addReminders(t.db, [a, reminder({ firesOn: "2026-11-24" })]);
    await markRemindersRead(t.db, ALICE, [a.id], "2026-11-20T03:00:00.000Z");
    expect(await markRemindersRead(t.db, ALICE, "all", "2026-11-24T03:00:00.000Z")).toBe(1);
    expect(await markRemindersRead(t.db, ALICE, [], "2026-11-24T03:00:00.000Z")).toBe(0);
    const rows = await listReminders(t.db, ALICE, { limit: 10 });
    expect(rows.map((r) => [r.firesOn, r.readAt])).toEqual([
      ["2026-11-24", "2026-11-24T03:00:00.000Z"],
      ["2026-11-20", "2026-11-20T03:00:00.000Z"],
    ]);
    expect(await unreadReminderCount(t.db, ALICE)).toBe(0);
  });

  it("reads a user's unread reminders by index, not by scanning the table", async () => {
    const plan = await t.db.client.execute({
      sql: "EXPLAIN QUERY PLAN SELECT count(*) FROM reminders WHERE recipient_user_id = ? AND read_at IS NULL",
      args: [ALICE],
    });
    expect(plan.rows.map((r) => String(r.detail)).join(" ")).toContain(
      "reminders_recipient_read_idx",
    );
  });
});
