import { randomBytes } from "node:crypto";
import * as A from "@automerge/automerge";
import { listAudit } from "@bangban/db";
import { seedCatalog, toItemSnapshot } from "@bangban/domain";
import { JournalKit } from "@bangban/domain/testing";
import {
  type CaseDoc,
  createCaseDoc,
  encodePushFrame,
  LIMITS,
  MAX_PUSH_FRAME_BYTES,
  type NewCase,
  PROTOCOL_VERSION,
  type PushChange,
  type PushResponse,
  toBase64,
} from "@bangban/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, type HubHarness, hubHarness, STATION_A } from "./harness";

/**
 * A station's push over HTTP, as HttpSyncTransport sends it: protocol 2's binary frame at
 * `sync.pushFrames`, and protocol 1's JSON at `sync.push` for stations not yet upgraded.
 */

const ACTOR_A = "330106001001000011aa22bb33cc44dd";
const ACTOR_B = "330106001002000055ee66ff77008899";
/** Station A's helper as the hub's users table knows her (the demo seed). */
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
let credential: string;
let n = 0;

beforeAll(async () => {
  h = await hubHarness();
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

/** A new case taken in at station A, as its first change (authored by `actor`). */
function newCase(actor = ACTOR_A): { caseId: string; change: Uint8Array; doc: CaseDoc } {
  n += 1;
  const intake = new JournalKit().intake(ELDERLY, ZHANGLI);
  const init: NewCase = {
    caseId: `01KPUSH${String(n).padStart(19, "0")}`,
    caseNumber: `${STATION_A}-20261102-${String(n).padStart(4, "0")}`,
    createdAt: intake.at,
    applicant: {
      name: "王秀英",
      idNumber: "11010519491231002X",
      phone: "13812345678",
      address: "宝石一弄 8 号",
    },
    agent: null,
    intake,
  };
  const { doc, change } = createCaseDoc(init, actor);
  return { caseId: init.caseId, change, doc: doc as CaseDoc };
}

interface Answer {
  status: number;
  data?: PushResponse;
  error?: { code: string; zh: string; en: string };
}

async function answer(res: Response): Promise<Answer> {
  const body = (await res.json()) as {
    result?: { data: PushResponse };
    error?: { data?: { bangban?: Answer["error"] } };
  };
  return { status: res.status, data: body.result?.data, error: body.error?.data?.bangban };
}

async function pushFrame(
  body: RequestInit["body"],
  headers: Record<string, string> = {},
  init: RequestInit = {},
): Promise<Answer> {
  const res = await h.app.request("/trpc/sync.pushFrames", {
    method: "POST",
    headers: {
      "content-type": "application/octet-stream",
      authorization: `Bearer ${credential}`,
      ...headers,
    },
    body,
    ...init,
  });
  return answer(res);
}

const frame = (changes: PushChange[], protocol = PROTOCOL_VERSION) =>
  encodePushFrame({ protocol, changes });

/** What a refusal must leave behind: the same log and no new audit line. */
async function held() {
  return {
    seq: await h.services.repo.store.lastSeq(),
    audit: await count(h.services, "audit_log"),
  };
}

describe("sync.pushFrames", () => {
  it("stores a binary push, acknowledges it with a small JSON answer, and stores a replay once", async () => {
    const { caseId, change } = newCase();
    const body = frame([{ caseId, bytes: change }]);
    const before = await held();
    const r = await pushFrame(body);
    expect(r).toMatchObject({ status: 200, data: { stored: 1, appended: 1, cases: 1 } });
    expect(await h.services.repo.has(caseId)).toBe(true);
    // The stored change is the pushed one, byte for byte (it was decoded as a view of the body).
    const log = await h.services.repo.store.changesAfter(before.seq, {
      maxChanges: 10,
      maxBytes: 1 << 20,
    });
    expect(log.map((c) => [c.caseId, toBase64(c.bytes)])).toEqual([[caseId, toBase64(change)]]);
    const lines = await listAudit(h.services.db, { action: "sync.push", limit: 1 });
    expect(lines[0]).toMatchObject({ userId: `station:${STATION_A}`, detail: { changes: 1 } });
    const again = await pushFrame(body);
    expect(again).toMatchObject({ status: 200, data: { stored: 1, appended: 0 } });
    expect(await h.services.repo.store.lastSeq()).toBe(before.seq + 1);
  });

  it("takes a full-size frame past /trpc's 1 MB JSON limit", async () => {
    const { caseId, change, doc } = newCase();
    // ~1.5 MB of incompressible bytes in one change: over the JSON limit, under the batch bound.
    const big = A.change(doc, (d) => {
      (d as unknown as { scan: Uint8Array }).scan = new Uint8Array(randomBytes(1_500_000));
    });
    const second = A.getLastLocalChange(big) as Uint8Array;
    A.free(big);
    expect(second.length).toBeGreaterThan(1024 * 1024);
    const r = await pushFrame(
      frame([
        { caseId, bytes: change },
        { caseId, bytes: second },
      ]),
    );
    expect(r).toMatchObject({ status: 200, data: { stored: 2, appended: 2, cases: 1 } });
  });

  it("refuses a malformed frame, storing nothing", async () => {
    const { caseId, change } = newCase();
    const before = await held();
    const good = frame([{ caseId, bytes: change }]);
    for (const bad of [
      new Uint8Array([1, 2, 3]),
      new Uint8Array(),
      good.subarray(0, good.length - 1),
      Uint8Array.from([...good, 0]),
      new TextEncoder().encode('{"protocol":1,"changes":[]}'),
    ]) {
      expect(await pushFrame(bad)).toMatchObject({
        status: 400,
        error: { code: "MALFORMED_BATCH" },
      });
    }
    // A JSON body sent to the binary route.
    const json = await pushFrame(JSON.stringify({ protocol: 2, changes: [] }), {
      "content-type": "application/json",
    });
    expect(json).toMatchObject({ status: 400, error: { code: "MALFORMED_BATCH" } });
    expect(await held()).toEqual(before);
    expect(await h.services.repo.has(caseId)).toBe(false);
  });

  it("refuses an oversized body with BATCH_TOO_LARGE, without reading it to the end", async () => {
    const before = await held();
    // Declared too large: refused from the Content-Length alone.
    const declared = await pushFrame(new Uint8Array(MAX_PUSH_FRAME_BYTES + 1), {
      "content-length": String(MAX_PUSH_FRAME_BYTES + 1),
    });
    expect(declared).toMatchObject({ status: 413, error: { code: "BATCH_TOO_LARGE" } });
    // Streamed without a length, without end: refused once past the bound.
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled += 1;
        c.enqueue(new Uint8Array(64 * 1024));
      },
    });
    const streamed = await pushFrame(endless, {}, { duplex: "half" } as RequestInit);
    expect(streamed).toMatchObject({ status: 413, error: { code: "BATCH_TOO_LARGE" } });
    expect(pulled * 64 * 1024).toBeLessThan(MAX_PUSH_FRAME_BYTES + 4 * 64 * 1024);
    // Within the byte bound but over the count bound: the frame's declared count refuses it.
    const { caseId, change } = newCase();
    const many = Array.from({ length: LIMITS.maxChangesPerPush + 1 }, () => ({
      caseId,
      bytes: change,
    }));
    expect(await pushFrame(frame(many))).toMatchObject({
      status: 413,
      error: { code: "BATCH_TOO_LARGE" },
    });
    expect(await held()).toEqual(before);
  });

  it("refuses a change by another station's actor (FORGED_ACTOR), storing nothing", async () => {
    const before = await held();
    const own = newCase();
    const forged = newCase(ACTOR_B);
    const r = await pushFrame(
      frame([
        { caseId: own.caseId, bytes: own.change },
        { caseId: forged.caseId, bytes: forged.change },
      ]),
    );
    expect(r).toMatchObject({ status: 403, error: { code: "FORGED_ACTOR" } });
    expect(await held()).toEqual(before);
    expect(await h.services.repo.has(own.caseId)).toBe(false);
  });

  it("refuses an old or unknown protocol in the frame (PROTOCOL_VERSION), storing nothing", async () => {
    const before = await held();
    const { caseId, change } = newCase();
    for (const protocol of [1, PROTOCOL_VERSION + 1]) {
      expect(await pushFrame(frame([{ caseId, bytes: change }], protocol))).toMatchObject({
        status: 412,
        error: { code: "PROTOCOL_VERSION" },
      });
    }
    expect(await held()).toEqual(before);
  });

  it("refuses a push without a station's credential before reading it", async () => {
    const { caseId, change } = newCase();
    const r = await pushFrame(frame([{ caseId, bytes: change }]), {
      authorization: "Bearer not-a-credential",
    });
    expect(r).toMatchObject({ status: 401, error: { code: "UNKNOWN_STATION" } });
    expect(await h.services.repo.has(caseId)).toBe(false);
  });
});

describe("sync.push (protocol 1, JSON) while stations upgrade", () => {
  it("still stores a JSON push, including one past the general 1 MB JSON limit", async () => {
    const { caseId, change, doc } = newCase();
    const big = A.change(doc, (d) => {
      (d as unknown as { scan: Uint8Array }).scan = new Uint8Array(randomBytes(900_000));
    });
    const second = A.getLastLocalChange(big) as Uint8Array;
    A.free(big);
    const body = JSON.stringify({
      protocol: 1,
      changes: [change, second].map((b) => ({ caseId, bytes: toBase64(b) })),
    });
    expect(body.length).toBeGreaterThan(1024 * 1024);
    const res = await h.app.request("/trpc/sync.push", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${credential}` },
      body,
    });
    const r = await answer(res);
    expect(r).toMatchObject({ status: 200, data: { stored: 2, appended: 2, cases: 1 } });
  });
});
