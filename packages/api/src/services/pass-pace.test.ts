import { BulkActivity } from "@bangban/sync";
import { describe, expect, it } from "vitest";
import { PassPace } from "./scheduler";

/** A pace driven by a clock the test moves: `work(ms)` is a case that took that long. */
function paced(share: number) {
  let t = 1_000;
  const rests: number[] = [];
  const pace = new PassPace(
    share,
    async (ms) => {
      rests.push(ms);
      t += ms;
    },
    () => t,
  );
  let examined = 0;
  const work = async (ms: number) => {
    t += ms;
    examined += 1;
    await pace.after(examined);
  };
  return { rests, work };
}

describe("PassPace: a scheduler pass held to a share of one core", () => {
  it("at half a core, rests as long as each slice worked", async () => {
    const { rests, work } = paced(0.5);
    for (let i = 0; i < 12; i++) await work(10); // slices end at 50 ms of work
    expect(rests).toEqual([50, 50]);
  });

  it("at a quarter, three times the work; a slice also ends every 100 cases", async () => {
    const { rests, work } = paced(0.25);
    for (let i = 0; i < 250; i++) await work(0.1);
    expect(rests.map((ms) => Math.round(ms))).toEqual([30, 30]);
  });

  it("at a whole core, never rests: the event loop only turns between slices", async () => {
    const { rests, work } = paced(1);
    for (let i = 0; i < 300; i++) await work(5);
    expect(rests).toEqual([]);
  });

  it("refuses a share outside (0, 1]", () => {
    expect(() => new PassPace(0, async () => undefined)).toThrow(RangeError);
    expect(() => new PassPace(1.5, async () => undefined)).toThrow(RangeError);
  });
});

describe("PassPace: a pass holds while the node moves whole histories", () => {
  it("does not start its next slice until the bulk transfer ends, and never holds when none runs", async () => {
    const bulk = new BulkActivity();
    let t = 0;
    const pace = new PassPace(
      1,
      async () => undefined,
      () => t,
      () => bulk.idle(),
    );
    let release!: () => void;
    const transfer = bulk.run(() => new Promise<void>((r) => (release = r)));
    expect(bulk.active).toBe(true);
    t += 60; // a slice's work
    let resumed = false;
    const next = pace.after(1).then(() => {
      resumed = true;
    });
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    expect(resumed).toBe(false);
    release();
    await transfer;
    await next;
    expect(resumed).toBe(true);
    expect(bulk.active).toBe(false);
    t += 60;
    await pace.after(2); // nothing runs: no hold
  });

  it("a transfer that fails ends the hold too", async () => {
    const bulk = new BulkActivity();
    await expect(bulk.run(() => Promise.reject(new Error("cut off")))).rejects.toThrow("cut off");
    expect(bulk.active).toBe(false);
    await bulk.idle();
  });
});
