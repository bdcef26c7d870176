import type { Actor, ComplaintEvent } from "@bangban/domain";
import {
  ComplaintBook,
  createComplaintDoc,
  HttpSyncTransport,
  MemoryComplaintStore,
  PROTOCOL_VERSION,
  SyncError,
  saveComplaintDoc,
  toBase64,
} from "@bangban/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, type HubHarness, hubHarness, STATION_A, STATION_B } from "./harness";

/** The complaint calls over the hub's real HTTP binding (tRPC, Hono, libSQL), as a station makes them. */
const ACTOR_A = "330106001001000011aa22bb33cc44dd";
const ACTOR_B = "330106001002000055ee66ff77008899";
const zhangli: Actor = {
  userId: "u-zhangli",
  role: "helper",
  siteId: STATION_A,
  siteKind: "station",
};
const liumei: Actor = {
  userId: "u-liumei",
  role: "helper",
  siteId: STATION_B,
  siteKind: "station",
};

let h: HubHarness;
const transports: Record<string, HttpSyncTransport> = {};

async function enrol(site: string, actorId: string) {
  const lead = await h.as("sunhua");
  const made = await lead.mutate<{ code: string }>("admin.enrolment.createCode", { siteId: site });
  const r = await h.client().mutate<{ credential: string }>("sync.enrol", {
    protocol: PROTOCOL_VERSION,
    code: made.data?.code,
    actorIds: [actorId],
  });
  return new HttpSyncTransport({
    hubUrl: "http://hub.example/",
    credential: r.data?.credential as string,
    fetch: async (url, init) => h.app.request(url, init),
  });
}

beforeAll(async () => {
  h = await hubHarness();
  transports.a = await enrol(STATION_A, ACTOR_A);
  transports.b = await enrol(STATION_B, ACTOR_B);
});
afterAll(() => h.close());

let n = 0;
function register(actor: Actor, targetSite: string): { id: string; event: ComplaintEvent } {
  n++;
  return {
    id: `01JHUBCOMPLAINT00000000${String(n).padStart(3, "0")}`,
    event: {
      id: `ev-${n}`,
      at: "2026-11-02T01:30:00.000Z",
      actor,
      type: "register",
      payload: {
        kind: "complaint",
        channel: "phone",
        target: { siteId: targetSite },
        content: "服务态度差",
        written: false,
        complexity: "simple",
      },
    },
  };
}

describe("sync.pushComplaints / sync.pullComplaints over HTTP", () => {
  it("投诉同步: station A's complaint about station B is stored with its complainant; B pulls it without", async () => {
    const book = new ComplaintBook(new MemoryComplaintStore(), ACTOR_A);
    const { id, event } = register(zhangli, STATION_B);
    await book.register(id, event, { name: "李四", phone: "13912345678" });
    const { wire } = await book.unsent(0);
    expect(
      await transports.a?.pushComplaints({ protocol: PROTOCOL_VERSION, complaints: wire }),
    ).toEqual({
      stored: 1,
    });
    const pulled = await transports.b?.pullComplaints({ protocol: PROTOCOL_VERSION, after: 0 });
    expect(pulled?.complaints.map((c) => [c.id, c.complainant])).toEqual([[id, null]]);
    const own = await transports.a?.pullComplaints({ protocol: PROTOCOL_VERSION, after: 0 });
    expect(own?.complaints.map((c) => c.complainant?.name)).toEqual(["李四"]);
  });

  it("投诉同步攻击: a complaint registered in station B's user's name from station A's credential is refused, nothing stored", async () => {
    const before = await count(h.services, "complaint_docs");
    const { id, event } = register(liumei, STATION_A);
    const doc = saveComplaintDoc(createComplaintDoc(id, event, ACTOR_A));
    const e = await transports.a
      ?.pushComplaints({
        protocol: PROTOCOL_VERSION,
        complaints: [{ id, doc: toBase64(doc), complainant: null }],
      })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SyncError);
    expect((e as SyncError).data).toMatchObject({ kind: "FORGED_ACTOR", caseId: id });
    expect(await count(h.services, "complaint_docs")).toBe(before);
  });
});
