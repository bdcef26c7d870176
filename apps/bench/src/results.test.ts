import { describe, expect, it } from "vitest";
import { mergeRows, Results, type ResultsKind, type Row, scenarioOf, targetText } from "./results";

const quiet = () => {
  const r = new Results();
  const log = console.log;
  console.log = () => {};
  return {
    r,
    done: () => {
      console.log = log;
    },
  };
};

describe("bench results: what counts as met", () => {
  it("a time bound and a ratio to the peer must both hold", () => {
    const { r, done } = quiet();
    try {
      const both = r.add({
        name: "a",
        unit: "s",
        ours: 0.8,
        peer: 9,
        target: { max: 1, minRatio: 10 },
        note: "",
      });
      expect(both).toMatchObject({ ratio: 11.3, met: true, name: "sync-a" });
      const slow = r.add({
        name: "b",
        unit: "s",
        ours: 1.5,
        peer: 30,
        target: { max: 1, minRatio: 10 },
        note: "",
      });
      expect(slow.met).toBe(false);
      const close = r.add({
        name: "c",
        unit: "s",
        ours: 0.9,
        peer: 4.5,
        target: { max: 1, minRatio: 10 },
        note: "",
      });
      expect(close).toMatchObject({ ratio: 5, met: false });
    } finally {
      done();
    }
  });

  it("against an unfinished peer the ratio is a lower bound: met only if the bound clears it", () => {
    const { r, done } = quiet();
    try {
      const unfinished = { boundSeconds: 300, progress: "9,000 of 10,000 documents" };
      const clear = r.add({
        name: "d",
        unit: "s",
        ours: 9,
        peerUnfinished: unfinished,
        target: { max: 10, minRatio: 13 },
        note: "",
      });
      expect(clear).toMatchObject({ peer: null, ratio: 33.3, met: true });
      const open = r.add({
        name: "e",
        unit: "s",
        ours: 9.9,
        peerUnfinished: { ...unfinished, boundSeconds: 60 },
        target: { max: 10, minRatio: 13 },
        note: "",
      });
      expect(open.met).toBeNull();
      const over = r.add({
        name: "f",
        unit: "s",
        ours: 18,
        peerUnfinished: unfinished,
        target: { max: 10, minRatio: 13 },
        note: "",
      });
      expect(over.met).toBe(false);
    } finally {
      done();
    }
  });

  it("rows without a target or without a number decide nothing; the table escapes pipes", () => {
    const { r, done } = quiet();
    try {
      expect(r.add({ name: "g", unit: "MB", ours: 200, peer: 480, note: "" }).met).toBeNull();
      expect(
        r.add({ name: "h", unit: "s", ours: null, target: { max: 1 }, note: "" }).met,
      ).toBeNull();
      r.add({ name: "i", unit: "B", ours: 152, target: { max: 200 }, note: "a | b" });
      const md = r.markdown({ node: "v20" });
      expect(md).toContain("a \\| b");
      expect(md).toContain("| sync-i | 152 | — | — | B | ≤ 200 B | yes |");
      expect(targetText({ min: 3000 }, "changes/s")).toBe("≥ 3000 changes/s");
    } finally {
      done();
    }
  });

  it("another bench's rows carry its prefix; a table with nothing to compare leaves the peer out", () => {
    const kind: ResultsKind = { prefix: "scheduler", title: "Scheduler benchmark", intro: ["x"] };
    const r = new Results(kind);
    const log = console.log;
    console.log = () => {};
    try {
      const row = r.add({
        name: "hub-steady-time",
        unit: "s",
        ours: 1.4,
        target: { max: 1 },
        note: "n",
      });
      expect(row).toMatchObject({ name: "scheduler-hub-steady-time", met: false, ratio: null });
      const md = r.markdown({ node: "v20" });
      expect(md).toContain("# Scheduler benchmark");
      expect(md).toContain("| name | ours | unit | target | met | note |");
      expect(md).toContain("| scheduler-hub-steady-time | 1.4 | s | ≤ 1 s | **no** | n |");
    } finally {
      console.log = log;
    }
  });
});

describe("bench results: a run of some scenarios keeps the others' rows", () => {
  const row = (name: string, at = "2026-11-23T00:00:00.000Z"): Row => ({
    name,
    unit: "s",
    ours: 1,
    peer: null,
    ratio: null,
    target: null,
    met: null,
    note: "",
    measuredAt: at,
  });
  const scenarios = ["B1", "B2", "B2-100K", "B3", "B7"];

  it("a row belongs to the longest scenario its name starts with", () => {
    expect(scenarioOf("sync-B2-push", "sync", scenarios)).toBe("B2");
    expect(scenarioOf("sync-B2-100k-push", "sync", scenarios)).toBe("B2-100K");
    expect(scenarioOf("sync-B9-x", "sync", scenarios)).toBeNull();
  });

  it("rows of scenarios that ran replace theirs; the others stay, in scenario order", () => {
    const earlier = [
      row("sync-B1-catch-up"),
      row("sync-B2-push"),
      row("sync-B2-100k-push"),
      row("sync-B3-lost"),
    ];
    const fresh = [row("sync-B7-lost", "now"), row("sync-B3-lost", "now")];
    const merged = mergeRows(earlier, fresh, "sync", scenarios, new Set(["B3", "B7"]));
    expect(merged.map((r) => `${r.name} ${r.measuredAt.slice(0, 3)}`)).toEqual([
      "sync-B1-catch-up 202",
      "sync-B2-push 202",
      "sync-B2-100k-push 202",
      "sync-B3-lost now",
      "sync-B7-lost now",
    ]);
  });
});
