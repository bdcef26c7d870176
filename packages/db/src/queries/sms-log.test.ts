import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type TempDb, tempDb } from "../testing";
import { listSmsLog, logSms, type SmsLogEntry } from "./sms-log";

function entry(n: number, sentAt: string): SmsLogEntry {
  return {
    id: `rating.invite.01KCASE00000${n}.2026-11-20`,
    rule: "rating.invite",
    caseId: `01KCASE00000${n}`,
    caseNumber: `330106001001-20261102-000${n}`,
    template: "rating_invite",
    phoneMasked: "138****5678",
    text: "您办理的高龄津贴申领已办结，欢迎评价。",
    firesOn: "2026-11-20",
    sentAt,
  };
}

describe("the SMS log (短信通知记录)", () => {
  let t: TempDb;
  beforeEach(async () => {
    t = await tempDb();
  });
  afterEach(async () => t.cleanup());

  it("logs a notice once however often it is sent", async () => {
    expect(await logSms(t.db, entry(1, "2026-11-20T01:00:00.000Z"))).toBe(true);
    expect(await logSms(t.db, entry(1, "2026-11-20T01:05:00.000Z"))).toBe(false);
    const rows = await listSmsLog(t.db, { limit: 10 });
    expect(rows).toEqual([entry(1, "2026-11-20T01:00:00.000Z")]);
  });

  it("lists the latest first, a page at a time", async () => {
    await logSms(t.db, entry(1, "2026-11-20T01:00:00.000Z"));
    await logSms(t.db, entry(2, "2026-11-21T01:00:00.000Z"));
    await logSms(t.db, entry(3, "2026-11-21T01:00:00.000Z"));
    const all = await listSmsLog(t.db, { limit: 10 });
    expect(all.map((r) => r.caseId)).toEqual(["01KCASE000003", "01KCASE000002", "01KCASE000001"]);
    const first = await listSmsLog(t.db, { limit: 2 });
    const last = first.at(-1);
    if (!last) throw new Error("no first page");
    const rest = await listSmsLog(t.db, { limit: 2, before: last });
    expect([...first, ...rest]).toEqual(all);
  });
});
