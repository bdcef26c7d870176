import { Scheduler, type SchedulerDeps, type SmsNotice } from "@bangban/api";
import type { NewReminder } from "@bangban/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { elderlyIntake, type StationHarness, stationHarness } from "./harness";

interface Detail {
  caseId: string;
  status: string;
  assigneeId: string | null;
}

/**
 * The station's scheduler against its real database and documents, on a clock the test moves
 * (the harness starts at Monday 2026-11-02, 10:00 China time). Reminders and messages go to
 * in-memory ports here; their stores are tested where they live.
 */
describe("the station's scheduler", () => {
  let h: StationHarness;
  let reminders: NewReminder[];
  let sms: SmsNotice[];

  let loads: string[];

  function scheduler(pace: Pick<SchedulerDeps, "share" | "rest"> = {}) {
    const s = h.services;
    // The real repository, noting each document the pass loads.
    const repo = Object.create(s.repo) as typeof s.repo;
    repo.get = (caseId: string) => {
      loads.push(caseId);
      return s.repo.get(caseId);
    };
    return new Scheduler({
      db: s.db,
      repo,
      site: s.site,
      clock: s.clock,
      calendar: s.calendar,
      rules: s.rules,
      remind: async (rows) => {
        const fresh = rows.filter((r) => !reminders.some((x) => x.id === r.id));
        reminders.push(...fresh);
        return fresh.length;
      },
      notify: async (n) => {
        if (!sms.some((x) => x.id === n.id)) sms.push(n);
      },
      ...pace,
    });
  }

  /** A 居住证明 accepted with the 情况说明 deferred until Tuesday 2026-11-03. */
  async function deferredCase() {
    const helper = await h.client().login("zhangli");
    const c = (
      await helper.mutate<Detail>("cases.intake", {
        ...elderlyIntake(),
        itemCode: "SQ-GG-001",
        materials: [
          { code: "ID_CARD", state: "provided" },
          { code: "PROPERTY_OR_LEASE", state: "provided" },
        ],
      })
    ).data as Detail;
    const ok = await helper.mutate<Detail>("cases.accept", {
      caseId: c.caseId,
      deferred: [{ code: "SITUATION_STATEMENT", promisedBy: "2026-11-03" }],
      commitmentSigned: true,
    });
    expect(ok.data?.status).toBe("ACCEPTED");
    return { helper, caseId: c.caseId };
  }

  /** A 高龄津贴 with every material, accepted at the station: to be forwarded to the center. */
  async function acceptedForCenter() {
    const helper = await h.client().login("zhangli");
    const c = (
      await helper.mutate<Detail>("cases.intake", {
        ...elderlyIntake(),
        materials: ["ID_CARD", "HOUSEHOLD_REGISTER", "BANK_OR_SOCIAL_SECURITY_CARD", "PHOTO"].map(
          (code) => ({ code, state: "provided" }),
        ),
      })
    ).data as Detail;
    await helper.mutate<Detail>("cases.accept", { caseId: c.caseId });
    return c;
  }

  beforeEach(async () => {
    h = await stationHarness();
    reminders = [];
    sms = [];
    loads = [];
  });
  afterEach(async () => {
    await h.close();
  });

  it("rongque.remind: the helper is reminded on the day of acceptance, and the resident is texted on the due day", async () => {
    const { caseId } = await deferredCase();
    const first = await scheduler().runPass();
    expect(first.examined).toBeGreaterThanOrEqual(1);
    const mine = reminders.filter((r) => r.caseId === caseId && r.rule === "rongque.remind");
    expect(mine.map((r) => [r.recipientUserId, r.firesOn, r.severity])).toEqual([
      [expect.any(String), "2026-11-02", "info"],
    ]);
    h.setNow("2026-11-03T01:00:00.000Z");
    await scheduler().runPass();
    const dueDay = reminders.filter((r) => r.caseId === caseId && r.firesOn === "2026-11-03");
    expect(dueDay.map((r) => r.severity)).toContain("danger");
    expect(sms.filter((n) => n.caseId === caseId).map((n) => [n.template, n.phone])).toEqual([
      ["deferred_due", "13812345678"],
    ]);
  });

  it("rongque.overdue: the station terminates an overdue 容缺 case on its own, once, with an audit line", async () => {
    const { caseId } = await deferredCase();
    await scheduler().runPass();
    h.setNow("2026-11-04T01:00:00.000Z");
    const pass = await scheduler().runPass();
    expect(pass.events).toEqual([{ caseId, rule: "rongque.overdue", dueOn: "2026-11-04" }]);
    // Two days on, the helper signs in again (sessions expire on the moved clock too).
    const again = await h.client().login("zhangli");
    const detail = await again.query<Detail>("cases.get", { caseId });
    expect(detail.data?.status).toBe("TERMINATED");
    expect(sms.filter((n) => n.caseId === caseId).map((n) => n.template)).toEqual([
      "deferred_overdue",
    ]);
    const second = await scheduler().runPass();
    expect(second.events).toEqual([]);
    const audit = await h.services.db.client.execute({
      sql: "SELECT user_id, action FROM audit_log WHERE case_id = ? AND action LIKE 'rule.%'",
      args: [caseId],
    });
    expect(audit.rows.map((r) => [r.user_id, r.action])).toEqual([
      ["system", "rule.rongque.overdue"],
    ]);
  });

  it("a node off for a long weekend fires each due rule once: on Thursday, then next on Tuesday", async () => {
    const helper = await h.client().login("zhangli");
    const c = (
      await helper.mutate<Detail>("cases.intake", {
        ...elderlyIntake(),
        materials: ["ID_CARD", "HOUSEHOLD_REGISTER", "BANK_OR_SOCIAL_SECURITY_CARD"].map(
          (code) => ({ code, state: "provided" }),
        ),
      })
    ).data as Detail;
    const accepted = await helper.mutate<Detail>("cases.accept", {
      caseId: c.caseId,
      deferred: [{ code: "PHOTO", promisedBy: "2026-11-09" }],
      commitmentSigned: true,
    });
    expect(accepted.data?.status).toBe("ACCEPTED");
    h.setNow("2026-11-05T01:00:00.000Z"); // Thursday
    await scheduler().runPass();
    const before = reminders.length;
    h.setNow("2026-11-09T01:00:00.000Z"); // Monday: Friday's T-1 reminder fell in the gap
    await scheduler().runPass();
    const gap = reminders.slice(before).filter((r) => r.rule === "rongque.remind");
    expect(new Set(gap.map((r) => r.firesOn))).toEqual(new Set(["2026-11-09"]));
    h.setNow("2026-11-10T01:00:00.000Z");
    const tuesday = await scheduler().runPass();
    expect(tuesday.events).toEqual([
      { caseId: c.caseId, rule: "rongque.overdue", dueOn: "2026-11-10" },
    ]);
    const restarted = await scheduler().runPass();
    expect(restarted.events).toEqual([]);
    expect(restarted.reminders).toBe(0);
    expect(restarted.notices).toBe(0);
    // Thursday's pass was the node's first: it sent the latest message due so far (T-3).
    expect(sms.filter((n) => n.caseId === c.caseId).map((n) => [n.template, n.firesOn])).toEqual([
      ["deferred_due", "2026-11-04"],
      ["deferred_due", "2026-11-09"],
      ["deferred_overdue", "2026-11-10"],
    ]);
  });

  it("forward.late: a case not forwarded within 3 working days reminds the station lead", async () => {
    const c = await acceptedForCenter();
    await scheduler().runPass();
    h.setNow("2026-11-06T01:00:00.000Z"); // Friday: the 3rd working day was Thursday
    await scheduler().runPass();
    const late = reminders.filter((r) => r.caseId === c.caseId && r.rule === "forward.late");
    const lead = await h.services.db.client.execute(
      "SELECT id FROM users WHERE role = 'station_lead' AND active = 1",
    );
    expect(late.map((r) => r.recipientUserId)).toEqual(
      expect.arrayContaining(lead.rows.map((r) => String(r.id))),
    );
    expect(late.every((r) => r.severity === "danger" && r.dueOn === "2026-11-05")).toBe(true);
    const inbox = await h.services.db.client.execute({
      sql: "SELECT forward_due_on FROM case_projections WHERE case_id = ?",
      args: [c.caseId],
    });
    expect(inbox.rows[0]?.forward_due_on).toBe("2026-11-05");
  });

  it("the node's own scheduler: the helper's 待办提醒 and the lead's 短信通知记录 show what the rules did", async () => {
    const { caseId } = await deferredCase();
    await h.services.scheduler.runPass();
    h.setNow("2026-11-03T01:00:00.000Z");
    await h.services.scheduler.runPass();
    const helper = await h.client().login("zhangli");
    const list = await helper.query<{ rows: { caseId: string; rule: string }[]; unread: number }>(
      "reminders.list",
      { unreadOnly: true },
    );
    // Newest first: the due day's, then acceptance day's 容缺 reminder and the yellow light.
    expect(list.data?.rows.filter((r) => r.caseId === caseId).map((r) => r.rule)).toEqual([
      "rongque.remind",
      "rongque.remind",
      "deadline.yellow",
    ]);
    const lead = await h.client().login("wangqiang");
    const log = await lead.query<{
      rows: { caseId: string; template: string; phoneMasked: string }[];
    }>("sms.log", {});
    const sent = log.data?.rows.filter((r) => r.caseId === caseId) ?? [];
    expect(sent.map((r) => r.template)).toEqual(["deferred_due"]);
    expect(sent[0]?.phoneMasked).not.toContain("12345678");
  });

  it("the node's own scheduler keeps the case lists' planner statistics as big as the station is", async () => {
    // A station that opened with few cases and took many more would otherwise plan its lists
    // with its first day's statistics until it restarted.
    await deferredCase();
    await deferredCase();
    const { db } = h.services;
    await db.client.execute("DELETE FROM sqlite_stat1 WHERE tbl = 'case_projections'");
    const cases = Number(
      (await db.client.execute("SELECT count(*) AS n FROM case_projections")).rows[0]?.n,
    );
    await h.services.scheduler.runPass();
    const stat = await db.client.execute(
      "SELECT stat FROM sqlite_stat1 WHERE idx = 'case_projections_origin_site_idx'",
    );
    expect(String(stat.rows[0]?.stat)).toBe(`${cases} ${cases}`);
  });

  it("the station's one connection keeps a small PC's page cache (8 MB, a quarter of a hub's)", async () => {
    const size = await h.services.db.client.execute("PRAGMA cache_size");
    expect(Object.values(size.rows[0] ?? {})[0]).toBe(-8 * 1024);
  });

  it("a node's first pass tells a case that went red before the scheduler ever ran, once", async () => {
    const helper = await h.client().login("zhangli");
    const c = (
      await helper.mutate<Detail>("cases.intake", {
        ...elderlyIntake(),
        itemCode: "SQ-GG-001",
        materials: ["ID_CARD", "PROPERTY_OR_LEASE", "SITUATION_STATEMENT"].map((code) => ({
          code,
          state: "provided",
        })),
      })
    ).data as Detail;
    await helper.mutate<Detail>("cases.accept", { caseId: c.caseId });
    h.setNow("2026-11-20T01:00:00.000Z"); // promised 1 working day: red since 11-04
    await scheduler().runPass();
    const red = reminders.filter((r) => r.caseId === c.caseId);
    // To the handler and to the station's lead, each once.
    expect(red.map((r) => [r.rule, r.firesOn, r.recipientUserId]).sort()).toEqual([
      ["deadline.red", "2026-11-04", "u-wangqiang"],
      ["deadline.red", "2026-11-04", "u-zhangli"],
    ]);
    const second = await scheduler().runPass();
    expect(second.examined).toBe(0);
  });

  it("an ordinary day reads cases from their projections: a document is loaded only to record an event or send a message", async () => {
    const c = await acceptedForCenter();
    await scheduler().runPass();
    loads = [];
    h.setNow("2026-11-06T01:00:00.000Z"); // forward.late: a reminder only
    const pass = await scheduler().runPass();
    expect(pass.examined).toBe(1);
    expect(reminders.some((r) => r.caseId === c.caseId && r.rule === "forward.late")).toBe(true);
    expect(loads).toEqual([]);
  });

  /**
   * 1,200 more cases never looked at: copies of one case's projection and rule state (without
   * documents: the pass examines each from its rule state and finds nothing to load), so a
   * pass is long in cases.
   */
  async function manyCopies() {
    const { caseId } = await deferredCase();
    const db = h.services.db;
    const cols = (await db.client.execute("PRAGMA table_info(case_projections)")).rows.map((r) =>
      String(r.name),
    );
    const copyId = "printf('copy-%06d-0000-4000-8000-000000000000', k)";
    const copy = cols.map((c) =>
      c === "case_id" ? copyId : c === "case_number" ? "case_number || '-' || k" : c,
    );
    const n = "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 1200)";
    await db.client.batch(
      [
        {
          sql: `${n} INSERT INTO case_projections (${cols.join(", ")})
            SELECT ${copy.join(", ")} FROM n, case_projections WHERE case_id = ?`,
          args: [caseId],
        },
        {
          sql: `${n} INSERT INTO case_rule_states (case_id, rule_state)
            SELECT ${copyId}, rule_state FROM n, case_rule_states WHERE case_id = ?`,
          args: [caseId],
        },
      ],
      "write",
    );
  }

  it("a pass over many cases lets the node's event loop turn between them (requests are answered, the driver frees what it held)", async () => {
    await manyCopies();
    // Counts the event loop's turns while the pass runs: an awaited database call resolves at
    // once, so a pass that never yields holds the loop (and every request) until it ends.
    let running = true;
    let turns = 0;
    const tick = () => {
      if (!running) return;
      turns += 1;
      setImmediate(tick);
    };
    setImmediate(tick);
    const pass = await scheduler().runPass();
    running = false;
    expect(pass.examined).toBe(1201);
    expect(turns).toBeGreaterThanOrEqual(10);
    // Evaluated from their rule states: no document was asked for.
    expect(loads).toEqual([]);
  });

  it("a pass held to half a core rests between its slices as long as each worked; a whole core never rests", async () => {
    await manyCopies();
    const rests: number[] = [];
    const rest = async (ms: number) => {
      rests.push(ms);
      await new Promise((resolve) => setImmediate(resolve));
    };
    const paced = await scheduler({ share: 0.5, rest }).runPass();
    expect(paced.examined).toBe(1201);
    // A slice ends every 100 cases at the latest.
    expect(rests.length).toBeGreaterThanOrEqual(12);
    expect(rests.every((ms) => ms > 0)).toBe(true);

    h.setNow("2026-11-05T01:00:00.000Z"); // two days on: the copies fall due again
    rests.length = 0;
    const whole = await scheduler({ rest }).runPass();
    expect(whole.examined).toBeGreaterThan(0);
    expect(rests).toEqual([]);
  });

  it("stopping ends a pass after the case it is on, writing what it found; the next pass takes the cases it did not reach", async () => {
    await manyCopies();
    const checked = async () =>
      Number(
        (await h.services.db.client.execute("SELECT count(*) AS n FROM case_rule_checks")).rows[0]
          ?.n,
      );
    let stopping: Promise<void> | null = null;
    const paced = scheduler({
      share: 0.5,
      // At the first rest (the end of the first slice), the node is asked to stop.
      rest: async () => {
        stopping ??= paced.stop();
        await new Promise((resolve) => setImmediate(resolve));
      },
    });
    const cut = await paced.runPass();
    await stopping;
    expect(cut.examined).toBeGreaterThan(0);
    expect(cut.examined).toBeLessThan(1201);
    expect(await checked()).toBe(cut.examined);

    const next = await scheduler().runPass();
    expect(next.examined).toBeGreaterThanOrEqual(1201 - cut.examined);
    expect(await checked()).toBe(1201);
  });
});
