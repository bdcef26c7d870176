import { listSmsLog } from "@bangban/db";
import { type TempDb, tempDb } from "@bangban/db/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LogNotifier, MemoryNotifier, type SmsNotice } from "./notifier";

const notice: SmsNotice = {
  id: "rongque.overdue.01KTEST000000000000000001.2026-11-20",
  rule: "rongque.overdue",
  caseId: "01KTEST000000000000000001",
  caseNumber: "330106001001-20261102-0001",
  template: "deferred_overdue",
  phone: "0571-87654321",
  text: "您的容缺材料已逾期未补交，请尽快到宝石社区便民服务站补交。",
  firesOn: "2026-11-20",
};

describe("notifiers", () => {
  let t: TempDb;
  beforeEach(async () => {
    t = await tempDb();
  });
  afterEach(async () => t.cleanup());

  it("LogNotifier records what would be sent, the phone masked, once per notice", async () => {
    let now = Date.parse("2026-11-20T01:00:00.000Z");
    const notifier = new LogNotifier(t.db, () => new Date(now));
    await notifier.send(notice);
    now += 60_000;
    await notifier.send(notice);
    expect(await listSmsLog(t.db, { limit: 10 })).toEqual([
      {
        id: notice.id,
        rule: notice.rule,
        caseId: notice.caseId,
        caseNumber: notice.caseNumber,
        template: "deferred_overdue",
        phoneMasked: "0571-*****321",
        text: notice.text,
        firesOn: "2026-11-20",
        sentAt: "2026-11-20T01:00:00.000Z",
      },
    ]);
  });

  it("MemoryNotifier keeps every notice it was given", async () => {
    const memory = new MemoryNotifier();
    await memory.send(notice);
    await memory.send({ ...notice, id: "other" });
    expect(memory.sent.map((n) => n.id)).toEqual([notice.id, "other"]);
    expect(memory.sent[0]?.phone).toBe("0571-87654321");
  });
});
