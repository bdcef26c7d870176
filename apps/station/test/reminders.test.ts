import { addReminders } from "@bangban/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { STATION_A, type StationHarness, stationHarness } from "./harness";

let h: StationHarness;
beforeEach(async () => {
  h = await stationHarness();
});
afterEach(async () => {
  await h.close();
});

const CASE = "01KTEST000000000000000001";

describe("待办提醒 and 短信通知记录 at a station", () => {
  it("a helper reads their own reminders; only the station lead reads the SMS log", async () => {
    await addReminders(h.services.db, [
      {
        id: `rongque.remind.${CASE}.2026-11-02.u-zhangli`,
        rule: "rongque.remind",
        caseId: CASE,
        caseNumber: `${STATION_A}-20261102-0001`,
        itemName: "高龄津贴申领",
        siteId: STATION_A,
        recipientUserId: "u-zhangli",
        dueOn: "2026-11-05",
        firesOn: "2026-11-02",
        severity: "info",
        textZh: "容缺材料（照片）约定 11月5日 前补交",
        textEn: "Deferred material (photo) due by 5 Nov",
        createdAt: "2026-11-02T02:00:00.000Z",
      },
    ]);
    await h.services.notifier.send({
      id: `rongque.remind.${CASE}.2026-11-02`,
      rule: "rongque.remind",
      caseId: CASE,
      caseNumber: `${STATION_A}-20261102-0001`,
      template: "deferred_due",
      phone: "13812345678",
      text: "您的容缺材料（照片）请于 11月5日 前补交。",
      firesOn: "2026-11-02",
    });

    const helper = await h.client().login("zhangli");
    expect((await helper.query("reminders.unreadCount")).data).toEqual({ unread: 1 });
    const lead = await h.client().login("wangqiang");
    expect((await lead.query("reminders.unreadCount")).data).toEqual({ unread: 0 });

    const log = await lead.query<{ rows: { phoneMasked: string; template: string }[] }>("sms.log");
    expect(log.data?.rows).toEqual([
      expect.objectContaining({ phoneMasked: "138****5678", template: "deferred_due" }),
    ]);
    const refused = await helper.query("sms.log");
    expect(refused.status).toBe(403);
    expect(refused.error?.field).toBe("role");
  });
});
