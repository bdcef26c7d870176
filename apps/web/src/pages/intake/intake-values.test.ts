import { findItem, seedCatalog } from "@bangban/domain";
import { describe, expect, it } from "vitest";
import {
  afterModeChange,
  conditionalNeeded,
  defaultOutcome,
  gaps,
  type IntakeValues,
  outcomesFor,
  toDeferred,
  toDraftInput,
  toIntakeInput,
  toMissing,
} from "./intake-values";

const item = (code: string) => {
  const i = findItem(seedCatalog, code);
  if (!i) throw new Error(`no ${code} in the seed catalog`);
  return i;
};
const elderly = item("MZ-GF-001"); // 高龄津贴: ID, 户口簿 mandatory; card, photo deferrable
const immediate = item("RS-GG-001"); // 即办

const values = (provided: string[], extra: IntakeValues = {}): IntakeValues => ({
  applicant: { name: " 王秀英 ", idNumber: "33010619400101004X", phone: "13812345678" },
  mode: "assist",
  residentPresent: true,
  materials: Object.fromEntries(provided.map((c) => [c, true])),
  ...extra,
});

describe("outcomes at the counter", () => {
  it("accepts when everything non-conditional is handed in", () => {
    const v = values(["ID_CARD", "HOUSEHOLD_REGISTER", "BANK_OR_SOCIAL_SECURITY_CARD", "PHOTO"]);
    expect(outcomesFor(elderly, v).accept.ok).toBe(true);
    expect(outcomesFor(elderly, v).notice).toEqual({ ok: false, why: "complete" });
    expect(defaultOutcome(elderly, v)).toBe("accept");
  });

  it("offers 容缺 when only deferrable materials are missing", () => {
    const v = values(["ID_CARD", "HOUSEHOLD_REGISTER"]);
    expect(outcomesFor(elderly, v).accept.ok).toBe(false);
    expect(outcomesFor(elderly, v).deferred.ok).toBe(true);
    expect(defaultOutcome(elderly, v)).toBe("deferred");
  });

  it("allows only 一次性告知 when a main material is missing", () => {
    const v = values(["HOUSEHOLD_REGISTER"]);
    expect(outcomesFor(elderly, v).deferred).toEqual({ ok: false, why: "mandatoryMissing" });
    expect(defaultOutcome(elderly, v)).toBe("notice");
  });

  it("never offers 容缺 for a same-day item", () => {
    const v = values(["ID_CARD"]);
    expect(outcomesFor(immediate, v).deferred).toEqual({ ok: false, why: "sameDay" });
  });

  it("counts a conditional material only when the helper says it is needed", () => {
    const all = ["ID_CARD", "HOUSEHOLD_REGISTER", "BANK_OR_SOCIAL_SECURITY_CARD", "PHOTO"];
    expect(gaps(elderly, values(all)).conditional.map((m) => m.code)).toEqual(["AGENT_ID_AND_POA"]);
    const needed = values(all, { conditionalNeeded: { AGENT_ID_AND_POA: true } });
    expect(outcomesFor(elderly, needed).accept.ok).toBe(false);
    expect(outcomesFor(elderly, needed).notice.ok).toBe(true);
  });
});

describe("what is sent", () => {
  it("builds cases.intake input: trimmed, every material with its state, no agent for 帮办", () => {
    const input = toIntakeInput(elderly, values(["ID_CARD"], { agent: { name: "x" } }));
    expect(input.applicant.name).toBe("王秀英");
    expect(input.agent).toBeNull();
    expect(input.powerOfAttorney).toBe(false);
    expect(input.materials).toHaveLength(5);
    expect(input.materials.find((m) => m.code === "ID_CARD")?.state).toBe("provided");
    expect(input.materials.find((m) => m.code === "PHOTO")?.state).toBe("missing");
  });

  it("sends the agent and the 委托书 for 代办", () => {
    const v = values([], {
      mode: "proxy",
      residentPresent: false,
      powerOfAttorney: true,
      agent: {
        name: "王小明",
        idNumber: "440524188001010014",
        phone: "13900001111",
        relation: "子女",
      },
    });
    const input = toIntakeInput(elderly, v);
    expect(input.agent?.relation).toBe("子女");
    expect(input.powerOfAttorney).toBe(true);
  });

  it("lists 容缺 promises only for 容缺, in checklist order", () => {
    const v = values(["ID_CARD", "HOUSEHOLD_REGISTER"], {
      outcome: "deferred",
      promises: { PHOTO: "2026-11-27", BANK_OR_SOCIAL_SECURITY_CARD: "2026-11-30" },
    });
    expect(toDeferred(elderly, v)).toEqual([
      { code: "BANK_OR_SOCIAL_SECURITY_CARD", promisedBy: "2026-11-30" },
      { code: "PHOTO", promisedBy: "2026-11-27" },
    ]);
    expect(toDeferred(elderly, { ...v, outcome: "accept" })).toEqual([]);
  });

  it("lists every missing material on the one-time notice, with a reason", () => {
    const v = values(["ID_CARD"], { reasons: { PHOTO: "需近期免冠照片" } });
    expect(toMissing(elderly, v, "未提供")).toEqual([
      { code: "HOUSEHOLD_REGISTER", reason: "未提供" },
      { code: "BANK_OR_SOCIAL_SECURITY_CARD", reason: "未提供" },
      { code: "PHOTO", reason: "需近期免冠照片" },
    ]);
  });
});

describe("代办 at the counter (issue #13)", () => {
  const all = ["ID_CARD", "HOUSEHOLD_REGISTER", "BANK_OR_SOCIAL_SECURITY_CARD", "PHOTO"];

  it("choosing 代办 unticks 申请人本人到场, which skipped the 委托书; 帮办 ticks it again", () => {
    expect(afterModeChange("proxy")).toEqual({ residentPresent: false });
    expect(afterModeChange("assist")).toEqual({ residentPresent: true, powerOfAttorney: false });
  });

  it("the agent's ID and 委托书 material is needed whenever the mode is 代办", () => {
    const proxy = values(all, { mode: "proxy" });
    expect(conditionalNeeded(elderly, proxy).map((m) => m.code)).toEqual(["AGENT_ID_AND_POA"]);
    expect(outcomesFor(elderly, proxy).accept).toEqual({ ok: false, why: "missing" });
    const brought = values([...all, "AGENT_ID_AND_POA"], { mode: "proxy" });
    expect(outcomesFor(elderly, brought).accept.ok).toBe(true);
    // The helper cannot judge it unneeded for 代办.
    const unticked = values(all, { mode: "proxy", conditionalNeeded: { AGENT_ID_AND_POA: false } });
    expect(outcomesFor(elderly, unticked).accept.ok).toBe(false);
  });

  it("sends the 户口簿 check with the intake", () => {
    expect(toIntakeInput(elderly, values(all, { householdVerified: true })).householdVerified).toBe(
      true,
    );
    expect(toIntakeInput(elderly, values(all)).householdVerified).toBe(false);
  });
});

describe("papers printed from the form before the case exists", () => {
  it("the 委托书 carries both people as typed, the agent only in 代办", () => {
    const v = values([], {
      mode: "proxy",
      agent: { name: "王小明", idNumber: "440524188001010014", relation: " 子女 " },
    });
    const d = toDraftInput("power-of-attorney", elderly, v);
    expect(d.applicant.name).toBe("王秀英");
    expect(d.agent).toMatchObject({ name: "王小明", relation: "子女" });
    expect(d.deferred).toEqual([]);
    expect(toDraftInput("power-of-attorney", elderly, values([])).agent).toBeNull();
  });

  it("the 承诺书 lists the deferred materials that have a promise date", () => {
    const v = values(["ID_CARD", "HOUSEHOLD_REGISTER"], { promises: { PHOTO: "2026-11-30" } });
    expect(toDraftInput("deferred-commitment", elderly, v).deferred).toEqual([
      { code: "PHOTO", promisedBy: "2026-11-30" },
    ]);
  });
});
