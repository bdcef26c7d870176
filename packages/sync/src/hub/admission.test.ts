import { describe, expect, it } from "vitest";
import { SyncError } from "../protocol/errors";
import { Admission, retryAfterFor } from "./admission";

/** Work the test finishes by hand: the slot is held until `finish` (or `fail`) is called. */
function held<T = string>() {
  let finish!: (v: T) => void;
  let fail!: (e: unknown) => void;
  const done = new Promise<T>((res, rej) => {
    finish = res;
    fail = rej;
  });
  let started = false;
  return {
    work: () => {
      started = true;
      return done;
    },
    started: () => started,
    finish,
    fail,
  };
}

/** A manual clock (ms) and a random source that returns what the test sets. */
function gate(limits: Partial<ConstructorParameters<typeof Admission>[0]> = {}) {
  let now = 1_000_000;
  let r = 0.5;
  const admission = new Admission({
    maxActive: 2,
    maxQueued: 1,
    initialServiceMs: 100,
    minRetryMs: 50,
    maxRetryMs: 30_000,
    now: () => now,
    random: () => r,
    ...limits,
  });
  return {
    admission,
    advance: (ms: number) => {
      now += ms;
    },
    setRandom: (x: number) => {
      r = x;
    },
  };
}

async function refusal(p: Promise<unknown>): Promise<SyncError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(SyncError);
  return e as SyncError;
}

describe("the retry-after rule", () => {
  it("waits out the work ahead of the caller, then spreads callers over the work promised", () => {
    const base = { maxActive: 4, serviceMs: 100, minMs: 0, maxMs: 60_000 };
    // 4 running + 4 queued ahead = two rounds of 4 at 100 ms: none returns before 200 ms.
    expect(retryAfterFor({ ...base, active: 4, queued: 4, promised: 0, random: 0 })).toBe(200);
    // The spread covers the callers already told to come back, and this one: (39 + 1) / 4 × 100.
    expect(retryAfterFor({ ...base, active: 4, queued: 4, promised: 39, random: 1 })).toBe(1200);
    expect(retryAfterFor({ ...base, active: 4, queued: 4, promised: 39, random: 0.5 })).toBe(700);
  });

  it("stays within its bounds", () => {
    const base = { maxActive: 1, serviceMs: 100, active: 1, queued: 0, promised: 0 };
    expect(retryAfterFor({ ...base, random: 0, minMs: 500, maxMs: 1000 })).toBe(500);
    expect(retryAfterFor({ ...base, promised: 1000, random: 1, minMs: 0, maxMs: 1000 })).toBe(1000);
  });
});

describe("Admission", () => {
  it("runs up to maxActive calls at once and queues the next, in arrival order", async () => {
    const { admission } = gate({ maxQueued: 2 });
    const [a, b, c, d] = [held(), held(), held(), held()];
    const pa = admission.run(a.work);
    const pb = admission.run(b.work);
    const pc = admission.run(c.work);
    const pd = admission.run(d.work);
    expect([a.started(), b.started(), c.started(), d.started()]).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(admission.state()).toMatchObject({ active: 2, queued: 2 });
    b.finish("b");
    expect(await pb).toBe("b");
    expect([c.started(), d.started()]).toEqual([true, false]);
    a.finish("a");
    await pa;
    expect(d.started()).toBe(true);
    c.finish("c");
    d.finish("d");
    expect(await Promise.all([pc, pd])).toEqual(["c", "d"]);
    expect(admission.state()).toMatchObject({ active: 0, queued: 0, admitted: 4, refused: 0 });
  });

  it("past the queue answers RETRY_AFTER at once, typed, with a wait, and runs nothing", async () => {
    const { admission } = gate();
    const running = [held(), held(), held()];
    const ps = running.map((h) => admission.run(h.work));
    let ran = false;
    const e = await refusal(
      admission.run(async () => {
        ran = true;
      }),
    );
    expect(ran).toBe(false);
    expect(e.data.kind).toBe("RETRY_AFTER");
    expect(e.data.zh).toMatch(/稍后/);
    // 2 running + 1 queued ahead at the assumed 100 ms: 150 ms, plus half the spread of 1 / 2.
    expect(e.data.retryAfterMs).toBe(175);
    expect(admission.state()).toMatchObject({ refused: 1, promised: 1 });
    for (const h of running) h.finish("x");
    await Promise.all(ps);
  });

  it("queues no call that would wait longer than maxQueueWaitMs: the queue is short in time too", async () => {
    const { admission } = gate({ maxActive: 1, maxQueued: 10, maxQueueWaitMs: 250 });
    const calls = [held(), held(), held()];
    const ps = calls.map((h) => admission.run(h.work));
    // Running: 1; queued: 2 — the next would wait 3 × 100 ms > 250 ms, though the queue has room.
    expect(admission.state()).toMatchObject({ active: 1, queued: 2 });
    const e = await refusal(admission.run(async () => 0));
    expect(e.data.kind).toBe("RETRY_AFTER");
    for (const h of calls) h.finish("x");
    await Promise.all(ps);
  });

  it("derives the wait from how long calls take here (measured on its clock)", async () => {
    const { admission, advance, setRandom } = gate({ maxActive: 1, maxQueued: 0 });
    for (let i = 0; i < 30; i++) {
      const h = held();
      const p = admission.run(h.work);
      advance(1000);
      h.finish("x");
      await p;
    }
    expect(admission.state().serviceMs).toBeGreaterThan(950);
    const h = held();
    const p = admission.run(h.work);
    setRandom(0);
    const e = await refusal(admission.run(async () => "late"));
    // One call running, ~1 s each: about a second, not the 100 ms assumed at first.
    expect(e.data.retryAfterMs).toBeGreaterThan(950);
    expect(e.data.retryAfterMs).toBeLessThanOrEqual(1000);
    h.finish("x");
    await p;
  });

  it("spreads a storm: callers refused at the same instant are told different, growing windows", async () => {
    const { admission, setRandom } = gate({ maxActive: 4, maxQueued: 4 });
    const running = Array.from({ length: 8 }, () => held());
    const ps = running.map((h) => admission.run(h.work));
    setRandom(1);
    const waits: number[] = [];
    for (let i = 0; i < 40; i++) {
      waits.push((await refusal(admission.run(async () => 0))).data.retryAfterMs as number);
    }
    // The last of 40 is spread over all 40 promised returns: 200 ms ahead + 40 / 4 × 100 ms.
    expect(waits[0]).toBe(225);
    expect(waits[39]).toBe(1200);
    expect(new Set(waits).size).toBe(40);
    expect(admission.state().promised).toBe(40);
    for (const h of running) h.finish("x");
    await Promise.all(ps);
  });

  it("forgets a promised return once its time has passed", async () => {
    const { admission, advance, setRandom } = gate({ maxActive: 1, maxQueued: 0 });
    const h = held();
    const p = admission.run(h.work);
    setRandom(1);
    const first = (await refusal(admission.run(async () => 0))).data.retryAfterMs as number;
    expect(admission.state().promised).toBe(1);
    advance(first + 1);
    expect(admission.state().promised).toBe(0);
    h.finish("x");
    await p;
  });

  it("frees the slot of a call that fails, and passes its error on", async () => {
    const { admission } = gate({ maxActive: 1, maxQueued: 1 });
    const a = held();
    const b = held();
    const pa = admission.run(a.work);
    const pb = admission.run(b.work);
    a.fail(new Error("boom"));
    await expect(pa).rejects.toThrow("boom");
    expect(b.started()).toBe(true);
    b.finish("b");
    expect(await pb).toBe("b");
    expect(admission.state()).toMatchObject({ active: 0, queued: 0 });
  });

  it("refuses limits that admit nothing", () => {
    expect(() => new Admission({ maxActive: 0 })).toThrow(/maxActive/);
    expect(() => new Admission({ maxQueued: -1 })).toThrow(/maxQueued/);
  });
});
