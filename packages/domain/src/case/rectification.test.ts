import { describe, expect, it } from "vitest";
import { WorkCalendar } from "../calendar/workdays";
import { defaultRules } from "../config";
import { actors, JournalKit, ratedResidenceCase, residenceCertificate, SITES } from "./fixtures";
import { foldJournal } from "./fold";
import { allowedEvents, applyEvent } from "./machine";
import {
  earliestRectificationDue,
  rectificationDueOn,
  rectificationId,
  summariseRectifications,
} from "./rectification";
import type { CaseState } from "./state";
import {
  type Actor,
  type CaseEvent,
  type CaseEventType,
  type PayloadOf,
  payloadSchemaOf,
} from "./types";

/** 差评整改 on the case journal (DOMAIN.md §5). */

const calendar = new WorkCalendar();
const leadB: Actor = {
  userId: "u-lead-b",
  role: "station_lead",
  siteId: SITES.stationB,
  siteKind: "station",
};

const rated = ratedResidenceCase;

function fold(kit: JournalKit): CaseState {
  const s = foldJournal(kit.events).state;
  if (!s) throw new Error("no case");
  return s;
}

/** Tries an event on the case as it stands; the journal is left as it was. */
function attempt<T extends CaseEventType>(
  kit: JournalKit,
  type: T,
  payload: PayloadOf<T>,
  actor: Actor,
) {
  const s = fold(kit);
  const e = {
    id: "01JTRY0000000000000000000",
    at: "2026-11-03T02:00:00.000Z",
    lamport: s.lastLamport + 1,
    actor,
    type,
    payload,
  } as CaseEvent;
  return applyEvent(s, e);
}

const record = (s: CaseState) => {
  const r = s.rectifications[0];
  if (!r) throw new Error("no record");
  return r;
};

describe("a 差评 opens a rectification record", () => {
  it("差评开单: level 1–2 opens a record at once, owned by the handling site, id from the rating", () => {
    for (const level of [1, 2]) {
      const { kit, rating } = rated(level);
      const r = record(fold(kit));
      expect(r).toMatchObject({
        id: rectificationId(rating.id),
        ratingEventId: rating.id,
        level,
        siteId: SITES.stationA,
        realName: true,
        state: "open",
        ratedOn: "2026-11-02",
        closedAt: null,
      });
    }
  });

  it("好评不开单: levels 3–5 open nothing", () => {
    for (const level of [3, 4, 5]) expect(fold(rated(level).kit).rectifications).toEqual([]);
  });

  it("谁办理谁负责: a case completed at station B is B's to rectify", () => {
    const kit = new JournalKit();
    kit.intake(residenceCertificate, actors.helperA);
    kit.add("set_pickup_site", { siteId: SITES.stationB }, actors.helperA);
    const rating = kit.add("rate", { level: 1, channel: "offline", stage: "s" }, actors.resident);
    expect(record(fold(kit))).toMatchObject({ siteId: SITES.stationB, ratingEventId: rating.id });
  });

  it("整改时限: due 5 working days after the rating by default; a 台账 deadline replaces it", () => {
    const r = record(fold(rated(1).kit));
    // 2026-11-02 (Mon) + 5 working days = 2026-11-09 (Mon).
    expect(rectificationDueOn(r, calendar, defaultRules)).toBe("2026-11-09");
    expect(rectificationDueOn(r, calendar, { badRatingRectifyWorkdays: 15 })).toBe("2026-11-23");
    expect(
      rectificationDueOn({ ...r, kind: "ledger", ledgerDue: "2026-12-20" }, calendar, defaultRules),
    ).toBe("2026-12-20");
    expect(
      earliestRectificationDue([{ ...r, state: "closed" }], calendar, defaultRules),
    ).toBeNull();
  });
});

describe("the loop: classify, record, call back", () => {
  it("立行立改: the station lead classifies, records, calls back a named rater → closed", () => {
    const { kit, rating } = rated(2);
    const ratingEventId = rating.id;
    expect(allowedEvents(fold(kit), actors.leadA)).toContain("rectify_classify");
    kit.add("rectify_classify", { ratingEventId, kind: "immediate" }, actors.leadA);
    expect(record(fold(kit)).state).toBe("rectifying");
    kit.add("rectify_record", { ratingEventId, text: "已当面致歉，调整取号引导" }, actors.leadA);
    expect(record(fold(kit)).state).toBe("callback_due");
    const done = kit.add(
      "rectify_callback",
      { ratingEventId, reached: true, result: "群众认可整改", satisfied: true },
      actors.leadA,
    );
    const r = record(fold(kit));
    expect(r.state).toBe("closed");
    expect(r.closedAt).toBe(done.at);
    expect(r.callbacks).toEqual([
      expect.objectContaining({ reached: true, satisfied: true, byUserId: actors.leadA.userId }),
    ]);
    expect(summariseRectifications(fold(kit).rectifications)).toMatchObject({
      bad: 1,
      closed: 1,
      realName: 1,
      calledBack: 1,
      open: 0,
    });
  });

  it("实名差评100%回访: the record stays open until the rater is reached", () => {
    const { kit, rating } = rated(1);
    const ratingEventId = rating.id;
    kit.add("rectify_classify", { ratingEventId, kind: "immediate" }, actors.leadA);
    kit.add("rectify_record", { ratingEventId, text: "已整改" }, actors.leadA);
    kit.add(
      "rectify_callback",
      { ratingEventId, reached: false, result: "电话无人接听" },
      actors.leadA,
    );
    expect(record(fold(kit)).state).toBe("callback_due");
    expect(allowedEvents(fold(kit), actors.leadA)).toContain("rectify_callback");
    kit.add("rectify_callback", { ratingEventId, reached: true, result: "已回访" }, actors.leadA);
    expect(record(fold(kit)).state).toBe("closed");
  });

  it("匿名差评: no callback is owed; the record closes once the rectification is recorded", () => {
    const { kit, rating } = rated(1, { anonymous: true });
    const ratingEventId = rating.id;
    kit.add("rectify_classify", { ratingEventId, kind: "immediate" }, actors.leadA);
    kit.add("rectify_record", { ratingEventId, text: "已整改" }, actors.leadA);
    const s = fold(kit);
    expect(record(s).state).toBe("closed");
    expect(allowedEvents(s, actors.leadA)).not.toContain("rectify_callback");
  });

  it("无法律依据: the explanation stands for the measure; the named rater is still called back", () => {
    const { kit, rating } = rated(1);
    const ratingEventId = rating.id;
    kit.add(
      "rectify_classify",
      { ratingEventId, kind: "no_legal_basis", explanation: "诉求无政策依据，已向群众解释" },
      actors.leadA,
    );
    expect(record(fold(kit))).toMatchObject({ state: "callback_due", kind: "no_legal_basis" });
    kit.add("rectify_callback", { ratingEventId, reached: true, result: "群众理解" }, actors.leadA);
    expect(record(fold(kit)).state).toBe("closed");
  });

  it("台账: the deadline is kept; one before today is refused", () => {
    const { kit, rating } = rated(1);
    const ratingEventId = rating.id;
    const past = attempt(
      kit,
      "rectify_classify",
      { ratingEventId, kind: "ledger", due: "2026-11-01" },
      actors.leadA,
    );
    expect(past.ok).toBe(false);
    if (!past.ok) expect(past.error.field).toBe("due");
    kit.add("rectify_classify", { ratingEventId, kind: "ledger", due: "2026-11-30" }, actors.leadA);
    expect(record(fold(kit))).toMatchObject({ kind: "ledger", ledgerDue: "2026-11-30" });
  });

  it("分类只一次: a classified record is not classified again", () => {
    const { kit, rating } = rated(1);
    kit.add("rectify_classify", { ratingEventId: rating.id, kind: "immediate" }, actors.leadA);
    expect(allowedEvents(fold(kit), actors.leadA)).not.toContain("rectify_classify");
  });

  it("整改须先分类: no record or callback before classification", () => {
    const { kit, rating } = rated(1);
    const r = attempt(kit, "rectify_record", { ratingEventId: rating.id, text: "x" }, actors.leadA);
    expect(r.ok).toBe(false);
    expect(allowedEvents(fold(kit), actors.leadA)).not.toContain("rectify_callback");
  });

  it("未知差评: a step naming a rating that opened no record is refused, naming the field", () => {
    const { kit } = rated(1);
    const r = attempt(
      kit,
      "rectify_classify",
      { ratingEventId: "nope", kind: "immediate" },
      actors.leadA,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.field).toBe("ratingEventId");
  });
});

describe("who may take the steps (谁办理谁负责)", () => {
  const classify = (id: string) => ({ ratingEventId: id, kind: "immediate" as const });

  it("帮办员不能分类: a station helper (not the lead) is refused", () => {
    const { kit, rating } = rated(1);
    const r = attempt(kit, "rectify_classify", classify(rating.id), actors.helperA);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.field).toBe("actor.role");
  });

  it("他站不能整改: another station's lead is refused", () => {
    const { kit, rating } = rated(1);
    const r = attempt(kit, "rectify_classify", classify(rating.id), leadB);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.field).toBe("actor.siteId");
  });

  it("中心不代站整改: the center lead does not classify a station's 差评", () => {
    const { kit, rating } = rated(1);
    expect(attempt(kit, "rectify_classify", classify(rating.id), actors.lead).ok).toBe(false);
  });

  it("没有差评不能整改: a case without a 差评 offers no step", () => {
    const { kit } = rated(5);
    for (const a of [actors.leadA, actors.helperA, actors.lead]) {
      expect(allowedEvents(fold(kit), a).filter((t) => t.startsWith("rectify"))).toEqual([]);
    }
  });
});

describe("申诉复核", () => {
  it("申诉成立: staff of the handling site appeal; the center lead upholds; the 差评 is excluded", () => {
    const { kit, rating } = rated(1);
    const ratingEventId = rating.id;
    expect(allowedEvents(fold(kit), actors.helperA)).toContain("rectify_appeal");
    kit.add("rectify_appeal", { ratingEventId, reason: "评价人误操作" }, actors.helperA);
    const appealing = fold(kit);
    expect(record(appealing).state).toBe("appealing");
    expect(allowedEvents(appealing, actors.leadA)).not.toContain("rectify_classify");
    kit.add(
      "rectify_appeal_decide",
      { ratingEventId, upheld: true, reason: "监控显示误点" },
      actors.lead,
    );
    const s = fold(kit);
    expect(record(s)).toMatchObject({ state: "appeal_upheld" });
    expect(record(s).closedAt).not.toBeNull();
    expect(summariseRectifications(s.rectifications)).toMatchObject({ bad: 0, closed: 0, open: 0 });
  });

  it("申诉不成立: a rejected appeal returns the record to its work, and it cannot be appealed again", () => {
    const { kit, rating } = rated(1);
    const ratingEventId = rating.id;
    kit.add("rectify_appeal", { ratingEventId, reason: "误评" }, actors.leadA);
    kit.add(
      "rectify_appeal_decide",
      { ratingEventId, upheld: false, reason: "理由不足" },
      actors.lead,
    );
    const s = fold(kit);
    expect(record(s).state).toBe("open");
    expect(allowedEvents(s, actors.helperA)).not.toContain("rectify_appeal");
    expect(allowedEvents(s, actors.leadA)).toContain("rectify_classify");
  });

  it("他站不能申诉: staff of another site cannot appeal", () => {
    const { kit, rating } = rated(1);
    const b: Actor = { ...actors.helperB };
    expect(attempt(kit, "rectify_appeal", { ratingEventId: rating.id, reason: "x" }, b).ok).toBe(
      false,
    );
  });

  it("复核只由中心负责人决定: a station lead or a reviewer cannot decide", () => {
    const { kit, rating } = rated(1);
    kit.add("rectify_appeal", { ratingEventId: rating.id, reason: "误评" }, actors.helperA);
    const p = { ratingEventId: rating.id, upheld: true, reason: "x" };
    expect(attempt(kit, "rectify_appeal_decide", p, actors.leadA).ok).toBe(false);
    expect(attempt(kit, "rectify_appeal_decide", p, actors.reviewer).ok).toBe(false);
    expect(attempt(kit, "rectify_appeal_decide", p, actors.lead).ok).toBe(true);
  });

  it("无申诉不能复核: a decision without an appeal is refused", () => {
    const { kit, rating } = rated(1);
    const r = attempt(
      kit,
      "rectify_appeal_decide",
      { ratingEventId: rating.id, upheld: true, reason: "x" },
      actors.lead,
    );
    expect(r.ok).toBe(false);
    expect(allowedEvents(fold(kit), actors.lead)).not.toContain("rectify_appeal_decide");
  });

  it("已办结不能申诉: a closed record takes no appeal", () => {
    const { kit, rating } = rated(1, { anonymous: true });
    kit.add("rectify_classify", { ratingEventId: rating.id, kind: "immediate" }, actors.leadA);
    kit.add("rectify_record", { ratingEventId: rating.id, text: "已整改" }, actors.leadA);
    expect(allowedEvents(fold(kit), actors.helperA)).not.toContain("rectify_appeal");
  });
});

describe("payloads", () => {
  it("文本有上限: texts over 500 characters are refused by the schema, naming the field", () => {
    const long = "字".repeat(501);
    const r = payloadSchemaOf("rectify_record").safeParse({ ratingEventId: "x", text: long });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(["text"]);
    const c = payloadSchemaOf("rectify_callback").safeParse({
      ratingEventId: "x",
      reached: true,
      result: long,
    });
    expect(c.success).toBe(false);
    const ok = payloadSchemaOf("rectify_appeal").safeParse({
      ratingEventId: "x",
      reason: "字".repeat(500),
    });
    expect(ok.success).toBe(true);
  });

  it("台账须有期限: a ledger classification without a deadline is refused", () => {
    const r = payloadSchemaOf("rectify_classify").safeParse({ ratingEventId: "x", kind: "ledger" });
    expect(r.success).toBe(false);
  });
});
