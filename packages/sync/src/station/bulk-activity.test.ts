import { describe, expect, it } from "vitest";
import { BulkActivity } from "./bulk-activity";

/** Whether `p` has settled after the loop's pending turns. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(
    () => (done = true),
    () => (done = true),
  );
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  return done;
}

describe("BulkActivity: background passes hold while whole histories move", () => {
  it("a transfer inside a round holds them to the round's end, not only to its own", async () => {
    const bulk = new BulkActivity();
    bulk.roundStarted();
    await bulk.run(async () => undefined);
    // The round goes on (its pull, its reference): the hold lasts.
    expect(bulk.active).toBe(true);
    const waiting = bulk.idle();
    expect(await settled(waiting)).toBe(false);
    bulk.roundEnded();
    expect(await settled(waiting)).toBe(true);
    expect(bulk.active).toBe(false);
  });

  it("a round that moves nothing in bulk holds nothing, and a transfer outside a round holds only while it runs", async () => {
    const bulk = new BulkActivity();
    bulk.roundStarted();
    expect(bulk.active).toBe(false);
    expect(await settled(bulk.idle())).toBe(true);
    bulk.roundEnded();
    let release!: () => void;
    const transfer = bulk.run(() => new Promise<void>((r) => (release = r)));
    const waiting = bulk.idle();
    expect(await settled(waiting)).toBe(false);
    release();
    await transfer;
    expect(await settled(waiting)).toBe(true);
  });

  it("a transfer that fails inside a round holds to the round's end too, and a later round starts clear", async () => {
    const bulk = new BulkActivity();
    bulk.roundStarted();
    await expect(bulk.run(() => Promise.reject(new Error("cut off")))).rejects.toThrow("cut off");
    expect(bulk.active).toBe(true);
    bulk.roundEnded();
    expect(bulk.active).toBe(false);
    bulk.roundStarted();
    expect(bulk.active).toBe(false);
    bulk.roundEnded();
    // More ends than starts change nothing.
    bulk.roundEnded();
    expect(bulk.active).toBe(false);
  });
});
