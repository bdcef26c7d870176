import { type ServerType, serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterEach, describe, expect, it } from "vitest";
import { type NodeRounds, untilRound } from "./testing";

/**
 * `untilRound` against a real HTTP server: a tiny Hono app whose /healthz reports the rounds
 * the test sets, as a station's does. The test moves the rounds on only after the helper has
 * looked again (the server counts its looks), so nothing here depends on the clock.
 */
const servers: ServerType[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

function fakeNode(rounds: NodeRounds) {
  let looked = 0;
  let waiters: { at: number; resolve: () => void }[] = [];
  const app = new Hono();
  app.get("/healthz", (c) => {
    const body = c.json({ ok: true, sync: { state: "idle", online: true, rounds } });
    looked += 1;
    for (const w of waiters.filter((w) => looked >= w.at)) w.resolve();
    waiters = waiters.filter((w) => looked < w.at);
    return body;
  });
  return new Promise<{
    url: string;
    set: (r: Partial<NodeRounds>) => void;
    /** Resolves once the helper has looked `n` more times. */
    looks: (n?: number) => Promise<void>;
  }>((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) =>
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        set: (r) => {
          rounds = { ...rounds, ...r };
        },
        looks: (n = 3) =>
          new Promise<void>((res) => waiters.push({ at: looked + n, resolve: res })),
      }),
    );
    servers.push(server);
  });
}

const idle = (n: number): NodeRounds => ({
  started: n,
  finished: n,
  sameErrorInARow: 0,
  lastError: null,
});

/** Whether a promise has settled yet (it is observed, so a rejection is never unhandled). */
function watch<T>(p: Promise<T>) {
  const s = { settled: false, p };
  p.then(
    () => {
      s.settled = true;
    },
    () => {
      s.settled = true;
    },
  );
  return s;
}

const fast = { everyMs: 1 };

describe("untilRound: awaits a node's sync round, judged on fresh state", () => {
  it("judges the condition only once a round begun after the call has ended, not the round in flight", async () => {
    const node = await fakeNode({ ...idle(2), started: 3 });
    const w = watch(untilRound("fresh state", node.url, async () => "seen", fast));
    await node.looks();
    expect(w.settled).toBe(false);
    // The round in flight at the call ends: it began before, so its state is not fresh.
    node.set({ finished: 3 });
    await node.looks();
    expect(w.settled).toBe(false);
    node.set({ started: 4 });
    await node.looks();
    expect(w.settled).toBe(false);
    node.set({ finished: 4 });
    await expect(w.p).resolves.toBe("seen");
  });

  it("keeps judging after each look until the condition holds, every node in the path having had a fresh round", async () => {
    const [a, hub] = [await fakeNode(idle(5)), await fakeNode(idle(9))];
    let held = false;
    const w = watch(
      untilRound("through both", [a.url, hub.url], async () => held && "there", fast),
    );
    // The helper has noted where both stood at the call (it looks at them in turn).
    await hub.looks(1);
    a.set(idle(6));
    await hub.looks();
    expect(w.settled).toBe(false);
    hub.set(idle(10));
    await hub.looks();
    expect(w.settled).toBe(false);
    held = true;
    await expect(w.p).resolves.toBe("there");
  });

  it("fails fast with the round's own error when a round since the call is refused for good; one from before is not held against it", async () => {
    const revoked = { kind: "REVOKED", en: "The credential was revoked" };
    const node = await fakeNode({ ...idle(1), sameErrorInARow: 1, lastError: revoked });
    const w = watch(untilRound("reference data", node.url, async () => false, fast));
    await node.looks();
    expect(w.settled).toBe(false);
    node.set({ started: 2, finished: 2, sameErrorInARow: 2 });
    await expect(w.p).rejects.toThrow(
      `while awaiting reference data: ${node.url}: a round failed with REVOKED (The credential was revoked)`,
    );
  });

  it("a condition the failed round itself brings about is met, not failed (the hub seen gone)", async () => {
    const node = await fakeNode(idle(1));
    const w = watch(
      untilRound(
        "the refusal shown",
        node.url,
        async () => (await fetch(`${node.url}/healthz`)).ok,
        fast,
      ),
    );
    await node.looks(1);
    node.set({
      started: 2,
      finished: 2,
      sameErrorInARow: 1,
      lastError: { kind: "REVOKED", en: "x" },
    });
    await expect(w.p).resolves.toBe(true);
  });

  it("waits out a peer that is away; fails after three rounds in a row with the same error of a hub answering 500", async () => {
    const node = await fakeNode(idle(0));
    const w = watch(untilRound("pushed", node.url, async () => false, fast));
    await node.looks(1);
    const away = { kind: "NETWORK", en: "Hub unreachable: fetch failed" };
    for (let n = 1; n <= 5; n++) {
      node.set({ started: n, finished: n, sameErrorInARow: n, lastError: away });
      await node.looks();
    }
    const busy = { kind: "RETRY_AFTER", en: "busy" };
    node.set({ started: 6, finished: 6, sameErrorInARow: 1, lastError: busy });
    await node.looks();
    node.set({ started: 9, finished: 9, sameErrorInARow: 4, lastError: busy });
    await node.looks();
    const bug = { kind: "NETWORK", en: "Hub unreachable: hub answered 500: boom" };
    node.set({ started: 10, finished: 10, sameErrorInARow: 1, lastError: bug });
    await node.looks();
    node.set({ started: 11, finished: 11, sameErrorInARow: 2 });
    await node.looks();
    expect(w.settled).toBe(false);
    node.set({ started: 12, finished: 12, sameErrorInARow: 3 });
    await expect(w.p).rejects.toThrow(
      "3 rounds in a row failed with NETWORK (Hub unreachable: hub answered 500: boom)",
    );
  });

  it("a node restarted after the call counts its rounds from its new start", async () => {
    const node = await fakeNode(idle(7));
    const w = watch(untilRound("after the restart", node.url, async () => "fresh", fast));
    await node.looks();
    node.set({ started: 1, finished: 0 });
    await node.looks();
    expect(w.settled).toBe(false);
    node.set({ finished: 1 });
    await expect(w.p).resolves.toBe("fresh");
  });

  it("a hang ends at the hang guard, naming what it awaited and the rounds it saw", async () => {
    const node = await fakeNode({ ...idle(3), started: 4 });
    await expect(
      untilRound("a round that never ends", node.url, async () => true, {
        ...fast,
        hangGuardMs: 0,
      }),
    ).rejects.toThrow(/^hang guard: still awaiting a round that never ends .*"started":4/);
  });
});
