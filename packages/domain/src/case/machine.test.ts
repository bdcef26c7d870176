import { describe, expect, it } from "vitest";
import { actors, elderlyAllowance, JournalKit, residenceCertificate, SITES } from "./fixtures";
import { foldJournal } from "./fold";
import { applyEvent } from "./machine";
import type { CaseState } from "./state";
import { type CaseEvent, caseEventSchema } from "./types";

function fold(events: CaseEvent[]): CaseState {
  const { state } = foldJournal(events);
  if (!state) throw new Error("no case");
  return state;
}

function refusal(kit: JournalKit, e: CaseEvent) {
  const before = foldJournal(kit.events.slice(0, -1)).state;
  const r = applyEvent(before, e);
  if (r.ok) throw new Error(`expected ${e.type} to be refused`);
  return r.error;
}

describe("收件 (intake)", () => {
  it("首问负责: the first receiver is recorded and never changes", () => {
    const kit = new JournalKit();
    kit.intake();
    kit.add("transfer", { toSiteId: SITES.stationB, reason: "居民就近办理" }, actors.helperA);
    kit.add("reassign", { toUserId: "u-helper-b", reason: "A岗休假" }, actors.lead);
    const s = fold(kit.events);
    expect(s.firstResponderId).toBe(actors.helperA.userId);
    expect(s.assigneeId).toBe("u-helper-b");
    expect(s.status).toBe("SUBMITTED");
  });

  it("帮办: helpers may submit only items marked for station assistance", () => {
    const kit = new JournalKit();
    const e = kit.intake({ ...elderlyAllowance, stationAssist: false });
    const r = applyEvent(null, e);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.field).toBe("itemCode");
  });

  it("代办: an agent needs a power of attorney unless the resident is present", () => {
    const kit = new JournalKit();
    const base = kit.intake();
    if (base.type !== "intake") throw new Error();
    const proxy = {
      ...base,
      payload: { ...base.payload, mode: "proxy" as const, residentPresent: false },
    };
    const r = applyEvent(null, proxy);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.field).toBe("powerOfAttorney");
    const withPoa = { ...proxy, payload: { ...proxy.payload, powerOfAttorney: true } };
    expect(applyEvent(null, withPoa).ok).toBe(true);
  });

  it("状态机: a case must start with intake", () => {
    const kit = new JournalKit();
    const e = kit.add("accept", { deferred: [] }, actors.helperA);
    const r = applyEvent(null, e);
    expect(r.ok).toBe(false);
  });
});

describe("一次性告知 and 补正", () => {
  it("一次性告知: a notice must list every material missing now", () => {
    const kit = new JournalKit();
    kit.intake();
    const e = kit.add(
      "request_correction",
      { noticeId: "N1", missing: [{ code: "BANK_CARD", reason: "未提供" }] },
      actors.helperA,
    );
    const err = refusal(kit, e);
    expect(err.field).toBe("missing");
    expect(err.zh).toContain("近期照片");
  });

  it("一次性告知: a later request for a material not on the first notice is flagged", () => {
    const kit = new JournalKit();
    kit.intake();
    kit.add(
      "request_correction",
      {
        noticeId: "N1",
        missing: [
          { code: "BANK_CARD", reason: "未提供" },
          { code: "PHOTO", reason: "未提供" },
        ],
      },
      actors.helperA,
    );
    kit.add(
      "supplement",
      {
        materials: [
          { code: "BANK_CARD", attachments: [] },
          { code: "PHOTO", attachments: [] },
        ],
      },
      actors.helperA,
    );
    kit.add(
      "request_correction",
      { noticeId: "N2", missing: [{ code: "HOUSEHOLD_REGISTER", reason: "户口簿页不全" }] },
      actors.helperA,
    );
    const s = fold(kit.events);
    expect(s.status).toBe("NEEDS_CORRECTION");
    expect(s.flags).toEqual([
      expect.objectContaining({ kind: "notice_incomplete", codes: ["HOUSEHOLD_REGISTER"] }),
    ]);
  });

  it("补正: supplying every noticed material returns the case to 收件", () => {
    const kit = new JournalKit();
    kit.intake();
    kit.add(
      "request_correction",
      {
        noticeId: "N1",
        missing: [
          { code: "BANK_CARD", reason: "未提供" },
          { code: "PHOTO", reason: "未提供" },
        ],
      },
      actors.helperA,
    );
    kit.add("supplement", { materials: [{ code: "BANK_CARD", attachments: [] }] }, actors.helperA);
    expect(fold(kit.events).status).toBe("NEEDS_CORRECTION");
    kit.add("supplement", { materials: [{ code: "PHOTO", attachments: [] }] }, actors.helperA);
    const s = fold(kit.events);
    expect(s.status).toBe("SUBMITTED");
    kit.add("accept", { deferred: [] }, actors.helperA);
    expect(fold(kit.events).status).toBe("ACCEPTED");
  });

  it("补正 after acceptance pauses the clock until the supplement arrives", () => {
    const kit = new JournalKit();
    kit.intake();
    kit.add(
      "supplement",
      {
        materials: [
          { code: "BANK_CARD", attachments: [] },
          { code: "PHOTO", attachments: [] },
        ],
      },
      actors.helperA,
    );
    kit.add("accept", { deferred: [] }, actors.helperA);
    kit.add("start_review", {}, actors.reviewer);
    kit.add(
      "request_correction",
      { noticeId: "N1", missing: [{ code: "PHOTO", reason: "照片不清晰" }] },
      actors.reviewer,
      "2026-11-03T02:00:00.000Z",
    );
    kit.add(
      "supplement",
      { materials: [{ code: "PHOTO", attachments: [] }] },
      actors.helperA,
      "2026-11-05T02:00:00.000Z",
    );
    const s = fold(kit.events);
    expect(s.status).toBe("IN_REVIEW");
    expect(s.pauses).toEqual([{ from: "2026-11-03", to: "2026-11-05", reason: "correction" }]);
  });

  it("受理: a missing mandatory material is refused, naming the material", () => {
    const kit = new JournalKit();
    const intake = kit.intake();
    if (intake.type !== "intake") throw new Error();
    intake.payload.materials = [{ code: "ID_CARD", state: "provided" }];
    const e = kit.add("accept", { deferred: [] }, actors.helperA);
    const err = refusal(kit, e);
    expect(err.code).toBe("MATERIALS_OUTSTANDING");
    expect(err.field).toBe("materials.HOUSEHOLD_REGISTER");
    expect(err.zh).toContain("户口簿");
  });

  it("不予受理: rejecting at intake is a lead's action, not a helper's", () => {
    const kit = new JournalKit();
    kit.intake();
    const e = kit.add("reject_intake", { reason: "不属于本站受理范围" }, actors.helperA);
    const err = refusal(kit, e);
    expect(err.code).toBe("NOT_ALLOWED");
    expect(err.field).toBe("actor.role");
    kit.events.pop();
    kit.add("reject_intake", { reason: "不属于本站受理范围" }, actors.leadA);
    expect(fold(kit.events).status).toBe("REJECTED_AT_INTAKE");
  });
});

describe("容缺受理", () => {
  function deferredCase() {
    const kit = new JournalKit();
    kit.intake();
    kit.add("supplement", { materials: [{ code: "PHOTO", attachments: [] }] }, actors.helperA);
    kit.add(
      "accept",
      { deferred: [{ code: "BANK_CARD", promisedBy: "2026-11-10" }] },
      actors.helperA,
    );
    kit.add("forward", { toSiteId: SITES.center }, actors.helperA);
    kit.add("start_review", {}, actors.reviewer);
    kit.add("approve", {}, actors.approver);
    return kit;
  }

  it("容缺: accepted with a promise date per missing material", () => {
    const s = fold(deferredCase().events);
    expect(s.deferred).toBe(true);
    expect(s.materials.BANK_CARD).toBe("deferred");
    expect(s.promises).toEqual([{ code: "BANK_CARD", promisedBy: "2026-11-10", suppliedOn: null }]);
    expect(s.handlingSiteId).toBe(SITES.center);
  });

  it("容缺: result withheld while a promised material is outstanding", () => {
    const kit = deferredCase();
    const e = kit.add("issue", { pickupSiteId: SITES.stationB }, actors.approver);
    const err = refusal(kit, e);
    expect(err.code).toBe("MATERIALS_OUTSTANDING");
    expect(err.zh).toContain("银行卡或社保卡");
  });

  it("容缺: the wait for a promised material pauses the clock after the decision", () => {
    const kit = deferredCase();
    kit.add(
      "supplement",
      { materials: [{ code: "BANK_CARD", attachments: ["sha256:ab"] }] },
      actors.helperB,
      "2026-11-06T03:00:00.000Z",
    );
    const s = fold(kit.events);
    expect(s.pauses.find((p) => p.reason === "deferred_wait")?.to).toBe("2026-11-06");
    expect(s.materials.BANK_CARD).toBe("supplemented");
    kit.add("issue", { pickupSiteId: SITES.stationB }, actors.approver);
    kit.add("complete", {}, actors.helperB);
    expect(fold(kit.events).status).toBe("COMPLETED");
  });

  it("送达: the complete event records who collected the result, how, when and where", () => {
    const kit = deferredCase();
    kit.add("supplement", { materials: [{ code: "BANK_CARD", attachments: [] }] }, actors.helperB);
    kit.add("issue", { pickupSiteId: SITES.stationB }, actors.approver);
    const collector = { name: "王小明", idMasked: "330106********0012" };
    const e = kit.add("complete", { handover: { how: "collector", collector } }, actors.helperB);
    expect(caseEventSchema.safeParse(e).success).toBe(true);
    expect(fold(kit.events).handover).toEqual({
      how: "collector",
      collector,
      at: e.at,
      siteId: SITES.stationB,
      byUserId: actors.helperB.userId,
    });
  });

  it("送达: 代领 without a collector, or 本人 with one, is refused naming the field", () => {
    for (const handover of [
      { how: "collector" },
      { how: "self", collector: { name: "王小明", idMasked: "330106********0012" } },
    ] as const) {
      const kit = deferredCase();
      kit.add(
        "supplement",
        { materials: [{ code: "BANK_CARD", attachments: [] }] },
        actors.helperB,
      );
      kit.add("issue", { pickupSiteId: SITES.stationB }, actors.approver);
      const e = kit.add("complete", { handover }, actors.helperB);
      expect(refusal(kit, e).field).toBe("handover.collector");
    }
  });

  it("送达: a full ID number is not a masked one, and older journals without handover still fold", () => {
    const full = { how: "collector", collector: { name: "王", idMasked: "11010519491231002X" } };
    const kit = deferredCase();
    kit.add("supplement", { materials: [{ code: "BANK_CARD", attachments: [] }] }, actors.helperB);
    kit.add("issue", { pickupSiteId: SITES.stationB }, actors.approver);
    const e = kit.add("complete", {}, actors.helperB);
    expect(fold(kit.events).handover).toBeNull();
    expect(caseEventSchema.safeParse({ ...e, payload: { handover: full } }).success).toBe(false);
  });

  it("容缺: only materials on the 容缺清单 may be deferred", () => {
    const kit = new JournalKit();
    const intake = kit.intake();
    if (intake.type !== "intake") throw new Error();
    const e = kit.add(
      "accept",
      {
        deferred: [
          { code: "ID_CARD", promisedBy: "2026-11-10" },
          { code: "BANK_CARD", promisedBy: "2026-11-10" },
          { code: "PHOTO", promisedBy: "2026-11-10" },
        ],
      },
      actors.helperA,
    );
    const err = refusal(kit, e);
    expect(err.field).toBe("deferred.ID_CARD");
  });

  it("容缺: the promise date must be after the acceptance day", () => {
    const kit = new JournalKit();
    kit.intake();
    const e = kit.add(
      "accept",
      {
        deferred: [
          { code: "BANK_CARD", promisedBy: "2026-11-02" },
          { code: "PHOTO", promisedBy: "2026-11-09" },
        ],
      },
      actors.helperA,
    );
    expect(refusal(kit, e).field).toBe("deferred.BANK_CARD.promisedBy");
  });

  it("容缺: a missed promise lets the system terminate the case; a kept one does not", () => {
    const kit = deferredCase();
    kit.add("terminate", { reason: "容缺材料逾期未补" }, actors.system);
    expect(fold(kit.events).status).toBe("TERMINATED");
    const kept = deferredCase();
    kept.add("supplement", { materials: [{ code: "BANK_CARD", attachments: [] }] }, actors.helperA);
    const e = kept.add("terminate", { reason: "容缺材料逾期未补" }, actors.system);
    expect(refusal(kept, e).code).toBe("INVALID_TRANSITION");
  });
});

describe("即办 and sites", () => {
  it("即办: a station finishes an item the catalog lets it finish, right after acceptance", () => {
    const kit = new JournalKit();
    kit.intake(residenceCertificate);
    kit.add(
      "accept",
      { deferred: [{ code: "STATEMENT", promisedBy: "2026-11-03" }] },
      actors.helperA,
    );
    const blocked = kit.add("complete", {}, actors.helperA);
    expect(refusal(kit, blocked).code).toBe("MATERIALS_OUTSTANDING");
    kit.events.pop();
    kit.add("supplement", { materials: [{ code: "STATEMENT", attachments: [] }] }, actors.helperA);
    kit.add("complete", {}, actors.helperA);
    expect(fold(kit.events).status).toBe("COMPLETED");
  });

  it("即办: an item decided at the center cannot be completed straight after acceptance", () => {
    const kit = new JournalKit();
    kit.intake();
    kit.add(
      "accept",
      {
        deferred: [
          { code: "BANK_CARD", promisedBy: "2026-11-09" },
          { code: "PHOTO", promisedBy: "2026-11-09" },
        ],
      },
      actors.helperA,
    );
    const e = kit.add("complete", {}, actors.helperA);
    expect(refusal(kit, e).code).toBe("INVALID_TRANSITION");
  });

  it("审批: a station may not decide an item the center decides", () => {
    const kit = new JournalKit();
    kit.intake();
    kit.add(
      "accept",
      {
        deferred: [
          { code: "BANK_CARD", promisedBy: "2026-11-09" },
          { code: "PHOTO", promisedBy: "2026-11-09" },
        ],
      },
      actors.helperA,
    );
    const e = kit.add("approve", {}, actors.leadA);
    expect(refusal(kit, e).field).toBe("actor.siteId");
  });

  it("跨域通办: only the pick-up site completes, and the custody log shows each hand-off", () => {
    const kit = new JournalKit();
    kit.intake();
    kit.add(
      "supplement",
      {
        materials: [
          { code: "BANK_CARD", attachments: [] },
          { code: "PHOTO", attachments: [] },
        ],
      },
      actors.helperA,
    );
    kit.add("accept", { deferred: [] }, actors.helperA);
    kit.add("forward", { toSiteId: SITES.center }, actors.helperA);
    kit.add("start_review", {}, actors.reviewer);
    kit.add("approve", {}, actors.approver);
    kit.add("issue", { pickupSiteId: SITES.stationB }, actors.approver);
    const wrong = kit.add("complete", {}, actors.helperA);
    expect(refusal(kit, wrong).field).toBe("actor.siteId");
    kit.events.pop();
    kit.add("complete", {}, actors.helperB);
    const s = fold(kit.events);
    expect(s.status).toBe("COMPLETED");
    expect(s.handoffs.map((h) => [h.kind, h.toSiteId])).toEqual([
      ["intake", SITES.stationA],
      ["forward", SITES.center],
      ["pickup", SITES.stationB],
    ]);
  });

  it("跨域通办: the named pick-up station hands over an approved result once the 容缺 material is in", async () => {
    const kit = new JournalKit();
    kit.intake();
    kit.add("supplement", { materials: [{ code: "PHOTO", attachments: [] }] }, actors.helperA);
    kit.add(
      "accept",
      { deferred: [{ code: "BANK_CARD", promisedBy: "2026-11-10" }] },
      actors.helperA,
    );
    kit.add("start_review", {}, actors.reviewer);
    kit.add("approve", {}, actors.approver);
    const early = kit.add("complete", {}, actors.helperB);
    expect(refusal(kit, early).field).toBe("actor.siteId"); // B is not the pick-up site yet
    kit.events.pop();
    kit.add("set_pickup_site", { siteId: SITES.stationB }, actors.reviewer);
    const blocked = kit.add("complete", {}, actors.helperB);
    expect(refusal(kit, blocked).code).toBe("MATERIALS_OUTSTANDING");
    kit.events.pop();
    kit.add("supplement", { materials: [{ code: "BANK_CARD", attachments: [] }] }, actors.helperB);
    kit.add("complete", {}, actors.helperB);
    const s = fold(kit.events);
    expect(s.status).toBe("COMPLETED");
    expect(s.issuedAt).toBe(s.completedAt);
  });

  it("撤回: a resident may withdraw an open case but not a closed one", () => {
    const kit = new JournalKit();
    kit.intake();
    kit.add("withdraw", { reason: "不再需要" }, actors.resident);
    expect(fold(kit.events).status).toBe("WITHDRAWN");
    const e = kit.add("withdraw", {}, actors.resident);
    expect(refusal(kit, e).code).toBe("INVALID_TRANSITION");
  });

  it("延期: an extension needs the center lead and adds working days", () => {
    const kit = new JournalKit();
    kit.intake();
    kit.add(
      "accept",
      {
        deferred: [
          { code: "BANK_CARD", promisedBy: "2026-11-09" },
          { code: "PHOTO", promisedBy: "2026-11-09" },
        ],
      },
      actors.helperA,
    );
    const e = kit.add("extend", { workdays: 10, reason: "需实地核查" }, actors.reviewer);
    expect(refusal(kit, e).code).toBe("NOT_ALLOWED");
    kit.events.pop();
    kit.add("extend", { workdays: 10, reason: "需实地核查" }, actors.lead);
    expect(fold(kit.events).extensionWorkdays).toBe(10);
  });
});

describe("好差评 on the case", () => {
  it("好差评: one rating per case, channel and stage", () => {
    const kit = new JournalKit();
    kit.intake(residenceCertificate);
    kit.add("rate", { level: 5, channel: "offline", stage: "completion" }, actors.resident);
    const e = kit.add(
      "rate",
      { level: 1, channel: "offline", stage: "completion" },
      actors.resident,
    );
    expect(refusal(kit, e).code).toBe("DUPLICATE");
  });

  it("好差评: staff cannot rate on the resident's behalf", () => {
    const kit = new JournalKit();
    kit.intake(residenceCertificate);
    const e = kit.add(
      "rate",
      { level: 5, channel: "offline", stage: "completion" },
      actors.helperA,
    );
    expect(refusal(kit, e).field).toBe("actor.role");
  });
});

describe("journal event schema", () => {
  it("every recorded event passes the wire schema", () => {
    const kit = new JournalKit();
    kit.intake();
    kit.add(
      "request_correction",
      { noticeId: "N1", missing: [{ code: "PHOTO", reason: "未提供" }] },
      actors.helperA,
    );
    for (const e of kit.events) expect(caseEventSchema.safeParse(e).success).toBe(true);
  });

  it("拒绝: a denial without a reason is malformed", () => {
    const r = caseEventSchema.safeParse({
      id: "01J00000000000000000000001",
      at: "2026-11-02T01:00:00.000Z",
      lamport: 3,
      actor: actors.approver,
      type: "deny",
      payload: { reason: "  " },
    });
    expect(r.success).toBe(false);
  });
});
