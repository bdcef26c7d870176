import { describe, expect, it } from "vitest";
import { actors, JournalKit, residenceCertificate, SITES } from "../case/fixtures";
import { foldJournal } from "../case/fold";
import { applyEvent } from "../case/machine";
import type { Actor, CaseEvent } from "../case/types";
import { caseEventSchema } from "../case/types";
import {
  checkRatingUnique,
  parseRating,
  ratedAwayFromCounter,
  ratingChannelLabels,
  ratingChannelRefusal,
  ratingDimensionLabel,
  ratingDimensions,
} from "./rating";

/** The resident rating on their own phone: recorded at the hub (the street center). */
const residentAtHub: Actor = {
  userId: "resident",
  role: "resident",
  siteId: SITES.center,
  siteKind: "center",
};
/** The same resident as a station would record them. */
const residentAtStation: Actor = actors.resident;

const qr = (level = 5) => ({ level, channel: "qr" as const, stage: "completion" });

/** 居住证明 taken in, accepted and completed at station A (即办). */
function completedAtA(): JournalKit {
  const kit = new JournalKit();
  kit.intake(residenceCertificate);
  kit.add("supplement", { materials: [{ code: "STATEMENT", attachments: [] }] }, actors.helperA);
  kit.add("accept", { deferred: [] }, actors.helperA);
  kit.add("complete", {}, actors.helperA);
  if (foldJournal(kit.events).state?.status !== "COMPLETED") throw new Error("not completed");
  return kit;
}

function outcome(kit: JournalKit, e: CaseEvent) {
  return applyEvent(foldJournal(kit.events.slice(0, -1)).state, e);
}

describe("扫码评价 (qr): the resident's own phone, a channel the helper never holds", () => {
  it("扫码评价: the channel is labelled 扫码评价（群众自评） and rates the four offline dimensions", () => {
    expect(ratingChannelLabels.qr).toBe("扫码评价（群众自评）");
    expect(ratingDimensions.qr).toEqual(ratingDimensions.offline);
    expect(ratingDimensions.qr.map((d) => ratingDimensionLabel("qr", d))).toEqual([
      "整体满意度",
      "服务效率",
      "服务水平",
      "服务态度",
    ]);
    const base = { caseId: "c1", channel: "qr", level: 4, ratedOn: "2026-11-03" };
    expect(parseRating({ ...base, dimensions: { attitude: 5 } }).ok).toBe(true);
    const online = parseRating({ ...base, dimensions: { usability: 2 } });
    expect(online.ok).toBe(false);
    if (!online.ok) expect(online.error.field).toBe("dimensions");
  });

  it("一事一评: one qr rating per case and stage, beside the offline one", () => {
    const r = { caseId: "c1", channel: "qr" as const, stage: "completion" };
    const again = checkRatingUnique([r], r);
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.zh).toContain("一事一评");
    expect(checkRatingUnique([{ ...r, channel: "offline" }], r).ok).toBe(true);
  });

  it("扫码评价: only the hub records it, and only on a completed case", () => {
    expect(ratingChannelRefusal("qr", { completed: true, siteKind: "center" })).toBeNull();
    expect(ratingChannelRefusal("qr", { completed: true, siteKind: "station" })?.field).toBe(
      "channel",
    );
    expect(ratingChannelRefusal("qr", { completed: false, siteKind: "center" })?.field).toBe(
      "status",
    );
    // It counts at the site that served the case, like an online rating; offline where given.
    expect(ratedAwayFromCounter("qr", "center")).toBe(true);
    expect(ratedAwayFromCounter("online", "online")).toBe(true);
    expect(ratedAwayFromCounter("offline", "station")).toBe(false);
    // The window's own channels stay as they were: any site, any time.
    expect(ratingChannelRefusal("offline", { completed: false, siteKind: "station" })).toBeNull();
  });

  it("扫码评价: the machine accepts the resident's rating recorded at the hub on a completed case", () => {
    const kit = completedAtA();
    const e = kit.add("rate", { ...qr(2), dimensions: { attitude: 1 } }, residentAtHub);
    expect(caseEventSchema.safeParse(e).success).toBe(true);
    const r = outcome(kit, e);
    if (!r.ok) throw r.error;
    expect(r.value.ratings).toEqual([
      { eventId: e.id, level: 2, channel: "qr", stage: "completion", at: e.at },
    ]);
  });

  it("扫码评价: a station cannot record a qr rating, even in the resident's name", () => {
    const kit = completedAtA();
    const e = kit.add("rate", qr(), residentAtStation);
    const r = outcome(kit, e);
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.code, r.error.field]).toEqual(["NOT_ALLOWED", "channel"]);
  });

  it("扫码评价: a case not yet completed cannot be rated on its phone channel", () => {
    const kit = new JournalKit();
    kit.intake(residenceCertificate);
    kit.add("supplement", { materials: [{ code: "STATEMENT", attachments: [] }] }, actors.helperA);
    kit.add("accept", { deferred: [] }, actors.helperA);
    const e = kit.add("rate", qr(), residentAtHub);
    const r = outcome(kit, e);
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.code, r.error.field]).toEqual(["NOT_ELIGIBLE", "status"]);
  });

  it("一事一评: a second qr rating of the same case and stage is refused; the offline one stands beside it", () => {
    const kit = completedAtA();
    kit.add("rate", { level: 5, channel: "offline", stage: "completion" }, residentAtStation);
    kit.add("rate", qr(4), residentAtHub);
    const e = kit.add("rate", qr(1), residentAtHub);
    const r = outcome(kit, e);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe("DUPLICATE");
    const s = foldJournal(kit.events.slice(0, -1)).state;
    expect(s?.ratings.map((x) => x.channel)).toEqual(["offline", "qr"]);
  });

  it("扫码评价: a forged channel name fails the wire schema on the channel field", () => {
    const kit = completedAtA();
    const e = kit.add("rate", { ...qr(), channel: "sms" as "qr" }, residentAtHub);
    const parsed = caseEventSchema.safeParse(e);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["payload", "channel"]);
  });
});
