import { describe, expect, it } from "vitest";
import { WorkCalendar } from "../calendar/workdays";
import { actors, SITES } from "../case/fixtures";
import { defaultRules } from "../config";
import { parseComplainant } from "./complainant";
import { ComplaintJournal, complaintAboutHelperA } from "./fixtures";
import {
  anonymityRefusal,
  type ComplaintEvent,
  type ComplaintState,
  complaintActions,
  complaintDues,
  complaintEventSchema,
  foldComplaint,
  registeredAnonymous,
  withAnonymity,
} from "./journal";

const calendar = new WorkCalendar();

function fold(j: ComplaintJournal): ComplaintState {
  const r = foldComplaint(j.complaintId, j.events);
  if (r.refused) throw r.refused.error.ok ? new Error("?") : r.refused.error.error;
  if (!r.state) throw new Error("empty journal");
  return r.state;
}

function refusal(j: ComplaintJournal) {
  const r = foldComplaint(j.complaintId, j.events);
  if (!r.refused || r.refused.error.ok) throw new Error("expected a refusal");
  return r.refused.error.error;
}

const closeBody = (substantiated: boolean, reply?: string) =>
  ({
    type: "close",
    payload: { substantiated, result: "已约谈当事人并整改", ...(reply ? { reply } : {}) },
  }) as const;

/** A complaint walked to 办结 by the center's reviewer. */
function closed(substantiated = true) {
  const j = new ComplaintJournal();
  j.register();
  j.add({ type: "accept", payload: {} }, actors.reviewer);
  j.add({ type: "start_handling", payload: {} }, actors.reviewer);
  j.on("2026-10-09").add(closeBody(substantiated, "书面答复：已整改"), actors.lead);
  return j;
}

describe("the complaint journal", () => {
  it("投诉登记: station staff register a complaint at their own site, which becomes its registering site", () => {
    const j = new ComplaintJournal();
    j.register();
    const s = fold(j);
    expect(s).toMatchObject({ kind: "complaint", siteId: SITES.stationA, stage: "registered" });
    expect(s.registeredOn).toBe("2026-10-08");
  });

  it("投诉登记: only staff register (not residents, not the system)", () => {
    const j = new ComplaintJournal();
    j.register(complaintAboutHelperA, actors.resident);
    expect(refusal(j).code).toBe("NOT_ALLOWED");
  });

  it("投诉: a journal starts with its registration, and is registered once", () => {
    const j = new ComplaintJournal();
    j.add({ type: "accept", payload: {} }, actors.reviewer);
    expect(refusal(j).field).toBe("journal");
    const twice = new ComplaintJournal();
    twice.register();
    twice.register();
    expect(refusal(twice).code).toBe("INVALID_TRANSITION");
  });

  it("投诉: the center's handlers (center lead, reviewer) run the loop 受理→处理→办结→回访", () => {
    const j = closed();
    j.add({ type: "follow_up", payload: { reached: true, result: "满意" } }, actors.reviewer);
    const s = fold(j);
    expect(s.stage).toBe("followed_up");
    expect(s.substantiated).toBe(true);
    expect(s.closedOn).toBe("2026-10-09");
  });

  it("投诉: a station — even its lead — cannot handle a complaint (the station would judge itself)", () => {
    for (const who of [actors.leadA, actors.helperA, actors.approver]) {
      const j = new ComplaintJournal();
      j.register();
      j.add({ type: "accept", payload: {} }, who);
      const e = refusal(j);
      expect(e.code).toBe("NOT_ALLOWED");
      expect(e.zh).toContain("街道中心");
    }
  });

  it("投诉: without a target (site, staff, case) the only way on is 不予受理 for no identifiable target", () => {
    const none = { ...complaintAboutHelperA, target: {} };
    const accept = new ComplaintJournal();
    accept.register(none);
    accept.add({ type: "accept", payload: {} }, actors.reviewer);
    expect(refusal(accept).field).toBe("target");

    const other = new ComplaintJournal();
    other.register(none);
    other.add({ type: "decline", payload: { reason: "unverifiable" } }, actors.reviewer);
    expect(refusal(other).field).toBe("reason");

    const j = new ComplaintJournal();
    j.register(none);
    expect(complaintActions(fold(j), actors.reviewer)).toEqual(["decline"]);
    j.add({ type: "decline", payload: { reason: "no_identifiable_target" } }, actors.reviewer);
    expect(fold(j)).toMatchObject({
      stage: "not_accepted",
      declineReason: "no_identifiable_target",
    });
  });

  it("投诉: 不予受理 names one of the DOMAIN reasons", () => {
    const e = {
      id: "x",
      at: "2026-10-08T02:00:00.000Z",
      actor: actors.reviewer,
      type: "decline",
      payload: { reason: "too_busy" },
    };
    expect(complaintEventSchema.safeParse(e).success).toBe(false);
  });

  it("投诉: a written complaint gets a written reply when it is closed", () => {
    const j = new ComplaintJournal();
    j.register();
    j.add({ type: "accept", payload: {} }, actors.reviewer);
    j.add({ type: "start_handling", payload: {} }, actors.reviewer);
    j.add(closeBody(false), actors.reviewer);
    expect(refusal(j).field).toBe("reply");

    const oral = new ComplaintJournal();
    oral.register({ ...complaintAboutHelperA, written: false });
    oral.add({ type: "accept", payload: {} }, actors.reviewer);
    oral.add({ type: "start_handling", payload: {} }, actors.reviewer);
    oral.add(closeBody(false), actors.reviewer);
    expect(fold(oral).stage).toBe("closed");
  });

  it("投诉: a callback that did not reach the complainant is recorded and the loop waits", () => {
    const j = closed();
    j.add({ type: "follow_up", payload: { reached: false, result: "无人接听" } }, actors.reviewer);
    const s = fold(j);
    expect(s.stage).toBe("closed");
    expect(s.followUps).toHaveLength(1);
  });

  it("投诉: the result of a substantiated complaint is filed once, and only then", () => {
    const j = closed(true);
    j.add({ type: "file_result", payload: { result: "已整改归档" } }, actors.reviewer);
    expect(fold(j).resultFiledOn).toBe("2026-10-09");
    // The filing is kept beside the handler's finding at 办结, not over it.
    expect(fold(j)).toMatchObject({ result: "已约谈当事人并整改", filedResult: "已整改归档" });
    j.add({ type: "file_result", payload: { result: "again" } }, actors.reviewer);
    expect(refusal(j).code).toBe("NOT_ALLOWED");

    const no = closed(false);
    no.add({ type: "file_result", payload: { result: "x" } }, actors.reviewer);
    expect(refusal(no).field).toBe("stage");
  });

  it("投诉: the handler's buttons follow the machine; the staff complained about get none", () => {
    const j = closed(true);
    expect(complaintActions(fold(j), actors.reviewer)).toEqual(["follow_up", "file_result"]);
    expect(complaintActions(fold(j), actors.helperA)).toEqual([]);
  });
});

describe("deadlines, computed when read", () => {
  it("投诉时限: a complex complaint is answered within 5 working days, red once passed", () => {
    const j = new ComplaintJournal("cp-01", "2026-09-30");
    j.register();
    const s = fold(j);
    expect(complaintDues(s, "2026-10-13", defaultRules, calendar)).toEqual([
      { what: "answer", date: "2026-10-13", overdue: false },
    ]);
    expect(complaintDues(s, "2026-10-14", defaultRules, calendar)[0]?.overdue).toBe(true);
  });

  it("投诉时限: a simple complaint is answered the same day", () => {
    const j = new ComplaintJournal();
    j.register({ ...complaintAboutHelperA, complexity: "simple" });
    expect(complaintDues(fold(j), "2026-10-08", defaultRules, calendar)[0]?.date).toBe(
      "2026-10-08",
    );
  });

  it("投诉时限: after a substantiated close, the result is filed within 2 and the callback within 4 working days", () => {
    const j = closed(true);
    const dues = complaintDues(fold(j), "2026-10-09", defaultRules, calendar);
    expect(dues).toEqual([
      // Saturday 10-10 is a make-up working day.
      { what: "file_result", date: "2026-10-12", overdue: false },
      { what: "callback", date: "2026-10-14", overdue: false },
    ]);
    j.add({ type: "file_result", payload: { result: "r" } }, actors.reviewer);
    j.add({ type: "follow_up", payload: { reached: true, result: "ok" } }, actors.reviewer);
    expect(complaintDues(fold(j), "2026-10-20", defaultRules, calendar)).toEqual([]);
  });
});

describe("办不成事 (兜底)", () => {
  const fallback = {
    kind: "fallback",
    matter: "外地户籍老人无法办理高龄津贴",
    coordinatorId: actors.reviewer.userId,
    deadline: "2026-10-15",
  } as const;

  it("办不成事: a record has a coordinator and a deadline, and is closed with its outcome by the coordinator", () => {
    const j = new ComplaintJournal();
    j.register(fallback, actors.lead);
    expect(complaintDues(fold(j), "2026-10-16", defaultRules, calendar)).toEqual([
      { what: "fallback", date: "2026-10-15", overdue: true },
    ]);
    expect(complaintActions(fold(j), actors.reviewer)).toEqual(["fallback_close"]);
    j.add(
      { type: "fallback_close", payload: { outcome: "referred", note: "转民政局" } },
      actors.reviewer,
    );
    expect(fold(j)).toMatchObject({ stage: "closed", outcome: "referred" });
  });

  it("办不成事: only the coordinator or the center lead closes it; the loop's steps do not apply", () => {
    const j = new ComplaintJournal();
    j.register(fallback, actors.helperA);
    j.add({ type: "fallback_close", payload: { outcome: "done", note: "x" } }, actors.approver);
    expect(refusal(j).code).toBe("NOT_ALLOWED");
    const k = new ComplaintJournal();
    k.register(fallback, actors.helperA);
    k.add(
      { type: "accept", payload: {} } as Omit<ComplaintEvent, "id" | "at" | "actor">,
      actors.lead,
    );
    expect(refusal(k).code).toBe("INVALID_TRANSITION");
  });
});

describe("the complainant", () => {
  it("投诉人: name and phone are checked and normalised; ID number and address are optional", () => {
    const r = parseComplainant({ name: " 李四 ", phone: "139-1234-5678" }, "2026-10-08");
    expect(r).toEqual({ ok: true, value: { name: "李四", phone: "13912345678" } });
    const bad = parseComplainant(
      { name: "李四", phone: "13912345678", idNumber: "110105194912310021" },
      "2026-10-08",
    );
    expect(bad.ok ? null : bad.error.field).toBe("complainant.idNumber");
  });
});

describe("the anonymous flag (匿名), fixed at registration", () => {
  it("is set from whether a complainant was given, and read back; a document older than it reads unknown", () => {
    const named = withAnonymity(complaintAboutHelperA, true);
    const anon = withAnonymity(complaintAboutHelperA, false);
    expect(named.anonymous).toBe(false);
    expect(anon.anonymous).toBe(true);
    const j = new ComplaintJournal();
    j.register(anon);
    expect(registeredAnonymous(fold(j))).toBe(true);
    const old = new ComplaintJournal();
    old.register(complaintAboutHelperA);
    expect(registeredAnonymous(fold(old))).toBeNull();
  });

  it("survives the schema (so the append-only check sees a flip) and refuses a non-boolean", () => {
    const j = new ComplaintJournal();
    const e = j.register(withAnonymity(complaintAboutHelperA, false));
    expect(complaintEventSchema.parse(JSON.parse(JSON.stringify(e))).payload).toMatchObject({
      anonymous: true,
    });
    const bad = { ...e, payload: { ...e.payload, anonymous: "yes" } };
    expect(complaintEventSchema.safeParse(bad).success).toBe(false);
  });

  it("a flag that contradicts the complainant sent with it is refused, naming the field", () => {
    expect(anonymityRefusal(withAnonymity(complaintAboutHelperA, true), true)).toBeNull();
    expect(anonymityRefusal(withAnonymity(complaintAboutHelperA, false), false)).toBeNull();
    expect(anonymityRefusal(complaintAboutHelperA, true)).toBeNull();
    expect(anonymityRefusal(complaintAboutHelperA, false)).toBeNull();
    const r = anonymityRefusal({ ...complaintAboutHelperA, anonymous: true }, true);
    expect(r?.ok === false && r.error).toMatchObject({
      field: "anonymous",
      code: "INVALID_FORMAT",
    });
    const s = anonymityRefusal({ ...complaintAboutHelperA, anonymous: false }, false);
    expect(s?.ok === false && s.error.zh).toContain("缺少投诉人");
  });
});

describe("who handles a complaint: the center of the street that registered it", () => {
  const westReviewer = {
    userId: "u-reviewer-y",
    role: "reviewer",
    siteId: "330106002",
    siteKind: "center",
  } as const;
  const aboutWestStation = { ...complaintAboutHelperA, target: { siteId: "330106002001" } };

  it("another street's handler is refused, even when the complaint is about its own station (it holds no complainant to call back)", () => {
    const j = new ComplaintJournal();
    j.register(aboutWestStation);
    j.add({ type: "accept", payload: {} }, westReviewer);
    expect(refusal(j)).toMatchObject({ code: "NOT_ALLOWED", field: "actor" });
    expect(refusal(j).zh).toContain("登记");
    const mine = new ComplaintJournal();
    mine.register(aboutWestStation);
    expect(complaintActions(fold(mine), westReviewer)).toEqual([]);
    // The registering street's center handles it, as any complaint it registered.
    expect(complaintActions(fold(mine), actors.reviewer)).toEqual(["accept", "decline"]);
    mine.add({ type: "accept", payload: {} }, actors.reviewer);
    expect(fold(mine).stage).toBe("accepted");
  });
});
