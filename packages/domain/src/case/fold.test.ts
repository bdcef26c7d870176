import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { actors, JournalKit, SITES } from "./fixtures";
import { canonicalJournal, foldJournal } from "./fold";
import { recordEvent } from "./journal-builder";
import type { CaseEvent } from "./types";

/** A case in review at the center, plus events recorded concurrently on top of it. */
function inReviewWithBranches() {
  const kit = new JournalKit();
  kit.intake();
  kit.add("supplement", { materials: [{ code: "PHOTO", attachments: [] }] }, actors.helperA);
  kit.add(
    "accept",
    { deferred: [{ code: "BANK_CARD", promisedBy: "2026-11-20" }] },
    actors.helperA,
  );
  kit.add("forward", { toSiteId: SITES.center }, actors.helperA);
  kit.add("start_review", {}, actors.reviewer);
  const base = [...kit.events];
  const on = (id: string, at: string) => ({ id, at });
  // Each branch is recorded by a different site that had seen only `base`.
  const branches: CaseEvent[] = [
    recordEvent(
      base,
      "approve",
      {},
      { ...on("01JB000000000000000000APPR", "2026-11-03T02:00:00.000Z"), actor: actors.approver },
    ),
    recordEvent(
      base,
      "deny",
      { reason: "不符合条件" },
      { ...on("01JB000000000000000000DENY", "2026-11-03T02:00:00.000Z"), actor: actors.lead },
    ),
    recordEvent(
      base,
      "withdraw",
      { reason: "居民撤回" },
      { ...on("01JB000000000000000000WDRW", "2026-11-03T01:00:00.000Z"), actor: actors.resident },
    ),
    recordEvent(
      base,
      "supplement",
      { materials: [{ code: "BANK_CARD", attachments: [] }] },
      { ...on("01JB000000000000000000SUPP", "2026-11-03T03:00:00.000Z"), actor: actors.helperB },
    ),
    recordEvent(
      base,
      "note",
      { text: "已电话联系申请人" },
      { ...on("01JB000000000000000000NOTE", "2026-11-03T04:00:00.000Z"), actor: actors.reviewer },
    ),
  ];
  return { base, branches };
}

describe("journal fold", () => {
  it("状态派生: the same events in any arrival order, with duplicates, give the same case", () => {
    const { base, branches } = inReviewWithBranches();
    const all = [...base, ...branches];
    const expected = foldJournal(all);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length }),
        fc.array(fc.nat({ max: all.length - 1 }), { maxLength: 6 }),
        (shuffled, dupIdx) => {
          const withDups = [...shuffled, ...dupIdx.map((i) => all[i] as CaseEvent)];
          expect(foldJournal(withDups)).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("状态派生: any subset of concurrent branches folds identically regardless of order", () => {
    const { base, branches } = inReviewWithBranches();
    fc.assert(
      fc.property(fc.subarray(branches), fc.infiniteStream(fc.nat()), (subset, seeds) => {
        const a = [...base, ...subset];
        const it = seeds[Symbol.iterator]();
        const b = [...a].sort(() => ((it.next().value as number) % 3) - 1);
        expect(foldJournal(b)).toEqual(foldJournal(a));
      }),
      { numRuns: 200 },
    );
  });

  it("冲突: two sites closing a case two ways keep one, flag the case and keep the other as a conflict", () => {
    const { base, branches } = inReviewWithBranches();
    const approve = branches[0] as CaseEvent;
    const deny = branches[1] as CaseEvent;
    const { state } = foldJournal([...base, deny, approve]);
    expect(state?.status).toBe("APPROVED"); // same lamport and time: the smaller id goes first
    expect(state?.conflictOpen).toBe(true);
    expect(state?.conflicts).toEqual([
      expect.objectContaining({ eventId: deny.id, type: "deny", statusAtEvent: "APPROVED" }),
    ]);
  });

  it("冲突: a person resolves the flag with an event of their own", () => {
    const { base, branches } = inReviewWithBranches();
    const merged = [...base, branches[0] as CaseEvent, branches[1] as CaseEvent];
    const resolve = recordEvent(
      merged,
      "resolve_conflict",
      { note: "以审批人意见为准" },
      {
        id: "01JB000000000000000000RSLV",
        at: "2026-11-04T01:00:00.000Z",
        actor: actors.lead,
      },
    );
    const { state } = foldJournal([...merged, resolve]);
    expect(state?.conflictOpen).toBe(false);
    expect(state?.conflicts).toHaveLength(1);
  });

  it("因果序: an event recorded on top of another sorts after it even when its clock is behind", () => {
    const kit = new JournalKit();
    kit.intake();
    // The station's clock is a day behind the hub's, but the Lamport value keeps causality.
    kit.add(
      "supplement",
      {
        materials: [
          { code: "BANK_CARD", attachments: [] },
          { code: "PHOTO", attachments: [] },
        ],
      },
      actors.helperA,
      "2026-11-01T00:00:00.000Z",
    );
    kit.add("accept", { deferred: [] }, actors.helperA, "2026-10-31T00:00:00.000Z");
    expect(foldJournal(kit.events).state?.status).toBe("ACCEPTED");
  });

  it("冲突: events that arrive before any intake are kept and reported, not dropped", () => {
    const kit = new JournalKit();
    kit.intake();
    const accept = kit.add("note", { text: "先到的备注" }, actors.helperA);
    const r = foldJournal([accept]);
    expect(r.state).toBeNull();
    expect(r.orphans).toEqual([accept]);
  });

  it("去重: a duplicated event changes nothing", () => {
    const kit = new JournalKit();
    kit.intake();
    kit.add("rate", { level: 4, channel: "offline", stage: "completion" }, actors.resident);
    const once = foldJournal(kit.events);
    const twice = foldJournal([...kit.events, ...kit.events]);
    expect(twice).toEqual(once);
    expect(canonicalJournal([...kit.events, ...kit.events])).toHaveLength(kit.events.length);
  });
});
