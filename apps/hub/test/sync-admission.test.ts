import { seedCatalog, toItemSnapshot } from "@bangban/domain";
import { JournalKit } from "@bangban/domain/testing";
import {
  Admission,
  createCaseDoc,
  encodePushFrame,
  HttpSyncTransport,
  PROTOCOL_VERSION,
  SyncError,
} from "@bangban/sync";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { count, type HubHarness, hubHarness, STATION_A } from "./harness";

/**
 * Back-pressure over HTTP: when the hub's sync calls are all taken (and its queue is full), a
 * station's push or pull is answered at once with a typed 429 RETRY_AFTER and how long to wait
 * — never held until it times out, never a 5xx — and nothing is stored.
 */

const ACTOR_A = "330106001001000011aa22bb33cc44dd";
const ZHANGLI = {
  userId: "u-zhangli",
  role: "helper",
  siteId: STATION_A,
  siteKind: "station",
} as const;
const ELDERLY = toItemSnapshot(
  seedCatalog.items.find((i) => i.code === "MZ-GF-001") as (typeof seedCatalog.items)[number],
);

let h: HubHarness;
let app: Hono;
let gate: Admission;
let credential: string;
/** The gate's clock: each test starts a minute later, past the returns promised before. */
let now = 0;

beforeAll(async () => {
  h = await hubHarness();
  // One call at a time, no queue, a second per call assumed: the slot is in 1 s (the call
  // ahead), and the caller comes half-way (random 0.5) into its slot's first half: 1250 ms
  // (no lead before the slot: there is no line to wait in).
  gate = new Admission({
    maxActive: 1,
    maxQueued: 0,
    initialServiceMs: 1000,
    minRetryMs: 100,
    now: () => now,
    random: () => 0.5,
  });
  // One gate for pushes and pulls here, so one held call fills both.
  app = createApp({ ...h.services, admission: { push: gate, pull: gate } });
  const lead = await h.as("sunhua");
  const made = await lead.mutate<{ code: string }>("admin.enrolment.createCode", {
    siteId: STATION_A,
  });
  const enrolled = await h.client().mutate<{ credential: string }>("sync.enrol", {
    protocol: PROTOCOL_VERSION,
    code: made.data?.code,
    actorIds: [ACTOR_A],
  });
  credential = enrolled.data?.credential as string;
  expect(credential).toBeTruthy();
});
afterAll(() => h.close());

function newCaseFrame(): { caseId: string; body: Uint8Array } {
  const intake = new JournalKit().intake(ELDERLY, ZHANGLI);
  const caseId = "01KADMISSION00000000000001";
  const { change } = createCaseDoc(
    {
      caseId,
      caseNumber: `${STATION_A}-20261102-0001`,
      createdAt: intake.at,
      applicant: {
        name: "王秀英",
        idNumber: "11010519491231002X",
        phone: "13812345678",
        address: "宝石一弄 8 号",
      },
      agent: null,
      intake,
    },
    ACTOR_A,
  );
  return {
    caseId,
    body: encodePushFrame({ protocol: PROTOCOL_VERSION, changes: [{ caseId, bytes: change }] }),
  };
}

const push = (body: Uint8Array, bearer = credential) =>
  app.request("/trpc/sync.pushFrames", {
    method: "POST",
    headers: { "content-type": "application/octet-stream", authorization: `Bearer ${bearer}` },
    body,
  });

const pull = () =>
  app.request(
    `/trpc/sync.pull?input=${encodeURIComponent(JSON.stringify({ protocol: PROTOCOL_VERSION, after: 0, actorId: ACTOR_A }))}`,
    { headers: { authorization: `Bearer ${credential}` } },
  );

interface Refusal {
  code: string;
  zh: string;
  retryAfterMs?: number;
  retryAfterSeconds?: number;
}
async function refusalOf(res: Response): Promise<Refusal | undefined> {
  const body = (await res.json()) as { error?: { data?: { bangban?: Refusal } } };
  return body.error?.data?.bangban;
}

/** Takes the gate's only slot until the returned function is called. */
function occupy(): () => Promise<void> {
  now += 60_000;
  expect(gate.state().active).toBe(0);
  let release!: () => void;
  const running = gate.run(() => new Promise<void>((r) => (release = r)));
  return async () => {
    // Each held call took a second on the gate's clock, as assumed: the wait stays 1250 ms.
    now += 1000;
    release();
    await running;
  };
}

describe("sync back-pressure over HTTP", () => {
  it("a full hub answers a push with a typed 429 RETRY_AFTER and its wait, and stores nothing", async () => {
    const release = occupy();
    const before = {
      seq: await h.services.repo.store.lastSeq(),
      audit: await count(h.services, "audit_log"),
    };
    const { body } = newCaseFrame();
    const res = await push(body);
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("2");
    expect(await refusalOf(res)).toMatchObject({
      code: "RETRY_AFTER",
      retryAfterMs: 1250,
      retryAfterSeconds: 2,
      zh: expect.stringMatching(/稍后/),
    });
    expect(await h.services.repo.store.lastSeq()).toBe(before.seq);
    expect(await count(h.services, "audit_log")).toBe(before.audit);
    await release();
  });

  it("a pull is refused the same way; calls outside the gate (reference) still answer", async () => {
    const release = occupy();
    const res = await pull();
    expect(res.status).toBe(429);
    expect((await refusalOf(res))?.code).toBe("RETRY_AFTER");
    const ref = await app.request(
      `/trpc/sync.reference?input=${encodeURIComponent(JSON.stringify({ protocol: PROTOCOL_VERSION, known: "" }))}`,
      { headers: { authorization: `Bearer ${credential}` } },
    );
    expect(ref.status).toBe(200);
    await release();
  });

  it("the station's HTTP transport reads it as RETRY_AFTER with the wait to the millisecond", async () => {
    const release = occupy();
    const transport = new HttpSyncTransport({
      hubUrl: "http://hub.example/",
      credential,
      fetch: async (url, init) => app.request(url, init),
    });
    const e = await transport.pull({ protocol: PROTOCOL_VERSION, after: 0, actorId: ACTOR_A }).then(
      () => null,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(SyncError);
    expect((e as SyncError).data).toMatchObject({ kind: "RETRY_AFTER", retryAfterMs: 1250 });
    await release();
  });

  it("an unknown credential is refused as such, before it could take a slot or be told to wait", async () => {
    const release = occupy();
    const res = await push(newCaseFrame().body, "not-a-credential");
    expect(res.status).toBe(401);
    expect((await refusalOf(res))?.code).toBe("UNKNOWN_STATION");
    await release();
    expect(gate.state().active).toBe(0);
  });

  it("pushes and pulls have a gate each: a pull is served while pushes fill theirs", async () => {
    const pushes = new Admission({ maxActive: 1, maxQueued: 0 });
    const split = createApp({ ...h.services, admission: { push: pushes, pull: new Admission() } });
    let release!: () => void;
    const running = pushes.run(() => new Promise<void>((r) => (release = r)));
    const refused = await split.request("/trpc/sync.pushFrames", {
      method: "POST",
      headers: {
        "content-type": "application/octet-stream",
        authorization: `Bearer ${credential}`,
      },
      body: newCaseFrame().body,
    });
    expect(refused.status).toBe(429);
    const pulled = await split.request(
      `/trpc/sync.pull?input=${encodeURIComponent(JSON.stringify({ protocol: PROTOCOL_VERSION, after: 0, actorId: ACTOR_A }))}`,
      { headers: { authorization: `Bearer ${credential}` } },
    );
    expect(pulled.status).toBe(200);
    release();
    await running;
  });

  it("once a slot is free the same push is taken and stored", async () => {
    const { caseId, body } = newCaseFrame();
    const res = await push(body);
    expect(res.status).toBe(200);
    const stored = await h.services.repo.store.loadCase(caseId);
    expect(stored?.changes.length ?? 0).toBeGreaterThan(0);
  });
});
